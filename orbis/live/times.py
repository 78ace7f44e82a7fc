"""One moment read in every participating class's local time, with what is wrong with it there
(outside the class's hours, on a day its school is closed)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

from orbis.core.schooldays import closed_reason
from orbis.schools.calendars import school_calendar

UTC = ZoneInfo("UTC")


def zone_of(school) -> ZoneInfo:
    """A school's zone; UTC for a teacher without a school (or an unreadable zone)."""
    try:
        return ZoneInfo(school.time_zone) if school is not None and school.time_zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def viewer_zone(viewer) -> ZoneInfo:
    """The zone a person reads times in: a teacher's school's, a student's class's school's."""
    if viewer.teacher is not None:
        return zone_of(viewer.teacher.school)
    if viewer.student is not None:
        return zone_of(viewer.student.classroom.teacher.school)
    return UTC


def flag(school) -> str:
    return school.country.unicode_flag if school is not None and school.country else ""


def closed_text(reason: str | None) -> str:
    if reason is None:
        return ""
    if reason == "weekend":
        return _("weekend")
    if reason == "break":
        return _("school break")
    if reason.startswith("holiday: "):
        return _("public holiday: %(name)s") % {"name": reason.removeprefix("holiday: ")}
    return reason


@dataclass(frozen=True)
class LocalTime:
    classroom: object
    school: object
    flag: str
    zone: str
    start: datetime  # in the class's zone
    end: datetime
    outside_hours: bool  # the class gave its hours and the session is not inside one period
    no_timetable: bool
    closed: str  # why the school is closed that day, translated; "" on a school day

    @property
    def fine(self) -> bool:
        return not (self.outside_hours or self.closed)


def local_time(classroom, start: datetime, minutes: int, *, periods) -> LocalTime:
    """Where a moment falls for one class, given its weekly timetable (`weekly_timetables`).
    The classroom comes with teacher__school__terms prefetched (see CLASS_PREFETCH) to keep a
    table of classes to a few queries."""
    school = classroom.teacher.school
    tz = zone_of(school)
    local_start = start.astimezone(tz)
    local_end = (start + timedelta(minutes=minutes)).astimezone(tz)
    begin = local_start.hour * 60 + local_start.minute
    # A session running past local midnight fits no school period.
    finish = begin + minutes if local_end.date() == local_start.date() else 24 * 60 + 1
    inside = any(
        p.weekday == local_start.weekday() and p.start <= begin and finish <= p.end for p in periods
    )
    reason = closed_reason(local_start.date(), school_calendar(school)) if school else None
    return LocalTime(
        classroom=classroom,
        school=school,
        flag=flag(school),
        zone=tz.key,
        start=local_start,
        end=local_end,
        outside_hours=bool(periods) and not inside,
        no_timetable=not periods,
        closed=closed_text(reason),
    )


CLASS_PREFETCH = ("teacher__school__terms",)


def local_times(classrooms, start: datetime, minutes: int, timetables) -> list[LocalTime]:
    """Each class's local time; `timetables` as `weekly_timetables` answers for them."""
    return [
        local_time(classroom, start, minutes, periods=timetables.get(classroom.pk, ()))
        for classroom in classrooms
    ]

"""The slot finder on a page: classrooms in, proposals out, worded for the reader.

The search itself is the pure `orbis.core.slots`; here its answer is told in the reader's zone
and in every class's own local time, with a link that fills in the scheduling form.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orbis.classrooms.selectors import weekly_timetables
from orbis.core.schooldays import SchoolCalendar
from orbis.core.slots import ClassSchedule, SlotError, SlotRequest, find_slots
from orbis.core.timetable import Period
from orbis.schools.calendars import school_calendar

from .times import LocalTime, local_time

COMFORTABLE = 0.99  # comfort 1: well inside every attendee's hours
WEEKDAYS_PLURAL = (
    gettext_lazy("Mondays"),
    gettext_lazy("Tuesdays"),
    gettext_lazy("Wednesdays"),
    gettext_lazy("Thursdays"),
    gettext_lazy("Fridays"),
    gettext_lazy("Saturdays"),
    gettext_lazy("Sundays"),
)


def schedule_of(classroom, periods: tuple[Period, ...] | None = None) -> ClassSchedule:
    """The slot finder's view of a class; its timetable as `weekly_timetables` reads it (read
    here, one query, when not given)."""
    if periods is None:
        periods = weekly_timetables([classroom]).get(classroom.pk, ())
    school = classroom.teacher.school
    return ClassSchedule(
        key=str(classroom.pk),
        name=classroom.name,
        country=school.country.code if school else "",
        time_zone=school.time_zone if school and school.time_zone else "UTC",
        periods=periods,
        calendar=school_calendar(school) if school else SchoolCalendar(name="", country=""),
    )


@dataclass(frozen=True)
class ShownSlot:
    start: datetime  # in the reader's zone
    end: datetime
    classes: tuple[LocalTime, ...]  # the attendees, each at its own local time
    everyone: bool
    comfortable: bool
    use_url: str

    @property
    def names(self) -> str:
        return " + ".join(f"{row.flag} {row.classroom.name}".strip() for row in self.classes)


@dataclass(frozen=True)
class ShownIsolated:
    name: str
    sentence: str  # the compromise, or "" when none was found
    slot: ShownSlot | None


@dataclass(frozen=True)
class Finding:
    best: tuple[ShownSlot, ...]
    everyone: bool
    covering: tuple[ShownSlot, ...]
    isolated: tuple[ShownIsolated, ...]
    count: int  # classes asked about


def _error_text(error: SlotError) -> str:
    texts = {
        "classes": _("Choose at least two classes."),
        "window": _("The last day can't come before the first."),
        "window_length": _("Look at 12 weeks at most."),
        "minutes": _("A session lasts from 15 minutes to 4 hours."),
        "time_zone": _("A school of these classes has an unknown time zone."),
        "period": _("A class's timetable can't be read: its teacher should check it."),
    }
    return texts.get(error.code, _("These classes and days can't be searched."))


def find(
    *, project, classrooms, first_day, last_day, minutes, zone: ZoneInfo, now
) -> Finding | str:
    """The proposals for these classes, or the reason there are none as a sentence."""
    by_key = {str(c.pk): c for c in classrooms}
    timetables = weekly_timetables(classrooms)
    try:
        proposal = find_slots(
            SlotRequest(
                classes=tuple(schedule_of(c, timetables.get(c.pk, ())) for c in classrooms),
                first_day=first_day,
                last_day=last_day,
                minutes=minutes,
                not_before=now,
            )
        )
    except SlotError as error:
        return _error_text(error)
    base = reverse("live_session_new", args=[project.token])

    def shown(slot, keys, *, compromise=False) -> ShownSlot:
        rooms = [by_key[k] for k in keys if k in by_key]
        local = slot.start.astimezone(zone)
        query = urlencode(
            {
                "day": local.date().isoformat(),
                "time": local.strftime("%H:%M"),
                "minutes": minutes,
                "classrooms": [c.pk for c in rooms],
            },
            doseq=True,
        )
        return ShownSlot(
            start=local,
            end=slot.end.astimezone(zone),
            classes=tuple(
                local_time(c, slot.start, minutes, periods=timetables.get(c.pk, ())) for c in rooms
            ),
            # A compromise is outside someone's hours: never "everyone can attend".
            everyone=not compromise and len(rooms) == len(classrooms),
            comfortable=slot.comfort >= COMFORTABLE,
            use_url=f"{base}?{query}#schedule",
        )

    isolated = []
    for key in proposal.isolated:
        room = by_key.get(key)
        if room is None:
            continue
        compromise = next((c for c in proposal.compromises if c.key == key), None)
        partner = by_key.get(compromise.partner) if compromise else None
        if compromise is None or partner is None:
            isolated.append(ShownIsolated(room.name, "", None))
            continue
        values = {
            "minutes": compromise.minutes,
            "days": WEEKDAYS_PLURAL[compromise.weekday % 7],
            "name": room.name,
            "partner": partner.name,
        }
        if compromise.side == "before":
            sentence = _(
                "Starting %(minutes)d minutes before the school day on %(days)s would let "
                "%(name)s meet %(partner)s."
            )
        else:
            sentence = _(
                "Staying %(minutes)d minutes after the school day on %(days)s would let "
                "%(name)s meet %(partner)s."
            )
        isolated.append(
            ShownIsolated(
                room.name,
                sentence % values,
                shown(compromise.slot, (key, compromise.partner), compromise=True),
            )
        )
    return Finding(
        best=tuple(shown(slot, slot.attendees) for slot in proposal.best),
        everyone=proposal.everyone,
        covering=tuple(shown(s.slot, s.attendees) for s in proposal.covering),
        isolated=tuple(isolated),
        count=len(classrooms),
    )

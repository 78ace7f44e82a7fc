"""Schools and requests for the slot finder's tests (orbis/core/slots), written the short way:
`school("kyiv", "UA", "Europe/Kyiv", "14:00-16:00")` is a class open 14:00-16:00 on weekdays."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from orbis.core.schooldays import SchoolCalendar
from orbis.core.slots import ClassSchedule, SlotRequest
from orbis.core.timetable import Period

WEEKDAYS = range(5)


def hours(text: str) -> tuple[int, int]:
    start, end = text.split("-")
    (h1, m1), (h2, m2) = (map(int, start.split(":")), map(int, end.split(":")))
    return h1 * 60 + m1, h2 * 60 + m2


def school(key, country, zone, spans="08:00-15:00", days=WEEKDAYS, weekend=(5, 6), breaks=()):
    periods = tuple(Period(day, *hours(span)) for day in days for span in spans.split(",") if span)
    calendar = SchoolCalendar(f"School {key}", country, tuple(weekend), None, tuple(breaks))
    return ClassSchedule(key, f"Class {key}", country, zone, periods, calendar)


def request(classes, first, last, minutes=60, **options):
    return SlotRequest(tuple(classes), first, last, minutes, **options)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def local(moment: datetime, zone: str) -> tuple[date, int]:
    moment = moment.astimezone(ZoneInfo(zone))
    return moment.date(), moment.hour * 60 + moment.minute

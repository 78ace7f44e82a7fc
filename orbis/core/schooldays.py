"""School days: when one school, or all partner schools together, have lessons.

A date suits a project, and a live session, when it is a school day for every participating
school: not its weekend, not a public holiday of its country, not in one of its term breaks.
Plans (orbis.core.plans) and the live-session slot finder (orbis.core.slots) both ask here, so
the rule is written once. Public holidays come from the `holidays` package (national ones, plus
the subdivision's when one is given).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays


@dataclass(frozen=True)
class SchoolCalendar:
    """When one participating school has no lessons.

    weekend_days: 0 = Monday … 6 = Sunday. country: ISO 3166-1 alpha-2 (public holidays from the
    `holidays` package; subdivision optional). breaks: inclusive (first, last) date ranges.
    """

    name: str
    country: str
    weekend_days: tuple[int, ...] = (5, 6)
    subdivision: str | None = None
    breaks: tuple[tuple[date, date], ...] = ()


ONE_DAY = timedelta(days=1)
# How far to look for a date that suits all schools before giving up: a year covers any
# realistic mix of weekends and term breaks.
SEARCH_DAYS = 366


@cache
def public_holidays(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    """The public holidays of one country (and subdivision) in one year, date → name.

    Building the `holidays` object is the slow part, so it is done once per (country,
    subdivision, year). Unknown countries have no holidays here; an unknown subdivision falls
    back to the national holidays.
    """
    try:
        found = holidays.country_holidays(country.upper(), subdiv=subdivision, years=year)
    except NotImplementedError:
        if subdivision:
            return public_holidays(country, None, year)
        return {}
    return dict(found)


def closed_reason(day: date, calendar: SchoolCalendar) -> str | None:
    """None on a school day, else why the school is closed: "weekend", "holiday: <name>" or
    "break" (weekends win over holidays, holidays over breaks)."""
    if day.weekday() in calendar.weekend_days:
        return "weekend"
    name = public_holidays(calendar.country, calendar.subdivision, day.year).get(day)
    if name is not None:
        return f"holiday: {name}"
    for first, last in calendar.breaks:
        if first <= day <= last:
            return "break"
    return None


def is_school_day(day: date, calendars: Iterable[SchoolCalendar]) -> bool:
    """A school day for all calendars (any day is one when there are no calendars)."""
    return all(closed_reason(day, calendar) is None for calendar in calendars)


def next_school_day(
    day: date, calendars: Sequence[SchoolCalendar], *, forward: bool = True, limit: int = 60
) -> date:
    """The nearest school day for all calendars from day on (day itself when it suits), going
    forward or backward; after `limit` days without one, day itself, unchanged."""
    step = ONE_DAY if forward else -ONE_DAY
    candidate = day
    for _ in range(limit + 1):
        if is_school_day(candidate, calendars):
            return candidate
        candidate += step
    return day


def school_days(
    start: date, count: int, calendars: Sequence[SchoolCalendar], *, limit: int = SEARCH_DAYS
) -> list[date]:
    """The first `count` school days for all calendars from start on. Fewer when the calendars
    have no common school day for `limit` days in a row (so it always ends)."""
    found: list[date] = []
    day, idle = start, 0
    while len(found) < count and idle <= limit:
        if is_school_day(day, calendars):
            found.append(day)
            idle = 0
        else:
            idle += 1
        day += ONE_DAY
    return found


def school_days_between(first: date, last: date, calendars: Sequence[SchoolCalendar]) -> list[date]:
    """Every school day for all calendars from first to last, inclusive."""
    days = (first + timedelta(days=k) for k in range((last - first).days + 1))
    return [day for day in days if is_school_day(day, calendars)]

"""Planned dates that fall on a day some partner school is closed, and where to move them.

The school-day rules themselves are shared with the slot finder: see orbis/core/schooldays.py.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from orbis.core.schooldays import SEARCH_DAYS, SchoolCalendar, closed_reason, next_school_day

from .types import Clash


def clashes(items: Iterable[tuple[str, date]], calendars: Sequence[SchoolCalendar]) -> list[Clash]:
    """For each (title, date) and each school closed on it, a Clash with the nearest following
    date that suits all schools (the date itself when no such date is found within a year)."""
    found = []
    for title, day in items:
        shifted: date | None = None
        for calendar in calendars:
            reason = closed_reason(day, calendar)
            if reason is None:
                continue
            if shifted is None:
                shifted = next_school_day(day, calendars, limit=SEARCH_DAYS)
            found.append(Clash(title, day, calendar.name, reason, shifted))
    return found

"""A class's availability in the search window as UTC windows on its open school days.

Its weekly periods (in the school's local time) are merged into contiguous runs, placed on
each local school day from first to last (a day its school is closed, by orbis.core.schooldays,
has none) and converted to UTC with the real offset of that date, so daylight-saving changes
come out right. The slot finder, its covering and its compromises all read these windows.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from orbis.core.schooldays import closed_reason
from orbis.core.timetable import MINUTES_PER_DAY, merge, utc_minute

from .types import ClassSchedule

ONE_DAY = timedelta(days=1)

# A window: (utc_start, utc_end, local date, local start minute, local end minute).
Window = tuple[int, int, date, int, int]


@dataclass
class ClassWindows:
    index: int  # position in key order, also its bit in attendee masks
    schedule: ClassSchedule
    windows: list[Window]  # sorted by start, disjoint
    starts: list[int]  # window starts, for bisect
    days: list[list[Window]]  # the windows of each open local day, by date


def class_windows(
    index: int,
    schedule: ClassSchedule,
    first: date,
    last: date,
    epoch: datetime,
    offsets: dict[tuple[str, date], int | None],
) -> ClassWindows:
    """The class's windows on its open local days from first to last (inclusive)."""
    zone = schedule.time_zone
    tz = ZoneInfo(zone)
    by_weekday: dict[int, list[tuple[int, int]]] = {}
    for period in schedule.periods:
        by_weekday.setdefault(period.weekday, []).append((period.start, period.end))
    runs = {weekday: merge(spans) for weekday, spans in by_weekday.items()}
    epoch_day = epoch.date()
    windows: list[Window] = []
    days: list[list[Window]] = []
    day = first
    while day <= last:
        local = runs.get(day.weekday())
        if local and closed_reason(day, schedule.calendar) is None:
            offset = offsets.get((zone, day), False)
            if offset is False:
                offset = offsets[zone, day] = _steady_offset(tz, day)
            base = (day - epoch_day).days * MINUTES_PER_DAY
            todays = []
            for start, end in local:
                if offset is None:  # the offset changes today: convert each time exactly
                    utc_start = utc_minute(tz, day, start, epoch)
                    utc_end = utc_minute(tz, day, end, epoch)
                else:
                    utc_start, utc_end = base + start - offset, base + end - offset
                if utc_end > utc_start:  # a period inside a skipped hour does not exist
                    todays.append((utc_start, utc_end, day, start, end))
            if todays:
                windows.extend(todays)
                days.append(todays)
        day += ONE_DAY
    windows.sort()
    return ClassWindows(index, schedule, windows, [w[0] for w in windows], days)


def _steady_offset(tz: ZoneInfo, day: date) -> int | None:
    """The zone's UTC offset in minutes on that local date, or None when it changes during the
    day (or is not whole minutes), so the caller converts each time exactly."""
    following = day + ONE_DAY
    today = datetime(day.year, day.month, day.day, tzinfo=tz).utcoffset()
    tomorrow = datetime(following.year, following.month, following.day, tzinfo=tz).utcoffset()
    if today is None or today != tomorrow or today.total_seconds() % 60:
        return None
    return int(today.total_seconds() // 60)

"""Weekly availability timetables: parsing, validation and conversion to UTC.

A classroom's timetable is a set of periods in its school's local time ("Tuesday 13:00–14:10")
in which it could meet a partner class live. Pure module (no Django), so the matching engine
can use it on millions of classrooms.

Weekdays are numbered as in Python: Monday is 0, Sunday is 6. Times are minutes after local
midnight. A period never crosses midnight (school hours don't).
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, order=True)
class Period:
    weekday: int  # 0 = Monday … 6 = Sunday
    start: int  # minutes after local midnight
    end: int  # minutes after local midnight, > start

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{format_minutes(self.start)}–{format_minutes(self.end)}"


class TimetableError(ValueError):
    """A timetable a person wrote that cannot be right. `code` says which rule it broke.

    Codes: "syntax" (not HH:MM–HH:MM), "time" (no such time of day), "inverted" (ends before it
    starts), "overlap" (two periods of one day overlap), "weekday" (no such day).
    `params` holds the values a translated message needs.
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


_TIME = r"(\d{1,2})(?:[:.h](\d{2}))?"
_PERIOD = re.compile(rf"^\s*{_TIME}\s*(?:-|–|—|to)\s*{_TIME}\s*$", re.IGNORECASE)


def _minutes(hours: str, minutes: str | None, text: str) -> int:
    h, m = int(hours), int(minutes or 0)
    if h > 24 or m > 59 or (h == 24 and m):
        raise TimetableError("time", f"{text!r} is not a time of day.", text=text)
    return h * 60 + m


def parse_day(weekday: int, text: str) -> list[Period]:
    """Parse one day's periods written as "09:00-10:30, 13:00-14:10" (an empty text: none)."""
    if not 0 <= weekday <= 6:
        raise TimetableError("weekday", f"{weekday} is not a weekday.", weekday=weekday)
    periods = []
    for chunk in re.split(r"[,;\n]+", text):
        if not chunk.strip():
            continue
        match = _PERIOD.match(chunk)
        if not match:
            raise TimetableError(
                "syntax",
                f"Write each period as 09:00-10:30, not {chunk.strip()!r}.",
                text=chunk.strip()[:40],
            )
        start = _minutes(match[1], match[2], chunk.strip())
        end = _minutes(match[3], match[4], chunk.strip())
        periods.append(Period(weekday, start, end))
    return validate(periods)


def validate(periods: list[Period]) -> list[Period]:
    """Return the periods sorted, or raise TimetableError for an inverted or overlapping one."""
    for period in periods:
        if not 0 <= period.weekday <= 6:
            raise TimetableError(
                "weekday", f"{period.weekday} is not a weekday.", weekday=period.weekday
            )
        if not (0 <= period.start <= MINUTES_PER_DAY and 0 <= period.end <= MINUTES_PER_DAY):
            raise TimetableError("time", f"{period} is not within one day.", text=str(period))
        if period.end <= period.start:
            raise TimetableError("inverted", f"{period} ends before it starts.", period=str(period))
    ordered = sorted(periods)
    for before, after in pairwise(ordered):
        if before.weekday == after.weekday and after.start < before.end:
            raise TimetableError(
                "overlap", f"{before} and {after} overlap.", first=str(before), second=str(after)
            )
    return ordered


def format_day(periods: list[Period]) -> str:
    """The inverse of parse_day: "09:00-10:30, 13:00-14:10"."""
    return ", ".join(f"{format_minutes(p.start)}-{format_minutes(p.end)}" for p in sorted(periods))


def weekly_minutes(periods: list[Period]) -> int:
    return sum(period.minutes for period in periods)


def monday_of(day: date) -> date:
    """The Monday of the week that contains `day`."""
    return day - timedelta(days=day.weekday())


def utc_minute(tz: ZoneInfo, day: date, minute: int, epoch: datetime) -> int:
    """A local wall time (`minute` after local midnight of `day` in `tz`) as whole minutes after
    the aware `epoch`. Round-trips through UTC, so a wall time in a DST gap or fold resolves as
    in utc_intervals (with the offset before the change)."""
    local = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minute)
    return int((local.astimezone(UTC) - epoch).total_seconds() // 60)


def utc_intervals(periods: list[Period], zone: str, week_of: date) -> list[tuple[int, int]]:
    """The periods of the week that contains `week_of`, as minutes after that week's Monday
    00:00 UTC, merged and sorted.

    Conversion uses the real dates of that week, so daylight-saving time is right for it; an
    interval may start before Monday 00:00 UTC (negative) or end after Sunday 24:00 UTC.
    """
    tz = ZoneInfo(zone)
    monday = monday_of(week_of)
    week_start = datetime(monday.year, monday.month, monday.day, tzinfo=ZoneInfo("UTC"))
    intervals = []
    for period in periods:
        day = monday + timedelta(days=period.weekday)
        local_midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
        start = local_midnight + timedelta(minutes=period.start)
        end = local_midnight + timedelta(minutes=period.end)
        # Round-trip through UTC so a wall time in a DST gap or fold resolves consistently.
        start_min = int((start.astimezone(ZoneInfo("UTC")) - week_start).total_seconds() // 60)
        end_min = int((end.astimezone(ZoneInfo("UTC")) - week_start).total_seconds() // 60)
        if end_min > start_min:
            intervals.append((start_min, end_min))
    return merge(intervals)


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Intersection of two sorted, merged interval lists."""
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def overlap_minutes(
    a: list[Period], zone_a: str, b: list[Period], zone_b: str, week_of: date
) -> int:
    """Minutes in the week of `week_of` in which both classes are available at the same moment."""
    both = intersect(utc_intervals(a, zone_a, week_of), utc_intervals(b, zone_b, week_of))
    return sum(end - start for start, end in both)


def local_periods(intervals: list[tuple[int, int]], zone: str, week_of: date) -> list[Period]:
    """The inverse of utc_intervals: UTC minutes after the Monday 00:00 UTC of the week of
    `week_of`, as weekly periods in the local time of `zone` (split at local midnight)."""
    tz = ZoneInfo(zone)
    monday = monday_of(week_of)
    week_start = datetime(monday.year, monday.month, monday.day, tzinfo=ZoneInfo("UTC"))
    periods = []
    for start, end in intervals:
        local_start = (week_start + timedelta(minutes=start)).astimezone(tz)
        local_end = (week_start + timedelta(minutes=end)).astimezone(tz)
        while local_start < local_end:
            midnight = datetime(
                local_start.year, local_start.month, local_start.day, tzinfo=tz
            ) + timedelta(days=1)
            piece_end = min(local_end, midnight)
            begin = local_start.hour * 60 + local_start.minute
            finish = begin + int((piece_end - local_start).total_seconds() // 60)
            if finish > begin:
                periods.append(Period(local_start.weekday(), begin, min(finish, MINUTES_PER_DAY)))
            local_start = piece_end
    return sorted(set(periods))


def group_by_time(periods: list[Period]) -> list[tuple[tuple[int, ...], int, int]]:
    """Periods that share their times across days, as (weekdays, start, end), e.g. Tuesday to
    Thursday 13:00–14:10 becomes ((1, 2, 3), 780, 850); ordered by first weekday."""
    days: dict[tuple[int, int], list[int]] = {}
    for period in periods:
        days.setdefault((period.start, period.end), []).append(period.weekday)
    groups = [(tuple(sorted(set(w))), start, end) for (start, end), w in days.items()]
    return sorted(groups, key=lambda group: (group[0][0], group[1]))

"""A classroom's week in UTC: its local periods as minutes after Monday 00:00 UTC, modulo a week.

The same conversion as `orbis.core.timetable.utc_intervals` (the real dates of the week of
`week_of`, so daylight-saving time is right for that week), made fast for millions of
classrooms: a zone's UTC offset is looked up once per (zone, week, weekday) and reused for every
period of that local day unless the day has a DST change, where the exact conversion runs.

Availability repeats every week, so a moment before Monday 00:00 UTC (a Monday morning in
Auckland) or after Sunday 24:00 UTC wraps around to the other end of the week: every interval
lies in [0, 10080), and two classes overlap whenever their weekly patterns do.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from orbis.core.timetable import (
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    Period,
    merge,
    monday_of,
    utc_intervals,
    utc_minute,
)

UTC = ZoneInfo("UTC")
_SLOW = 1 << 40  # marks a day with a DST change in the offset table


@lru_cache(maxsize=4096)
def day_offsets(zone: str, monday: date) -> tuple[int | None, ...]:
    """Per weekday, the shift (UTC minute − local minute − weekday × 1440) of that whole local
    day, or None when the offset changes during the day (then convert each moment exactly)."""
    tz = ZoneInfo(zone)
    week_start = datetime(monday.year, monday.month, monday.day, tzinfo=UTC)
    shifts: list[int | None] = []
    for weekday in range(7):
        base = weekday * MINUTES_PER_DAY
        day = monday + timedelta(days=weekday)
        probes = [
            utc_minute(tz, day, minute, week_start) - base - minute
            for minute in (0, 6 * 60, 12 * 60, 18 * 60, MINUTES_PER_DAY)
        ]
        shifts.append(probes[0] if len(set(probes)) == 1 else None)
    return tuple(shifts)


def wrap(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Intervals in UTC minutes of the week, folded into [0, 10080), merged and sorted."""
    folded = []
    for start, end in intervals:
        if end - start >= MINUTES_PER_WEEK:
            return [(0, MINUTES_PER_WEEK)]
        shift = (start // MINUTES_PER_WEEK) * MINUTES_PER_WEEK
        start, end = start - shift, end - shift
        if end > MINUTES_PER_WEEK:
            folded += [(start, MINUTES_PER_WEEK), (0, end - MINUTES_PER_WEEK)]
        else:
            folded.append((start, end))
    return merge(folded)


def session_windows(common: Iterable[tuple[int, int]], minimum: int) -> tuple[tuple[int, int], ...]:
    """The common windows (sorted, disjoint, not touching, in [0, 10080), as `wrap` gives
    them) at least `minimum` minutes long. The week repeats, so a window that runs across
    Monday 00:00 UTC, (…, 10080) and (0, …), is one window: both its parts stay or go."""
    windows = list(common)
    across = 0
    if len(windows) > 1 and windows[0][0] == 0 and windows[-1][1] == MINUTES_PER_WEEK:
        across = windows[0][1] + MINUTES_PER_WEEK - windows[-1][0]
    kept = []
    for position, (start, end) in enumerate(windows):
        at_an_end = across and position in (0, len(windows) - 1)
        if (across if at_an_end else end - start) >= minimum:
            kept.append((start, end))
    return tuple(kept)


def week_intervals(
    periods: Iterable[Period], zone: str, week_of: date
) -> tuple[tuple[int, int], ...]:
    """The periods of the week of `week_of`, in UTC minutes after Monday 00:00 UTC, wrapped
    into the week, merged and sorted."""
    monday = monday_of(week_of)
    shifts = day_offsets(zone, monday)
    raw = []
    slow = []
    for period in periods:
        shift = shifts[period.weekday]
        if shift is None:
            slow.append(period)
            continue
        base = period.weekday * MINUTES_PER_DAY + shift
        raw.append((base + period.start, base + period.end))
    if slow:
        raw += utc_intervals(slow, zone, week_of)
    return tuple(wrap(raw))


def week_arrays(
    owner: np.ndarray,
    zone: np.ndarray,
    zone_names: list[str],
    weekday: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    week_of: date,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`week_intervals` for many periods at once: period k belongs to classroom owner[k], whose
    zone is zone_names[zone[k]]. Returns (owner, start, end) of the merged intervals, sorted by
    owner and start."""
    monday = monday_of(week_of)
    table = np.array(
        [[_SLOW if s is None else s for s in day_offsets(name, monday)] for name in zone_names],
        dtype=np.int64,
    ).reshape(len(zone_names), 7)
    shift = table[zone, weekday] if len(zone) else np.zeros(0, dtype=np.int64)
    base = weekday.astype(np.int64) * MINUTES_PER_DAY + shift
    s, e, o = base + start, base + end, owner.astype(np.int64)
    slow = np.flatnonzero(shift == _SLOW)
    if len(slow):
        extra = [
            (int(owner[k]), a, b)
            for k in slow.tolist()
            for a, b in utc_intervals(
                [Period(int(weekday[k]), int(start[k]), int(end[k]))],
                zone_names[int(zone[k])],
                week_of,
            )
        ]
        fast = shift != _SLOW
        columns = list(zip(*extra, strict=True)) or [(), (), ()]
        extra_o, extra_s, extra_e = (np.array(c, dtype=np.int64) for c in columns)
        o, s, e = np.r_[o[fast], extra_o], np.r_[s[fast], extra_s], np.r_[e[fast], extra_e]
    # Fold into the week; an interval across the week's end becomes two.
    fold = np.floor_divide(s, MINUTES_PER_WEEK) * MINUTES_PER_WEEK
    s, e = s - fold, e - fold
    over = np.flatnonzero(e > MINUTES_PER_WEEK)
    o = np.r_[o, o[over]]
    s = np.r_[s, np.zeros(len(over), dtype=np.int64)]
    e = np.r_[np.minimum(e, MINUTES_PER_WEEK), e[over] - MINUTES_PER_WEEK]
    # Merge overlapping or touching intervals of each owner.
    order = np.argsort(o * (2 * MINUTES_PER_WEEK) + s, kind="stable")
    o, s, e = o[order], s[order], e[order]
    if not len(o):
        return o, s, e
    reach = np.maximum.accumulate(o * (2 * MINUTES_PER_WEEK) + e) - o * (2 * MINUTES_PER_WEEK)
    new = np.r_[True, (o[1:] != o[:-1]) | (s[1:] > reach[:-1])]
    first = np.flatnonzero(new)
    return o[first], s[first], np.maximum.reduceat(e, first)

"""When a class can meet nobody: the smallest stretch of one of its school days that would help.

A separate step of the slot finder (see engine.py), run only for isolated classes: it proposes
starting earlier or staying later on one day, by multiples of STRETCH_STEP up to MAX_STRETCH.
"""

from bisect import bisect_left
from datetime import datetime

from orbis.core.timetable import MINUTES_PER_DAY

from .grid import Candidate, Grid, comfort_of, to_slot
from .types import Compromise
from .windows import ClassWindows

STRETCH_STEP = 15  # compromises stretch a school day by multiples of this
MAX_STRETCH = 180  # beyond three hours a compromise is no longer a reasonable ask


def compromise(
    lonely: ClassWindows,
    classes: list[ClassWindows],
    pool: list[tuple[int, int, int]],
    countries: list[str],
    exchange: bool,
    grid: Grid,
    epoch: datetime,
    keys: list[str],
) -> Compromise | None:
    """The smallest stretch of one school day of the isolated class (earlier start or later
    end, by multiples of STRETCH_STEP up to MAX_STRETCH, never past local midnight) that would
    let it meet a class it may meet; ties: starting earlier over staying later, then the
    earliest meeting, then the partner's key.

    `pool` holds every window of every class as (start, end, class index), sorted."""
    starts = [window[0] for window in pool]
    country = countries[lonely.index]

    def partners(lo: int, hi: int) -> list[tuple[int, int, int]]:
        """The windows of the classes the lonely one may meet that overlap [lo, hi)."""
        # A window lies within one local day (25 hours at most, when clocks go back).
        k = bisect_left(starts, lo - 2 * MINUTES_PER_DAY)
        found = []
        while k < len(pool) and pool[k][0] < hi:
            _, window_end, index = pool[k]
            if (
                window_end > lo
                and index != lonely.index
                and (not exchange or countries[index] != country)
            ):
                found.append(pool[k])
            k += 1
        return found

    found: tuple | None = None
    for day in lonely.days:
        first, last = day[0], day[-1]
        # Starting earlier: the first window of the day begins `stretch` sooner.
        start, end, local_day, local_start, _ = first
        for other_start, other_end, partner in partners(start - MAX_STRETCH, end):
            lo = grid.up(max(other_start, grid.first))
            hi = grid.down(min(min(end, other_end) - grid.minutes, grid.last))
            stretch = _stretch(start - hi)
            if lo > hi or stretch is None or stretch > local_start:
                continue
            begin = grid.up(max(start - stretch, lo))
            at = grid.most_comfortable(
                begin, hi, max(start - stretch, other_start), min(end, other_end)
            )
            option = (stretch, 0, at, partner, local_day, (start - stretch, end))
            found = option if found is None or option[:4] < found[:4] else found
        # Staying later: the last window of the day ends `stretch` later.
        start, end, local_day, _, local_end = last
        for other_start, other_end, partner in partners(start, end + MAX_STRETCH):
            lo = grid.up(max(start, other_start, grid.first))
            hi = grid.down(min(other_end - grid.minutes, grid.last))
            stretch = _stretch(lo + grid.minutes - end)
            if lo > hi or stretch is None or stretch > MINUTES_PER_DAY - local_end:
                continue
            finish = grid.down(min(hi, end + stretch - grid.minutes))
            at = grid.most_comfortable(
                lo, finish, max(start, other_start), min(end + stretch, other_end)
            )
            option = (stretch, 1, at, partner, local_day, (start, end + stretch))
            found = option if found is None or option[:4] < found[:4] else found
    if found is None:
        return None
    stretch, side, at, partner_index, local_day, stretched = found
    latest_start, earliest_end, mask = stretched[0], stretched[1], 1 << lonely.index
    for c in classes:
        if c.index == lonely.index:
            continue
        window = _holding(c, at, at + grid.minutes)
        if window is not None:
            mask |= 1 << c.index
            latest_start = max(latest_start, window[0])
            earliest_end = min(earliest_end, window[1])
    comfort = comfort_of(at, grid.minutes, latest_start, earliest_end)
    candidate = Candidate(at, mask, mask.bit_count(), comfort)
    return Compromise(
        key=lonely.schedule.key,
        partner=keys[partner_index],
        weekday=local_day.weekday(),
        minutes=stretch,
        side=("before", "after")[side],
        slot=to_slot(epoch, candidate, keys, grid.minutes),
    )


def _stretch(needed: int) -> int | None:
    """The needed minutes rounded up to STRETCH_STEP, None when beyond MAX_STRETCH (or when
    nothing is needed: then the classes already meet, which an isolated class cannot)."""
    if needed <= 0:
        return None
    stretch = -(-needed // STRETCH_STEP) * STRETCH_STEP
    return stretch if stretch <= MAX_STRETCH else None


def _holding(c: ClassWindows, start: int, end: int) -> tuple[int, int] | None:
    """The class's window containing [start, end), if any."""
    k = bisect_left(c.starts, start + 1) - 1
    if k >= 0 and c.windows[k][0] <= start and end <= c.windows[k][1]:
        return c.windows[k][0], c.windows[k][1]
    return None

"""The live-session slot finder: when can the classes of a project meet?

Everything is computed in UTC minutes after 00:00 UTC of the window's first day. For each class
its availability becomes a sorted list of *windows*: the contiguous runs of its weekly periods
(periods that touch are merged) on each of its local school days in the window, converted to
UTC with the real offset of that date (so daylight-saving changes are right). A local day on
which the class's school is closed (its weekend, a public holiday of its country from the
`holidays` package, a term break) has no window; "closed" is decided on the class's own local
date.

A class can attend a session starting at minute s when one of its windows contains
[s, s + minutes). The start times a window allows are an interval of the grid, so one sweep
over the starts and ends of those intervals finds every *segment* of grid starts during which
the set of free classes stays the same; the best start of each segment follows from the latest
window start and the earliest window end of its classes (see Comfort below). No
minute-by-minute loop, no loop over class pairs. The ranked list keeps at most one slot per
(UTC day, attendee set), so it offers different days rather than shifts of one meeting.

Comfort of a slot: for each attendee, the gap between the slot and the nearer edge of the
window that holds it (min(start - window start, window end - slot end)); the slot's comfort is
the smallest of these gaps, capped at COMFORT_MINUTES and divided by it. 1.0 means the session
starts and ends at least 30 minutes inside every attendee's availability; 0.0 means it touches
the very edge for some class. Score = attendees + comfort / 2, so slots rank by the number of
classes first, then by comfort; ties go to the earliest start.

When the classes come from two countries or more (an exchange), a slot only counts when its
attendees come from at least two countries, and a class is *isolated* when it can meet no class
of another country. When all classes share one country, any two classes make a meeting.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from math import comb
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from orbis.core.plans.calendar import closed_reason
from orbis.core.timetable import MINUTES_PER_DAY, TimetableError, merge, validate

from .types import (
    ClassSchedule,
    Compromise,
    CoveringSession,
    Slot,
    SlotError,
    SlotProposal,
    SlotRequest,
)

COMFORT_MINUTES = 30  # this far inside every attendee's availability counts as fully comfortable
MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_WINDOW_DAYS = 26 * 7  # a school term or two; longer windows only cost time
STRETCH_STEP = 15  # compromises stretch a school day by multiples of this
MAX_STRETCH = 180  # beyond three hours a compromise is no longer a reasonable ask
EXACT_COVER_BUDGET = 50_000  # combinations tried in all to prove the covering minimal

ONE_DAY = timedelta(days=1)

# A window: (utc_start, utc_end, local date, local start minute, local end minute).
Window = tuple[int, int, date, int, int]


@dataclass
class _Class:
    index: int  # position in key order, also its bit in attendee masks
    schedule: ClassSchedule
    windows: list[Window]  # sorted by start, disjoint
    starts: list[int]  # window starts, for bisect
    days: list[list[Window]]  # the windows of each open local day, by date


@dataclass(frozen=True)
class _Candidate:
    start: int
    mask: int
    count: int
    comfort: float


def find_slots(request: SlotRequest) -> SlotProposal:
    """Propose meeting times for the request's classes (see the module docstring)."""
    schedules = _validate(request)
    epoch = datetime(
        request.first_day.year, request.first_day.month, request.first_day.day, tzinfo=UTC
    )
    days = (request.last_day - request.first_day).days + 1
    first_start = 0
    if request.not_before is not None:
        ahead = (request.not_before - epoch).total_seconds() / 60
        first_start = max(0, -int(-ahead // 1))  # ceil: no start before not_before
    grid = _Grid(request.step, request.minutes, first_start, days * MINUTES_PER_DAY - 1)

    offsets: dict[tuple[str, date], int | None] = {}  # shared by the classes of one zone
    classes = [
        _windows(
            k, schedule, request.first_day - ONE_DAY, request.last_day + ONE_DAY, epoch, offsets
        )
        for k, schedule in enumerate(schedules)
    ]
    countries = [c.schedule.country.upper() for c in classes]
    exchange = len(set(countries)) > 1
    keys = [c.schedule.key for c in classes]
    everybody = (1 << len(classes)) - 1

    candidates = _sweep(classes, countries, exchange, grid)
    ranked = sorted(candidates, key=lambda c: (-c.count, -c.comfort, c.start))

    def slot(candidate: _Candidate) -> Slot:
        return _slot(epoch, candidate, keys, request.minutes)

    best = [slot(c) for c in _distinct(ranked, request.limit)]
    everyone = bool(ranked) and ranked[0].mask == everybody
    reachable = 0
    for candidate in ranked:
        reachable |= candidate.mask
    isolated = [c for c in classes if not reachable >> c.index & 1]

    covering: list[CoveringSession] = []
    if ranked and not everyone:
        covering = _covering(ranked, reachable, countries, exchange, keys, grid, slot)
    compromises = []
    pool = sorted((w[0], w[1], c.index) for c in classes for w in c.windows) if isolated else []
    for lonely in isolated:
        found = _compromise(lonely, classes, pool, countries, exchange, grid, epoch, keys)
        if found is not None:
            compromises.append(found)
    return SlotProposal(
        best=tuple(best),
        everyone=everyone,
        covering=tuple(covering),
        isolated=tuple(c.schedule.key for c in isolated),
        compromises=tuple(compromises),
    )


@dataclass(frozen=True)
class _Grid:
    step: int
    minutes: int
    first: int  # earliest allowed start
    last: int  # latest allowed start (any minute of the window's last day)

    def up(self, minute: int) -> int:
        return -(-minute // self.step) * self.step

    def down(self, minute: int) -> int:
        return minute // self.step * self.step

    def starts(self, window_start: int, window_end: int) -> tuple[int, int]:
        """The first and last grid start of a session inside the window (first > last: none)."""
        return (
            self.up(max(window_start, self.first)),
            self.down(min(window_end - self.minutes, self.last)),
        )

    def most_comfortable(self, lo: int, hi: int, latest_start: int, earliest_end: int) -> int:
        """The grid start in [lo, hi] farthest from both edges of [latest_start, earliest_end]:
        the grid point nearest the middle (the earlier on a tie), clamped to [lo, hi]."""
        twice_middle = latest_start + earliest_end - self.minutes
        start = self.down(twice_middle // 2)
        if twice_middle - 2 * start > self.step:  # the next grid point is strictly nearer
            start += self.step
        return min(max(start, lo), hi)


def _comfort(start: int, minutes: int, latest_start: int, earliest_end: int) -> float:
    gap = min(start - latest_start, earliest_end - minutes - start)
    return round(max(0, min(gap, COMFORT_MINUTES)) / COMFORT_MINUTES, 4)


def _validate(request: SlotRequest) -> list[ClassSchedule]:
    """The classes in key order, or SlotError with a message a teacher can act on."""
    if len(request.classes) < 2:
        raise SlotError("classes", "Choose at least two classes to find a time for.")
    keys = [schedule.key for schedule in request.classes]
    if len(set(keys)) != len(keys):
        duplicate = next(key for key in keys if keys.count(key) > 1)
        raise SlotError("duplicate", f"The class {duplicate!r} is listed twice.", key=duplicate)
    if request.last_day < request.first_day:
        raise SlotError(
            "window",
            f"The last day ({request.last_day}) is before the first day ({request.first_day}).",
            first=request.first_day,
            last=request.last_day,
        )
    days = (request.last_day - request.first_day).days + 1
    if days > MAX_WINDOW_DAYS:
        raise SlotError(
            "window_length",
            f"Search at most {MAX_WINDOW_DAYS // 7} weeks at a time, not {days} days.",
            weeks=MAX_WINDOW_DAYS // 7,
            days=days,
        )
    if not isinstance(request.minutes, int) or not MIN_MINUTES <= request.minutes <= MAX_MINUTES:
        raise SlotError(
            "minutes",
            f"A session lasts from {MIN_MINUTES} to {MAX_MINUTES} minutes, not {request.minutes}.",
            minimum=MIN_MINUTES,
            maximum=MAX_MINUTES,
            minutes=request.minutes,
        )
    if not isinstance(request.step, int) or not 1 <= request.step <= 60 or 60 % request.step:
        raise SlotError(
            "step",
            f"The start-time step must divide an hour, not {request.step!r}.",
            step=request.step,
        )
    if not isinstance(request.limit, int) or request.limit < 1:
        raise SlotError("limit", "Ask for at least one slot.", limit=request.limit)
    if request.not_before is not None and request.not_before.utcoffset() is None:
        raise SlotError("not_before", "not_before must be an aware datetime (with a time zone).")
    for schedule in request.classes:
        try:
            ZoneInfo(schedule.time_zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise SlotError(
                "time_zone",
                f"{schedule.name}: {schedule.time_zone!r} is not a known time zone.",
                name=schedule.name,
                zone=schedule.time_zone,
            ) from None
        for period in schedule.periods:
            try:
                validate([period])
            except TimetableError as error:
                raise SlotError(
                    "period", f"{schedule.name}: {error}", name=schedule.name, period=str(period)
                ) from None
    return sorted(request.classes, key=lambda schedule: schedule.key)


def _windows(
    index: int,
    schedule: ClassSchedule,
    first: date,
    last: date,
    epoch: datetime,
    offsets: dict[tuple[str, date], int | None],
) -> _Class:
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
                    utc_start = _utc_minute(tz, day, start, epoch)
                    utc_end = _utc_minute(tz, day, end, epoch)
                else:
                    utc_start, utc_end = base + start - offset, base + end - offset
                if utc_end > utc_start:  # a period inside a skipped hour does not exist
                    todays.append((utc_start, utc_end, day, start, end))
            if todays:
                windows.extend(todays)
                days.append(todays)
        day += ONE_DAY
    windows.sort()
    return _Class(index, schedule, windows, [w[0] for w in windows], days)


def _steady_offset(tz: ZoneInfo, day: date) -> int | None:
    """The zone's UTC offset in minutes on that local date, or None when it changes during the
    day (or is not whole minutes), so the caller converts each time exactly."""
    following = day + ONE_DAY
    today = datetime(day.year, day.month, day.day, tzinfo=tz).utcoffset()
    tomorrow = datetime(following.year, following.month, following.day, tzinfo=tz).utcoffset()
    if today is None or today != tomorrow or today.total_seconds() % 60:
        return None
    return int(today.total_seconds() // 60)


def _utc_minute(tz: ZoneInfo, day: date, minute: int, epoch: datetime) -> int:
    """A local wall time as UTC minutes after the epoch, resolved as timetable.utc_intervals
    does (a wall time in a gap or fold takes the offset before the change)."""
    local = datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(minutes=minute)
    return int((local.astimezone(UTC) - epoch).total_seconds() // 60)


def _sweep(
    classes: list[_Class], countries: list[str], exchange: bool, grid: _Grid
) -> list[_Candidate]:
    """The best start of every segment in which the same two classes or more are free (the grid
    start nearest the middle of their common time), at most one per (UTC day, attendee set):
    the most comfortable, then the earliest."""
    events = []
    for c in classes:
        for window_start, window_end, *_ in c.windows:
            lo, hi = grid.starts(window_start, window_end)
            if lo <= hi:
                # Ends sort before starts at one position: a class's next window may begin
                # exactly where its previous one stops allowing starts.
                events.append((lo, 1, c.index, window_start, window_end))
                events.append((hi + grid.step, 0, c.index, window_start, window_end))
    events.sort(key=lambda event: (event[0], event[1]))
    active: dict[int, tuple[int, int]] = {}
    present: dict[str, int] = {}  # country -> active classes of it
    mask = 0
    best: dict[tuple[int, int], _Candidate] = {}
    k, total = 0, len(events)
    while k < total:
        position = events[k][0]
        while k < total and events[k][0] == position:
            _, opens, index, window_start, window_end = events[k]
            country = countries[index]
            if opens:
                active[index] = (window_start, window_end)
                present[country] = present.get(country, 0) + 1
            else:
                del active[index]
                present[country] -= 1
                if not present[country]:
                    del present[country]
            mask ^= 1 << index
            k += 1
        if len(active) < 2 or k == total or (exchange and len(present) < 2):
            continue
        latest_start = max(w[0] for w in active.values())
        earliest_end = min(w[1] for w in active.values())
        last = events[k][0] - grid.step
        start = grid.most_comfortable(position, last, latest_start, earliest_end)
        comfort = _comfort(start, grid.minutes, latest_start, earliest_end)
        key = (start // MINUTES_PER_DAY, mask)
        known = best.get(key)
        if known is None or comfort > known.comfort:
            best[key] = _Candidate(start, mask, len(active), comfort)
    return list(best.values())


def _distinct(ranked: list[_Candidate], limit: int) -> list[_Candidate]:
    """The first `limit` ranked candidates, leaving out one that another kept candidate of the
    same UTC day dominates (all its attendees, at least its comfort): the list then offers
    different days and times instead of variants of one meeting."""
    kept: list[_Candidate] = []
    by_day: dict[int, list[_Candidate]] = {}
    for candidate in ranked:
        same_day = by_day.setdefault(candidate.start // MINUTES_PER_DAY, [])
        if any(
            candidate.mask & ~other.mask == 0 and other.comfort >= candidate.comfort
            for other in same_day
        ):
            continue
        kept.append(candidate)
        same_day.append(candidate)
        if len(kept) == limit:
            break
    return kept


def _slot(epoch: datetime, candidate: _Candidate, keys: list[str], minutes: int) -> Slot:
    start = epoch + timedelta(minutes=candidate.start)
    attendees = tuple(key for k, key in enumerate(keys) if candidate.mask >> k & 1)
    return Slot(
        start=start,
        end=start + timedelta(minutes=minutes),
        attendees=attendees,
        comfort=candidate.comfort,
        score=round(len(attendees) + candidate.comfort / 2, 4),
    )


def _covering(
    ranked: list[_Candidate],
    reachable: int,
    countries: list[str],
    exchange: bool,
    keys: list[str],
    grid: _Grid,
    slot,
) -> list[CoveringSession]:
    """The fewest sessions that together let every reachable class attend one.

    The candidate sets are the attendee sets no other set contains, in rank order. Greedy set
    cover gives an upper bound; then every combination of fewer sets is tried, smallest first,
    while that stays within EXACT_COVER_BUDGET combinations in all, so the answer is minimal
    for any realistic project (and greedy beyond). Each class is assigned to the first chosen
    session that has it; a session whose assigned classes share one country also gets a
    partner of another country (the one attending the fewest sessions so far), so every
    session is an exchange.
    """
    order: dict[int, int] = {}
    for rank, candidate in enumerate(ranked):
        order.setdefault(candidate.mask, rank)
    masks = sorted(order, key=lambda mask: (-mask.bit_count(), order[mask]))
    maximal: list[int] = []
    for mask in masks:
        if not any(mask & ~other == 0 for other in maximal):
            maximal.append(mask)
    maximal.sort(key=order.__getitem__)

    chosen: list[int] = []
    uncovered = reachable
    while uncovered:
        pick = max(maximal, key=lambda mask: ((mask & uncovered).bit_count(), -order[mask]))
        chosen.append(pick)
        uncovered &= ~pick
    budget = EXACT_COVER_BUDGET
    for size in range(1, len(chosen)):
        budget -= comb(len(maximal), size)
        if budget < 0:
            break
        smaller = _cover_of_size(maximal, size, reachable)
        if smaller is not None:
            chosen = smaller
            break

    picked: list[_Candidate] = []
    for mask in chosen:
        options = [c for c in ranked if c.mask == mask]
        free = [
            c
            for c in options
            if not any(abs(c.start - other.start) < grid.minutes for other in picked)
        ]
        picked.append((free or options)[0])

    assigned: list[set[int]] = [set() for _ in picked]
    for index in range(len(keys)):
        for k, candidate in enumerate(picked):
            if candidate.mask >> index & 1:
                assigned[k].add(index)
                break
    sessions_of = [0] * len(keys)
    for group in assigned:
        for index in group:
            sessions_of[index] += 1
    for k, candidate in enumerate(picked):
        group = assigned[k]
        present = {countries[i] for i in group}
        if (len(present) < 2) if exchange else (len(group) < 2):
            partners = [
                i
                for i in range(len(keys))
                if candidate.mask >> i & 1
                and i not in group
                and (not exchange or countries[i] not in present)
            ]
            partner = min(partners, key=lambda i: (sessions_of[i], i))
            group.add(partner)
            sessions_of[partner] += 1
    sessions = [
        CoveringSession(slot(candidate), tuple(keys[i] for i in sorted(group)))
        for candidate, group in zip(picked, assigned, strict=True)
    ]
    return sorted(sessions, key=lambda session: session.slot.start)


def _cover_of_size(masks: Sequence[int], size: int, universe: int) -> list[int] | None:
    for combination in combinations(masks, size):
        union = 0
        for mask in combination:
            union |= mask
        if union & universe == universe:
            return list(combination)
    return None


def _compromise(
    lonely: _Class,
    classes: list[_Class],
    pool: list[tuple[int, int, int]],
    countries: list[str],
    exchange: bool,
    grid: _Grid,
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
    comfort = _comfort(at, grid.minutes, latest_start, earliest_end)
    candidate = _Candidate(at, mask, mask.bit_count(), comfort)
    return Compromise(
        key=lonely.schedule.key,
        partner=keys[partner_index],
        weekday=local_day.weekday(),
        minutes=stretch,
        side=("before", "after")[side],
        slot=_slot(epoch, candidate, keys, grid.minutes),
    )


def _stretch(needed: int) -> int | None:
    """The needed minutes rounded up to STRETCH_STEP, None when beyond MAX_STRETCH (or when
    nothing is needed: then the classes already meet, which an isolated class cannot)."""
    if needed <= 0:
        return None
    stretch = -(-needed // STRETCH_STEP) * STRETCH_STEP
    return stretch if stretch <= MAX_STRETCH else None


def _holding(c: _Class, start: int, end: int) -> tuple[int, int] | None:
    """The class's window containing [start, end), if any."""
    k = bisect_left(c.starts, start + 1) - 1
    if k >= 0 and c.windows[k][0] <= start and end <= c.windows[k][1]:
        return c.windows[k][0], c.windows[k][1]
    return None

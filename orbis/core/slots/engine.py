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

The steps live beside this module: windows.py (a class's availability as UTC windows),
grid.py (allowed starts, candidates, comfort), covering.py (the fewest sessions covering every
class) and compromise.py (the smallest stretch that helps an isolated class).
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from orbis.core.timetable import MINUTES_PER_DAY, TimetableError, validate

from .compromise import compromise
from .covering import covering_sessions
from .grid import Candidate, Grid, comfort_of, to_slot
from .types import (
    ClassSchedule,
    CoveringSession,
    Slot,
    SlotError,
    SlotProposal,
    SlotRequest,
)
from .windows import ONE_DAY, ClassWindows, class_windows

MIN_MINUTES, MAX_MINUTES = 15, 240
MAX_WINDOW_DAYS = 26 * 7  # a school term or two; longer windows only cost time


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
    grid = Grid(request.step, request.minutes, first_start, days * MINUTES_PER_DAY - 1)

    offsets: dict[tuple[str, date], int | None] = {}  # shared by the classes of one zone
    classes = [
        class_windows(
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

    def slot(candidate: Candidate) -> Slot:
        return to_slot(epoch, candidate, keys, request.minutes)

    best = [slot(c) for c in _distinct(ranked, request.limit)]
    everyone = bool(ranked) and ranked[0].mask == everybody
    reachable = 0
    for candidate in ranked:
        reachable |= candidate.mask
    isolated = [c for c in classes if not reachable >> c.index & 1]

    covering: list[CoveringSession] = []
    if ranked and not everyone:
        covering = covering_sessions(ranked, reachable, countries, exchange, keys, grid, slot)
    compromises = []
    pool = sorted((w[0], w[1], c.index) for c in classes for w in c.windows) if isolated else []
    for lonely in isolated:
        found = compromise(lonely, classes, pool, countries, exchange, grid, epoch, keys)
        if found is not None:
            compromises.append(found)
    return SlotProposal(
        best=tuple(best),
        everyone=everyone,
        covering=tuple(covering),
        isolated=tuple(c.schedule.key for c in isolated),
        compromises=tuple(compromises),
    )


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


def _sweep(
    classes: list[ClassWindows], countries: list[str], exchange: bool, grid: Grid
) -> list[Candidate]:
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
    best: dict[tuple[int, int], Candidate] = {}
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
        comfort = comfort_of(start, grid.minutes, latest_start, earliest_end)
        key = (start // MINUTES_PER_DAY, mask)
        known = best.get(key)
        if known is None or comfort > known.comfort:
            best[key] = Candidate(start, mask, len(active), comfort)
    return list(best.values())


def _distinct(ranked: list[Candidate], limit: int) -> list[Candidate]:
    """The first `limit` ranked candidates, leaving out one that another kept candidate of the
    same UTC day dominates (all its attendees, at least its comfort): the list then offers
    different days and times instead of variants of one meeting."""
    kept: list[Candidate] = []
    by_day: dict[int, list[Candidate]] = {}
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

"""The live-session slot finder (orbis/core/slots) against a slow, independent oracle that
checks every grid start minute by minute in each school's local time (hypothesis draws the
classes, zones, weekends and term breaks). Pure core, no database."""

import random
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from orbis.core.schooldays import SchoolCalendar, closed_reason
from orbis.core.slots import (
    COMFORT_MINUTES,
    ClassSchedule,
    SlotRequest,
    find_slots,
)
from orbis.core.slots.windows import class_windows
from orbis.core.timetable import Period, merge, utc_intervals
from tests.core.slot_schedules import at, local

core = settings(deadline=None, max_examples=50)


# Zones whose clocks change at night (never during the hours drawn below).
ZONES = (
    "UTC",
    "Europe/Kyiv",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Argentina/Buenos_Aires",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
)
COUNTRIES = ("AR", "UA", "IN", "BD", "US")


@st.composite
def classes(draw, count):
    drawn = []
    for k in range(count):
        # A school timetable: the same one or two spans on several days, plus odd periods.
        days = draw(st.sets(st.integers(0, 6), min_size=1, max_size=6))
        periods = []
        for _ in range(draw(st.integers(1, 2))):
            start = draw(st.integers(6 * 60, 17 * 60))
            end = draw(st.integers(start + 1, 20 * 60))
            periods.extend(Period(day, start, end) for day in days)
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.integers(6 * 60, 19 * 60))
            end = draw(st.integers(start + 1, 20 * 60))
            periods.append(Period(draw(st.integers(0, 6)), start, end))
        country = draw(st.sampled_from(COUNTRIES))
        weekend = tuple(sorted(draw(st.sets(st.integers(0, 6), max_size=2))))
        breaks = ()
        if draw(st.booleans()):
            first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
            breaks = ((first, first + timedelta(days=draw(st.integers(0, 4)))),)
        calendar = SchoolCalendar(f"S{k}", country, weekend, None, breaks)
        zone = draw(st.sampled_from(ZONES))
        drawn.append(ClassSchedule(f"c{k}", f"Class {k}", country, zone, tuple(periods), calendar))
    return drawn


@st.composite
def requests(draw, most=4):
    drawn = draw(classes(draw(st.integers(2, most))))
    first = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    last = first + timedelta(days=draw(st.integers(0, 9)))
    minutes = draw(st.sampled_from((15, 30, 45, 60, 90)))
    step = draw(st.sampled_from((15, 30, 10)))
    return SlotRequest(tuple(drawn), first, last, minutes, step=step, limit=200)


def free_runs(schedule, moment, minutes):
    """The run of merged periods holding [moment, moment + minutes) in the class's local time
    on an open local day, else None."""
    tz = ZoneInfo(schedule.time_zone)
    start = moment.astimezone(tz)
    end = (moment + timedelta(minutes=minutes)).astimezone(tz)
    day = start.date()
    if closed_reason(day, schedule.calendar) is not None:
        return None
    begin = start.hour * 60 + start.minute
    if end.date() == day:
        finish = end.hour * 60 + end.minute
    elif end.date() == day + timedelta(days=1) and end.hour == end.minute == 0:
        finish = 24 * 60
    else:
        return None
    runs = merge([(p.start, p.end) for p in schedule.periods if p.weekday == day.weekday()])
    for run in runs:
        if run[0] <= begin and finish <= run[1]:
            return run, begin, finish
    return None


def oracle(req):
    """Every grid start of the window with the classes free for the whole session there."""
    epoch = at(req.first_day, 0)
    exchange = len({c.country for c in req.classes}) > 1
    found = {}
    for minute in range(0, ((req.last_day - req.first_day).days + 1) * 1440, req.step):
        moment = epoch + timedelta(minutes=minute)
        free = {c.key: free_runs(c, moment, req.minutes) for c in req.classes}
        free = {key: run for key, run in free.items() if run is not None}
        countries = {c.country for c in req.classes if c.key in free}
        if len(free) >= 2 and (len(countries) >= 2 or not exchange):
            found[moment] = free
    return found


def smallest_stretch(req, lonely, found_partners):
    """(minutes, side rank) of the smallest stretch of one of the lonely class's school days
    that lets it meet a class it may meet at some grid start, None when none within 3 hours."""
    epoch = at(req.first_day, 0)
    tz = ZoneInfo(lonely.time_zone)
    best = None
    for minute in range(0, ((req.last_day - req.first_day).days + 1) * 1440, req.step):
        moment = epoch + timedelta(minutes=minute)
        if not any(free_runs(c, moment, req.minutes) for c in found_partners):
            continue
        start = moment.astimezone(tz)
        begin = start.hour * 60 + start.minute
        finish = begin + req.minutes
        day = start.date()
        runs = merge([(p.start, p.end) for p in lonely.periods if p.weekday == day.weekday()])
        if not runs or closed_reason(day, lonely.calendar) is not None:
            continue
        options = []
        if finish <= runs[0][1] and begin < runs[0][0]:
            options.append((-(-(runs[0][0] - begin) // 15) * 15, 0, runs[0][0]))
        if begin >= runs[-1][0] and finish > runs[-1][1]:
            options.append((-(-(finish - runs[-1][1]) // 15) * 15, 1, 1440 - runs[-1][1]))
        for stretch, side, room in options:
            if stretch <= min(180, room) and (best is None or (stretch, side) < best):
                best = (stretch, side)
    return best


def smallest_cover(sets, universe):
    sets = sorted(set(sets))
    for size in range(1, len(sets) + 1):
        for combination in combinations(sets, size):
            if frozenset().union(*combination) >= universe:
                return size
    return 0


@core
@given(requests())
def test_property_slots_agree_with_the_oracle(req):
    proposal = find_slots(req)
    found = oracle(req)
    keys = {c.key for c in req.classes}
    country = {c.key: c.country for c in req.classes}
    sets = {frozenset(free) for free in found.values()}
    reachable = frozenset().union(*sets) if sets else frozenset()

    seen = set()
    for slot in proposal.best:
        # Inside the window, on the grid, every attendee free on an open local day, and every
        # free class listed.
        assert req.first_day <= slot.start.date() <= req.last_day
        assert (slot.start.minute % req.step, slot.start.second) == (0, 0)
        assert slot.end - slot.start == timedelta(minutes=req.minutes)
        assert slot.start in found
        assert slot.attendees == tuple(sorted(found[slot.start]))
        # Comfort: the smallest gap to the edge of an attendee's run, capped, normalised.
        gaps = [
            min(begin - run[0], run[1] - finish)
            for run, begin, finish in found[slot.start].values()
        ]
        assert slot.comfort == round(min(min(gaps), COMFORT_MINUTES) / COMFORT_MINUTES, 4)
        assert slot.score == round(len(slot.attendees) + slot.comfort / 2, 4)
        assert (slot.start.date(), slot.attendees) not in seen
        seen.add((slot.start.date(), slot.attendees))
    ranks = [(-len(s.attendees), -s.comfort, s.start) for s in proposal.best]
    assert ranks == sorted(ranks)
    assert bool(proposal.best) == bool(found)
    if found:
        assert len(proposal.best[0].attendees) == max(len(free) for free in found.values())
    assert proposal.everyone == (frozenset(keys) in sets)
    assert set(proposal.isolated) == keys - reachable

    if proposal.everyone or not found:
        assert proposal.covering == ()
    else:
        covered = set()
        for session in proposal.covering:
            assert session.slot.start in found
            assert set(session.attendees) <= set(session.slot.attendees)
            assert len({country[key] for key in session.attendees}) >= min(
                2, len(set(country.values()))
            )
            covered |= set(session.attendees)
        assert covered == reachable
        assert len(proposal.covering) == smallest_cover(sets, reachable)

    compromised = {compromise.key: compromise for compromise in proposal.compromises}
    for key in proposal.isolated:
        lonely = next(c for c in req.classes if c.key == key)
        partners = [c for c in req.classes if c.key != key and c.country != lonely.country]
        if len(set(country.values())) == 1:
            partners = [c for c in req.classes if c.key != key]
        smallest = smallest_stretch(req, lonely, partners)
        if smallest is None:
            assert key not in compromised
        else:
            found_one = compromised[key]
            assert (found_one.minutes, ("before", "after").index(found_one.side)) == smallest
    for compromise in proposal.compromises:
        assert compromise.key in proposal.isolated and compromise.partner != compromise.key
        assert {compromise.key, compromise.partner} <= set(compromise.slot.attendees)
        assert compromise.minutes % 15 == 0 and 0 < compromise.minutes <= 180
        partner = next(c for c in req.classes if c.key == compromise.partner)
        assert free_runs(partner, compromise.slot.start, req.minutes) is not None
        lonely = next(c for c in req.classes if c.key == compromise.key)
        assert free_runs(lonely, compromise.slot.start, req.minutes) is None
        day, begin = local(compromise.slot.start, lonely.time_zone)
        assert day.weekday() == compromise.weekday
        assert closed_reason(day, lonely.calendar) is None
        runs = merge([(p.start, p.end) for p in lonely.periods if p.weekday == day.weekday()])
        if compromise.side == "before":
            stretched = (runs[0][0] - compromise.minutes, runs[0][1])
        else:
            stretched = (runs[-1][0], runs[-1][1] + compromise.minutes)
        assert stretched[0] <= begin and begin + req.minutes <= stretched[1]


@core
@given(requests(most=5), st.randoms(use_true_random=False))
def test_property_deterministic_whatever_the_order_of_classes(req, rng: random.Random):
    shuffled = list(req.classes)
    rng.shuffle(shuffled)
    assert find_slots(req) == find_slots(replace(req, classes=tuple(shuffled)))


@core
@given(
    st.sampled_from((*ZONES, "Europe/Berlin", "America/Santiago", "America/Havana")),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.lists(st.tuples(st.integers(0, 6), st.integers(0, 1439), st.integers(1, 1440)), max_size=6),
)
@example("Europe/Kyiv", date(2026, 3, 29), [(6, 120, 300), (6, 180, 239)])  # 03:00 skipped
@example("Europe/Kyiv", date(2026, 10, 25), [(6, 0, 1440), (5, 1380, 1440)])  # 25-hour day
@example("America/Havana", date(2026, 3, 8), [(6, 0, 120), (5, 1380, 1440)])  # at midnight
@example("America/Santiago", date(2026, 9, 6), [(5, 1380, 1440), (6, 0, 120)])
@example("America/Santiago", date(2026, 4, 5), [(5, 1380, 1440), (6, 0, 120)])
def test_property_windows_match_timetable_utc_intervals(zone, week_of, spans):
    """The finder's own fast conversion equals timetable.utc_intervals on every week, also on
    the days the clocks change (at any hour, in zones that change at midnight too)."""
    periods = tuple(Period(day, start, max(end, start + 1)) for day, start, end in spans)
    calendar = SchoolCalendar("always open", "ZZ", ())
    schedule = ClassSchedule("c", "Class", "ZZ", zone, periods, calendar)
    monday = week_of - timedelta(days=week_of.weekday())
    built = class_windows(0, schedule, monday, monday + timedelta(days=6), at(monday, 0), {})
    assert merge([(w[0], w[1]) for w in built.windows]) == utc_intervals(
        list(periods), zone, monday
    )

"""The live-session slot finder (orbis/core/slots): pure core, no database.

The scenarios use real zones, weekends, public holidays (the `holidays` package) and term
breaks; hypothesis compares the finder with a slow, independent oracle that checks every grid
start minute by minute in each school's local time.
"""

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from orbis.core.schooldays import SchoolCalendar, closed_reason
from orbis.core.slots import (
    COMFORT_MINUTES,
    ClassSchedule,
    SlotError,
    SlotRequest,
    find_slots,
)
from orbis.core.slots.windows import class_windows
from orbis.core.timetable import Period, merge, utc_intervals

WEEKDAYS = range(5)
core = settings(deadline=None, max_examples=50)


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


# Kyiv 14:00-16:00, New York 08:00-10:00: six or seven hours apart depending on the week.
KYIV = school("kyiv", "UA", "Europe/Kyiv", "14:00-16:00")
NEW_YORK = school("nyc", "US", "America/New_York", "08:00-10:00")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # Autumn: Kyiv leaves summer time on 25 October, New York on 1 November.
        (
            date(2026, 10, 19),
            date(2026, 11, 6),
            {
                date(2026, 10, 20): ((12, 0), 0.0),  # both on summer time: one hour in common
                date(2026, 10, 27): ((12, 30), 1.0),  # only Kyiv on winter time: two hours
                date(2026, 11, 3): ((13, 0), 0.0),  # both on winter time: one hour again
            },
        ),
        # Spring: New York moves on 8 March, Kyiv on 29 March.
        (
            date(2026, 3, 2),
            date(2026, 4, 3),
            {
                date(2026, 3, 3): ((13, 0), 0.0),
                date(2026, 3, 10): ((12, 30), 1.0),
                date(2026, 3, 24): ((12, 30), 1.0),
                date(2026, 3, 31): ((12, 0), 0.0),
            },
        ),
    ],
)
def test_daylight_saving_moves_the_utc_slot_and_keeps_local_times(first, last, expected):
    proposal = find_slots(request([KYIV, NEW_YORK], first, last, limit=40))
    by_day = {slot.start.date(): slot for slot in proposal.best}
    assert proposal.everyone
    assert len(by_day) == len(proposal.best) == ((last - first).days + 3) // 7 * 5
    for day, ((hour, minute), comfort) in expected.items():
        slot = by_day[day]
        assert slot.start == at(day, hour, minute)
        assert slot.end == slot.start + timedelta(minutes=60)
        assert slot.comfort == comfort
    for slot in proposal.best:
        for zone, (open_, close) in (("Europe/Kyiv", (840, 960)), ("America/New_York", (480, 600))):
            (start_day, start), (end_day, end) = local(slot.start, zone), local(slot.end, zone)
            assert start_day == end_day
            assert open_ <= start and end <= close
    # The comfortable weeks rank first, each in date order.
    ranks = [(-slot.comfort, slot.start) for slot in proposal.best]
    assert ranks == sorted(ranks)


def test_different_weekends_friday_and_saturday_in_bangladesh():
    every_day = range(7)
    dhaka = school("bd", "BD", "Asia/Dhaka", "09:00-14:00", every_day, weekend=(4, 5))
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-14:00", every_day, weekend=(6,))
    kathmandu = school("np", "NP", "Asia/Kathmandu", "09:00-14:00", every_day, weekend=(5,))
    proposal = find_slots(
        request([dhaka, delhi, kathmandu], date(2026, 11, 16), date(2026, 11, 22), limit=50)
    )
    attended = {}
    for slot in proposal.best:
        day, _ = local(slot.start, "Asia/Dhaka")
        attended.setdefault(day.weekday(), set()).add(slot.attendees)
    assert attended[4] == {("in", "np")}  # Friday: Bangladesh is closed
    assert 5 not in attended  # Saturday: only India is open, nobody to meet
    assert attended[6] == {("bd", "np")}  # Sunday: India is closed
    for weekday in range(4):
        assert ("bd", "in", "np") in attended[weekday]


def test_public_holidays_and_term_breaks_are_excluded():
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    lviv = school(
        "ua", "UA", "Europe/Kyiv", "12:00-16:00", breaks=[(date(2026, 10, 14), date(2026, 10, 15))]
    )
    assert closed_reason(date(2026, 10, 12), rosario.calendar).startswith("holiday")
    proposal = find_slots(request([rosario, lviv], date(2026, 10, 12), date(2026, 10, 16)))
    assert [slot.start for slot in proposal.best] == [
        at(date(2026, 10, 13), 11, 30),  # 08:30 in Rosario, 14:30 in Lviv
        at(date(2026, 10, 16), 11, 30),
    ]


def test_closed_is_decided_on_the_local_date_of_each_class():
    # 23:00-24:00 UTC on Thursday is already Friday in Dhaka (Bangladesh's weekend).
    night = school("bd", "BD", "Asia/Dhaka", "04:00-06:00", range(7), weekend=(4, 5))
    utc = school("zz", "ZZ", "UTC", "22:00-24:00", range(7), weekend=())
    proposal = find_slots(request([night, utc], date(2026, 11, 16), date(2026, 11, 22), 30))
    local_days = {local(slot.start, "Asia/Dhaka")[0].weekday() for slot in proposal.best}
    utc_days = {slot.start.weekday() for slot in proposal.best}
    assert local_days == {0, 1, 2, 3, 6}
    assert utc_days == {6, 0, 1, 2, 5}


def test_ranking_by_attendees_then_comfort_then_earliest():
    a = school("a", "AA", "UTC", "08:00-14:00", days=(0, 1), weekend=())
    b = replace(
        school("b", "BB", "UTC", "08:00-14:00", days=(0,), weekend=()),
        periods=(Period(0, 480, 840), Period(1, 480, 580)),
    )
    c = school("c", "CC", "UTC", "12:30-13:30", days=(0,), weekend=())
    proposal = find_slots(request([a, b, c], date(2026, 11, 16), date(2026, 11, 17)))
    assert [(s.start, s.attendees, s.comfort, s.score) for s in proposal.best] == [
        (at(date(2026, 11, 16), 12, 30), ("a", "b", "c"), 0.0, 3.0),  # everyone, at the edge
        (at(date(2026, 11, 16), 10, 30), ("a", "b"), 1.0, 2.5),  # two, well inside
        (at(date(2026, 11, 17), 8, 15), ("a", "b"), 0.5, 2.25),  # 15 minutes from the edge
    ]
    assert proposal.everyone and proposal.covering == () and proposal.isolated == ()


def test_best_offers_distinct_days_not_shifts_of_one_slot():
    a = school("a", "AA", "UTC", "08:00-15:00", weekend=())
    b = school("b", "BB", "UTC", "08:00-15:00", weekend=())
    proposal = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 27), limit=3))
    assert [slot.start for slot in proposal.best] == [
        at(date(2026, 11, 16), 11),
        at(date(2026, 11, 17), 11),
        at(date(2026, 11, 18), 11),
    ]


def test_americas_and_south_asia_need_a_covering_of_two_sessions():
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    lviv = school("ua", "UA", "Europe/Kyiv", "08:00-15:00")
    proposal = find_slots(request([rosario, delhi, lviv], date(2026, 10, 5), date(2026, 10, 9), 45))
    assert not proposal.everyone
    assert proposal.isolated == () and proposal.compromises == ()
    assert all("ar" not in slot.attendees or "in" not in slot.attendees for slot in proposal.best)
    assert len(proposal.covering) == 2
    covered = set()
    for session in proposal.covering:
        assert set(session.attendees) <= set(session.slot.attendees)
        assert len(session.attendees) == 2 and "ua" in session.attendees
        covered |= set(session.attendees)
    assert covered == {"ar", "in", "ua"}
    first, second = proposal.covering
    assert first.attendees == ("in", "ua") and first.slot.start == at(date(2026, 10, 5), 6, 45)
    assert second.attendees == ("ar", "ua") and second.slot.start == at(date(2026, 10, 5), 11)
    assert second.slot.start >= first.slot.end


def test_covering_is_minimal_where_greedy_set_cover_is_not():
    # 09:00 joins a, b, c, d; 11:00 joins a, b, e; 13:00 joins c, d, f. Greedy would take the
    # biggest meeting first and then need both others (three sessions); two suffice.
    spans = {
        "a": "09:00-10:00,11:00-12:00",
        "b": "09:00-10:00,11:00-12:00",
        "c": "09:00-10:00,13:00-14:00",
        "d": "09:00-10:00,13:00-14:00",
        "e": "11:00-12:00",
        "f": "13:00-14:00",
    }
    classes = [school(key, key.upper() * 2, "UTC", span) for key, span in spans.items()]
    for k, schedule in enumerate(classes):
        classes[k] = replace(schedule, calendar=SchoolCalendar("open", "ZZ", (5, 6)))
    proposal = find_slots(request(classes, date(2026, 11, 16), date(2026, 11, 16)))
    assert proposal.best[0].attendees == ("a", "b", "c", "d")
    assert [(s.slot.start, s.attendees) for s in proposal.covering] == [
        (at(date(2026, 11, 16), 11), ("a", "b", "e")),
        (at(date(2026, 11, 16), 13), ("c", "d", "f")),
    ]


def test_isolated_class_gets_the_smallest_compromise():
    # Rosario's Tuesday hours start at 16:00 UTC, when Lviv's afternoon has just ended.
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "13:00-15:00", days=(1,))
    lviv = school("ua", "UA", "Europe/Kyiv", "10:00-18:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(
        request([rosario, lviv, delhi], date(2026, 11, 16), date(2026, 11, 20), minutes=30)
    )
    assert proposal.isolated == ("ar",)
    assert all("ar" not in slot.attendees for slot in proposal.best)
    assert [set(session.attendees) for session in proposal.covering] == [{"in", "ua"}]
    (compromise,) = proposal.compromises
    # "Starting 30 minutes earlier on Tuesdays would let Class ar meet Class ua."
    assert (compromise.key, compromise.partner, compromise.weekday) == ("ar", "ua", 1)
    assert (compromise.minutes, compromise.side) == (30, "before")
    assert compromise.slot.start == at(date(2026, 11, 17), 15, 30)
    assert compromise.slot.attendees == ("ar", "ua")
    assert local(compromise.slot.start, "America/Argentina/Buenos_Aires") == (
        date(2026, 11, 17),
        12 * 60 + 30,
    )


def test_staying_later_when_that_is_the_smaller_stretch():
    # On Tuesdays Rosario is free 11:00-13:00 UTC, Lviv (winter time) from 13:30 UTC.
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-10:00", days=(1,))
    lviv = school("ua", "UA", "Europe/Kyiv", "15:30-20:00", days=(1,))
    proposal = find_slots(request([rosario, lviv], date(2026, 11, 16), date(2026, 11, 20), 45))
    assert proposal.isolated == ("ar", "ua") and proposal.best == ()
    by_class = {c.key: c for c in proposal.compromises}
    # Rosario staying 75 minutes later (to 11:15 local) or Lviv starting 75 minutes earlier.
    assert (by_class["ar"].side, by_class["ar"].minutes) == ("after", 75)
    assert (by_class["ua"].side, by_class["ua"].minutes) == ("before", 75)
    assert by_class["ar"].slot.start == at(date(2026, 11, 17), 13, 30)


def test_no_compromise_within_three_hours_means_an_asynchronous_exchange():
    los_angeles = school("us", "US", "America/Los_Angeles", "13:00-14:00", days=(1,))
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(request([los_angeles, delhi], date(2026, 11, 16), date(2026, 11, 27)))
    assert proposal.best == () and not proposal.everyone and proposal.covering == ()
    assert proposal.isolated == ("in", "us")
    assert proposal.compromises == ()


def test_classes_of_one_country_only_meet_a_class_from_abroad():
    a = school("a1", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    b = school("a2", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(request([a, b, delhi], date(2026, 11, 16), date(2026, 11, 20)))
    assert proposal.best == ()
    assert proposal.isolated == ("a1", "a2", "in")
    alone = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 20)))
    assert alone.everyone and alone.best[0].attendees == ("a1", "a2")


def test_not_before_skips_earlier_starts():
    a = school("a", "AA", "UTC", "08:00-15:00", weekend=())
    b = school("b", "BB", "UTC", "08:00-15:00", weekend=())
    now = datetime(2026, 11, 16, 13, 7, tzinfo=UTC)
    proposal = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 16), not_before=now))
    assert [slot.start for slot in proposal.best] == [at(date(2026, 11, 16), 13, 15)]


BAD = [
    ({"classes": "one"}, "classes", "at least two classes"),
    ({"duplicate": True}, "duplicate", "listed twice"),
    ({"last": date(2026, 11, 1)}, "window", "before the first day"),
    ({"last": date(2027, 6, 1)}, "window_length", "at most 26 weeks"),
    ({"minutes": 10}, "minutes", "from 15 to 240 minutes, not 10"),
    ({"minutes": 300}, "minutes", "not 300"),
    ({"step": 7}, "step", "must divide an hour"),
    ({"limit": 0}, "limit", "at least one slot"),
    ({"zone": "Mars/Olympus"}, "time_zone", "'Mars/Olympus' is not a known time zone"),
    ({"zone": ""}, "time_zone", "is not a known time zone"),
    ({"period": Period(1, 600, 500)}, "period", "ends before it starts"),
    ({"not_before": datetime(2026, 11, 16, 9)}, "not_before", "aware"),
]


@pytest.mark.parametrize(("change", "code", "message"), BAD)
def test_bad_requests_raise_slot_error_with_a_clear_message(change, code, message):
    a = school("a", "AR", "America/Argentina/Buenos_Aires")
    b = school("b", "UA", change.get("zone", "Europe/Kyiv"))
    if "period" in change:
        b = replace(b, periods=(change["period"],))
    classes = [a] if "classes" in change else [a, a] if "duplicate" in change else [a, b]
    with pytest.raises(SlotError, match=message) as raised:
        find_slots(
            request(
                classes,
                date(2026, 11, 16),
                change.get("last", date(2026, 11, 20)),
                change.get("minutes", 60),
                step=change.get("step", 15),
                limit=change.get("limit", 10),
                not_before=change.get("not_before"),
            )
        )
    assert raised.value.code == code
    assert isinstance(raised.value, ValueError)


# --- Properties, against a slow oracle ------------------------------------------------------

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

"""Only common windows long enough for a live session are meeting time (issue 16): a 5-minute
overlap counts nowhere, neither in the weekly minutes and windows `compatibility` gives, nor in
its score and hard rule, nor in the partner index, which keeps answering what `compatibility`
does, nor in `match`. A window across Monday 00:00 UTC (where the week wraps) is one window."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbis.core.matching import ClassroomProfile, Constraints, compatibility, match
from orbis.core.matching.profiles import MIN_SESSION_MINUTES, Weights
from orbis.core.matching.score import combine
from orbis.core.matching.search import IndexEntry, SearchFilters, build_index, search
from orbis.core.matching.weeks import session_windows, week_intervals
from orbis.core.slots import MIN_MINUTES
from orbis.core.timetable import MINUTES_PER_DAY, MINUTES_PER_WEEK, Period, monday_of
from tests.core.timetable_strategies import timetables

WEEK = date(2026, 10, 5)
# Zones on both sides of UTC, with half and quarter hours, and a DST week for some of them.
ZONES = {
    "JP": "Asia/Tokyo",
    "NZ": "Pacific/Auckland",
    "IN": "Asia/Kolkata",
    "NP": "Asia/Kathmandu",
    "AR": "America/Argentina/Cordoba",
    "US": "America/Los_Angeles",
    "KI": "Pacific/Kiritimati",
    "AS": "Pacific/Pago_Pago",
    "UA": "Europe/Kyiv",
}
WEEKS = [WEEK, date(2026, 3, 9), date(2026, 3, 30), date(2026, 4, 6), date(2026, 9, 28)]


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def room(number, country, periods, **fields):
    return ClassroomProfile(
        id=number,
        country=country,
        time_zone=ZONES[country],
        periods=tuple(Period(day, hm(start), hm(end)) for day, start, end in periods),
        age_min=10,
        age_max=11,
        languages=frozenset({"en"}),
        **fields,
    )


def week_minutes(intervals) -> np.ndarray:
    free = np.zeros(MINUTES_PER_WEEK, dtype=bool)
    for start, end in intervals:
        free[start:end] = True
    return free


def by_hand(a: ClassroomProfile, b: ClassroomProfile, week_of: date, minimum: int):
    """The common minutes minute by minute, and the minutes of the runs at least `minimum`."""
    both = week_minutes(week_intervals(a.periods, a.time_zone, week_of)) & week_minutes(
        week_intervals(b.periods, b.time_zone, week_of)
    )
    kept = np.zeros_like(both)
    for start, end in [(s, e) for s, e in runs_with_bounds(both) if e - s >= minimum]:
        kept[np.arange(start, end) % MINUTES_PER_WEEK] = True
    return both, kept


def runs_with_bounds(free: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each cyclic run; end may pass 10080 for the run across the week's end."""
    if free.all():
        return [(0, MINUTES_PER_WEEK)]
    if not free.any():
        return []
    first_busy = int(np.flatnonzero(~free)[0])
    rolled = np.roll(free, -first_busy)
    runs, begin = [], None
    for offset, minute in enumerate([*rolled.tolist(), False]):
        if minute and begin is None:
            begin = offset
        elif not minute and begin is not None:
            runs.append((begin + first_busy, offset + first_busy))
            begin = None
    return runs


@st.composite
def around_the_week_end(draw, zone: str, week_of: date):
    """A period near Monday 00:00 UTC in the zone's local time: common windows across the
    week's end, where the week wraps, come from these."""
    monday = monday_of(week_of)
    local = datetime(monday.year, monday.month, monday.day, tzinfo=UTC).astimezone(
        ZoneInfo(zone)
    ) + timedelta(minutes=draw(st.integers(-40, 40)))
    start = local.hour * 60 + local.minute
    end = min(MINUTES_PER_DAY, start + draw(st.integers(1, 60)))
    return [Period(local.weekday(), start, end)] if end > start else []


@st.composite
def profiles(draw, number, country, week_of):
    zone = ZONES[country]
    periods = draw(timetables()) if draw(st.booleans()) else []
    if draw(st.booleans()):
        extra = draw(around_the_week_end(zone, week_of))
        periods = [p for p in periods if all(p.weekday != e.weekday for e in extra)] + extra
    return ClassroomProfile(
        id=number,
        country=country,
        time_zone=zone,
        periods=tuple(periods),
        age_min=10,
        age_max=11,
        languages=frozenset({"en"}),
        wants_live=draw(st.booleans()) if periods else False,
    )


# ---- the rule ----------------------------------------------------------------------------------


def test_the_minimum_is_the_shortest_live_session():
    assert MIN_SESSION_MINUTES == MIN_MINUTES == Constraints().min_window_minutes == 15
    with pytest.raises(ValueError, match="min_window_minutes"):
        Constraints(min_window_minutes=-1)


@settings(max_examples=300, deadline=None)
@given(
    cuts=st.lists(st.integers(0, MINUTES_PER_WEEK), unique=True, max_size=12).map(sorted),
    minimum=st.integers(0, 200),
)
def test_session_windows_keep_exactly_the_long_enough_runs(cuts, minimum):
    common = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b - a > 0]
    # Windows from an intersection never touch: merge the touching ones as `wrap` would.
    merged = []
    for start, end in common:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    free = week_minutes(merged)
    expected = np.zeros_like(free)
    for start, end in runs_with_bounds(free):
        if end - start >= minimum:
            expected[np.arange(start, end) % MINUTES_PER_WEEK] = True
    kept = session_windows(merged, minimum)
    assert list(kept) == [w for w in merged if expected[w[0]]]
    assert (week_minutes(kept) == expected).all()
    lengths = sorted(end - start for start, end in runs_with_bounds(expected))
    assert lengths == sorted(
        end - start for start, end in runs_with_bounds(free) if end - start >= minimum
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), week_of=st.sampled_from(WEEKS), minimum=st.sampled_from([0, 1, 15, 45]))
def test_compatibility_counts_only_windows_long_enough(data, week_of, minimum):
    first, second = data.draw(
        st.sampled_from(sorted(ZONES)).flatmap(
            lambda c: st.tuples(st.just(c), st.sampled_from(sorted(set(ZONES) - {c})))
        )
    )
    a = data.draw(profiles(1, first, week_of))
    b = data.draw(profiles(2, second, week_of))
    constraints = Constraints(min_overlap_minutes=0, week_of=week_of, min_window_minutes=minimum)
    fit = compatibility(a, b, constraints)
    assert fit is not None
    _both, kept = by_hand(a, b, week_of, minimum)
    assert fit.overlap_minutes == int(kept.sum()) == sum(e - s for s, e in fit.overlap)
    assert (week_minutes(fit.overlap) == kept).all()
    if not (a.wants_live or b.wants_live):
        return
    # The score counts the same minutes: as if the short windows were never there (same ages,
    # one shared language, no subjects, SDGs or approaches).
    assert fit.score == combine(Weights(), 1.0, 1.0, fit.overlap_minutes, 0.0, 0.0, 0.0, True)
    # The hard rule too: a weekly minimum reached only with short windows is not reached.
    strict = Constraints(
        min_overlap_minutes=fit.overlap_minutes + 1, week_of=week_of, min_window_minutes=minimum
    )
    assert compatibility(a, b, strict) is None


# ---- the index and match() agree with compatibility ------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    week_of=st.sampled_from(WEEKS),
    minimum=st.sampled_from([0, 15, 30]),
    min_overlap=st.sampled_from([0, 15, 60]),
    filter_overlap=st.sampled_from([0, 20, 60]),
)
def test_the_index_answers_what_compatibility_does(
    data, week_of, minimum, min_overlap, filter_overlap
):
    countries = sorted(ZONES)
    rooms = [
        data.draw(profiles(number, country, week_of))
        for number, country in enumerate(countries + countries, start=1)
    ]
    entries = [IndexEntry(profile, owner=profile.id) for profile in rooms]
    constraints = Constraints(
        min_overlap_minutes=min_overlap, week_of=week_of, min_window_minutes=minimum
    )
    filters = SearchFilters(min_overlap=filter_overlap)
    index = build_index(entries, week_of)
    for mine in rooms:
        expected = []
        for theirs in rooms:
            if theirs.id == mine.id:
                continue
            fit = compatibility(mine, theirs, constraints)
            if fit is not None and fit.overlap_minutes >= filter_overlap:
                expected.append((theirs.id, fit.score))
        expected.sort(key=lambda pair: (-pair[1], pair[0]))
        assert search(index, mine.id, constraints=constraints, filters=filters) == expected


# ---- the example -----------------------------------------------------------------------

# Rosario (UTC−3) and Delhi (UTC+5:30), both all year on the same offset:
#   Rosario Tue, Thu 07:40–08:30 = 10:40–11:30 UTC = Delhi 16:10–17:00 → 2 × 50 minutes;
#   Rosario Wed 13:00–14:10 and Delhi Wed 22:35–23:00 share 5 minutes (Rosario 14:05–14:10).
ROSARIO = room(1, "AR", [(1, "07:40", "08:30"), (3, "07:40", "08:30"), (2, "13:00", "14:10")])
DELHI = room(2, "IN", [(1, "16:00", "17:00"), (3, "16:00", "17:00"), (2, "22:35", "23:00")])


def test_a_five_minute_overlap_is_no_meeting_time():
    fit = compatibility(ROSARIO, DELHI, Constraints(min_overlap_minutes=0, week_of=WEEK))
    assert fit.overlap_minutes == 100  # 1 h 40 min, not 1 h 45 min
    # Tue and Thu 10:40–11:30 UTC only; not Wed 17:05–17:10 UTC.
    assert fit.overlap == ((2080, 2130), (4960, 5010))
    sliver = Constraints(min_overlap_minutes=0, week_of=WEEK, min_window_minutes=0)
    assert compatibility(ROSARIO, DELHI, sliver).overlap_minutes == 105
    assert fit.score < compatibility(ROSARIO, DELHI, sliver).score


def test_slivers_adding_up_to_the_weekly_minimum_make_no_live_partner():
    # Six 10-minute overlaps a week: 60 minutes, the default weekly minimum, none a session.
    days = range(6)
    rosario = room(1, "AR", [(day, "13:00", "14:10") for day in days])  # 16:00–17:10 UTC
    delhi = room(2, "IN", [(day, "22:30", "22:50") for day in days])  # 17:00–17:20 UTC
    assert compatibility(rosario, delhi, Constraints(week_of=WEEK)) is None
    assert match([rosario, delhi], Constraints(week_of=WEEK)).partnerships == []
    index = build_index([IndexEntry(rosario, owner=1), IndexEntry(delhi, owner=2)], WEEK)
    assert search(index, 1, constraints=Constraints(week_of=WEEK)) == []
    async_ok = Constraints(min_overlap_minutes=0, week_of=WEEK)
    [(found, _score)] = search(index, 1, constraints=async_ok)
    assert found == 2 and compatibility(rosario, delhi, async_ok).overlap_minutes == 0


def test_a_window_across_the_week_end_is_one_window():
    # Monday 00:00 UTC is Monday 09:00 in Tokyo and 13:00 in Auckland (NZDT, UTC+13):
    # 08:52–09:08 and 12:52–13:08 share 23:52–00:08 UTC, 16 minutes in two parts of 8.
    tokyo = room(1, "JP", [(0, "08:52", "09:08")])
    auckland = room(2, "NZ", [(0, "12:52", "13:08")])
    constraints = Constraints(min_overlap_minutes=0, week_of=WEEK)
    fit = compatibility(tokyo, auckland, constraints)
    assert fit.overlap == ((0, 8), (MINUTES_PER_WEEK - 8, MINUTES_PER_WEEK))
    assert fit.overlap_minutes == 16
    index = build_index([IndexEntry(tokyo, owner=1), IndexEntry(auckland, owner=2)], WEEK)
    assert search(index, 1, constraints=constraints) == [(2, fit.score)]

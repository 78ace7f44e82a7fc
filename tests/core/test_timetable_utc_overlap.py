"""Timetables in UTC (orbis/core/timetable.py): merged and intersected intervals, the weekly
overlap of two classes across zones, daylight saving changes, the date line and different
weekends. Pure core, hypothesis looking for the cases nobody thought of."""

from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orbis.core.timetable import (
    Period,
    intersect,
    merge,
    overlap_minutes,
    utc_intervals,
    weekly_minutes,
)
from orbis.schools.weekends import weekend_for_country
from tests.core.timetable_strategies import core, timetables

# A spread of zones: half-hour and quarter-hour offsets, both hemispheres' DST, the date line.
ZONES = [
    "UTC",
    "Europe/Rome",
    "America/New_York",
    "America/Argentina/Cordoba",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Dhaka",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/Santiago",
    "Africa/Casablanca",
]
zone_names = st.sampled_from(ZONES)
weeks_2026 = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))


def no_transition_during(periods_: list[Period], zone: str, week_of: date) -> bool:
    """True when no UTC offset change falls inside any of the periods that week."""
    tz = ZoneInfo(zone)
    monday = week_of - timedelta(days=week_of.weekday())
    for p in periods_:
        day = monday + timedelta(days=p.weekday)
        midnight = datetime(day.year, day.month, day.day, tzinfo=tz)
        first = (midnight + timedelta(minutes=p.start)).utcoffset()
        last = (midnight + timedelta(minutes=p.end)).utcoffset()
        if first != last:
            return False
    return True


# ---- intervals ------------------------------------------------------------------------------


intervals = st.lists(
    st.tuples(st.integers(-3000, 12000), st.integers(1, 2000)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=10,
)


def minute_set(spans):
    return {m for start, end in spans for m in range(start, end)}


@core
@given(intervals)
def test_merge_gives_sorted_disjoint_intervals_covering_the_same_minutes(spans):
    merged = merge(spans)
    assert minute_set(merged) == minute_set(spans)
    for (_, end), (start, _) in pairwise(merged):
        assert end < start


@core
@given(intervals, intervals)
def test_intersect_is_the_common_minutes(a, b):
    assert minute_set(intersect(merge(a), merge(b))) == minute_set(a) & minute_set(b)


# ---- overlap across time zones ---------------------------------------------------------------


@core
@given(a=timetables(), zone_a=zone_names, b=timetables(), zone_b=zone_names, week=weeks_2026)
def test_overlap_is_symmetric(a, zone_a, b, zone_b, week):
    assert overlap_minutes(a, zone_a, b, zone_b, week) == overlap_minutes(
        b, zone_b, a, zone_a, week
    )


@core
@given(a=timetables(), zone_a=zone_names, b=timetables(), zone_b=zone_names, week=weeks_2026)
def test_overlap_is_at_most_the_real_minutes_of_either(a, zone_a, b, zone_b, week):
    overlap = overlap_minutes(a, zone_a, b, zone_b, week)
    real_a = sum(end - start for start, end in utc_intervals(a, zone_a, week))
    real_b = sum(end - start for start, end in utc_intervals(b, zone_b, week))
    assert 0 <= overlap <= min(real_a, real_b)


@core
@given(
    a=timetables(earliest=6 * 60, latest=22 * 60),
    zone_a=zone_names,
    b=timetables(earliest=6 * 60, latest=22 * 60),
    zone_b=zone_names,
    week=weeks_2026,
)
def test_overlap_is_at_most_the_weekly_minutes_of_either_in_school_hours(
    a, zone_a, b, zone_b, week
):
    """Periods between 06:00 and 22:00 never contain a DST change (those happen at night), so
    their real length is their written length."""
    assume(no_transition_during(a, zone_a, week) and no_transition_during(b, zone_b, week))
    overlap = overlap_minutes(a, zone_a, b, zone_b, week)
    assert 0 <= overlap <= min(weekly_minutes(a), weekly_minutes(b))


@core
@given(a=timetables(), zone=zone_names, week=weeks_2026)
def test_a_class_overlaps_itself_for_its_whole_real_time(a, zone, week):
    real = sum(end - start for start, end in utc_intervals(a, zone, week))
    assert overlap_minutes(a, zone, a, zone, week) == real


@core
@given(a=timetables(), week=weeks_2026)
def test_without_dst_real_minutes_are_written_minutes(a, week):
    for zone in ["UTC", "Asia/Kolkata", "America/Argentina/Cordoba", "Asia/Kathmandu"]:
        assert sum(e - s for s, e in utc_intervals(a, zone, week)) == weekly_minutes(a)


@core
@given(a=timetables(), zone=zone_names, week=weeks_2026)
def test_every_day_of_the_week_gives_the_same_intervals(a, zone, week):
    monday = week - timedelta(days=week.weekday())
    assert utc_intervals(a, zone, week) == utc_intervals(a, zone, monday)
    assert utc_intervals(a, zone, week) == utc_intervals(a, zone, monday + timedelta(days=6))


# Rome: CET (UTC+1) until Sunday 2026-03-29 01:00 UTC, then CEST (UTC+2).
# New York: EST (UTC-5) until Sunday 2026-03-08 07:00 UTC, then EDT (UTC-4).
# Rome Tuesday 14:00-16:00 and New York Tuesday 08:00-10:00:
#   week of 2 March:  Rome 13:00-15:00 UTC, New York 13:00-15:00 UTC -> 120 minutes
#   week of 9 March:  Rome 13:00-15:00 UTC, New York 12:00-14:00 UTC -> 13:00-14:00 = 60
#   week of 23 March: the same as 9 March (Rome changes on the Sunday after) -> 60
#   week of 30 March: Rome 12:00-14:00 UTC, New York 12:00-14:00 UTC -> 120
# In autumn, Europe goes back on 25 October, the US on 1 November:
#   week of 26 October: Rome 13:00-15:00 UTC (CET), New York 12:00-14:00 UTC (EDT) -> 60
#   week of 2 November: Rome 13:00-15:00 UTC, New York 13:00-15:00 UTC (EST) -> 120
ROME = [Period(1, 14 * 60, 16 * 60)]
NEW_YORK = [Period(1, 8 * 60, 10 * 60)]


@pytest.mark.parametrize(
    ("week_of", "minutes"),
    [
        (date(2026, 3, 2), 120),
        (date(2026, 3, 9), 60),
        (date(2026, 3, 14), 60),
        (date(2026, 3, 23), 60),
        (date(2026, 3, 29), 60),
        (date(2026, 3, 30), 120),
        (date(2026, 10, 26), 60),
        (date(2026, 11, 2), 120),
    ],
)
def test_overlap_follows_the_daylight_saving_changes(week_of, minutes):
    assert overlap_minutes(ROME, "Europe/Rome", NEW_YORK, "America/New_York", week_of) == minutes


def test_utc_intervals_are_minutes_after_monday_utc():
    # Week of Monday 2026-03-02. Rome Tuesday 14:00 CET = Tuesday 13:00 UTC = 1440 + 780.
    assert utc_intervals(ROME, "Europe/Rome", date(2026, 3, 2)) == [(2220, 2340)]
    # New York Tuesday 08:00 EDT on 2026-03-10 = 12:00 UTC = 1440 + 720.
    assert utc_intervals(NEW_YORK, "America/New_York", date(2026, 3, 10)) == [(2160, 2280)]


def test_a_period_across_the_spring_change_lasts_an_hour_less():
    # Rome, Sunday 2026-03-29 01:00-04:00: 01:00 CET = 00:00 UTC, 04:00 CEST = 02:00 UTC.
    # Sunday is day 6: 6 * 1440 = 8640 minutes after Monday 00:00 UTC.
    assert utc_intervals([Period(6, 60, 240)], "Europe/Rome", date(2026, 3, 23)) == [(8640, 8760)]


def test_a_period_across_the_autumn_change_lasts_an_hour_more():
    # Rome, Sunday 2026-10-25 01:00-04:00: 01:00 CEST = 23:00 UTC Saturday, 04:00 CET = 03:00 UTC.
    # Saturday 23:00 UTC = 5 * 1440 + 1380 = 8580; Sunday 03:00 UTC = 8640 + 180 = 8820.
    assert utc_intervals([Period(6, 60, 240)], "Europe/Rome", date(2026, 10, 19)) == [(8580, 8820)]


def test_zones_on_both_sides_of_the_date_line_meet_on_different_local_days():
    # Auckland Tuesday 09:00-10:00 NZDT (UTC+13) in March = Monday 20:00-21:00 UTC.
    # Los Angeles Monday 13:00-14:00 PDT (UTC-7) = Monday 20:00-21:00 UTC.
    auckland = [Period(1, 9 * 60, 10 * 60)]
    los_angeles = [Period(0, 13 * 60, 14 * 60)]
    week = date(2026, 3, 16)
    assert (
        overlap_minutes(auckland, "Pacific/Auckland", los_angeles, "America/Los_Angeles", week)
        == 60
    )


# ---- different weekends -------------------------------------------------------------------------


def school_week(days, start, end):
    return [Period(day, start, end) for day in days]


def test_classes_with_different_weekends_meet_only_on_common_school_days():
    # Dhaka (UTC+6, no DST) studies Sunday-Thursday 13:00-16:00 = 07:00-10:00 UTC.
    # Rome in January (UTC+1) studies Monday-Friday 09:00-12:00 = 08:00-11:00 UTC.
    # Common: Monday-Thursday, 08:00-10:00 UTC = 120 minutes x 4 days = 480.
    # Sunday (Dhaka only) and Friday (Rome only) add nothing.
    dhaka_days = [d for d in range(7) if d not in weekend_for_country("BD")]
    rome_days = [d for d in range(7) if d not in weekend_for_country("IT")]
    assert dhaka_days == [0, 1, 2, 3, 6]
    assert rome_days == [0, 1, 2, 3, 4]
    dhaka = school_week(dhaka_days, 13 * 60, 16 * 60)
    rome = school_week(rome_days, 9 * 60, 12 * 60)
    assert overlap_minutes(dhaka, "Asia/Dhaka", rome, "Europe/Rome", date(2026, 1, 12)) == 480


def test_a_sunday_school_day_meets_nobody_on_a_saturday_sunday_weekend():
    dhaka_sunday = [Period(6, 13 * 60, 16 * 60)]
    rome = school_week(range(5), 0, 24 * 60)
    assert overlap_minutes(dhaka_sunday, "Asia/Dhaka", rome, "Europe/Rome", date(2026, 1, 12)) == 0


@pytest.mark.parametrize(
    ("country", "weekend"),
    [("BD", (4, 5)), ("SA", (4, 5)), ("IT", (5, 6)), ("AR", (5, 6)), ("ZZ", (5, 6)), ("", (5, 6))],
)
def test_weekend_for_country(country, weekend):
    assert weekend_for_country(country) == weekend

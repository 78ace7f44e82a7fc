"""Countries' typical long school breaks: a suggested start date outside them."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbis.core.typical_breaks import TYPICAL_BREAKS, after_typical_breaks, typical_break_on

COUNTRIES = sorted(TYPICAL_BREAKS)
short = settings(deadline=None, max_examples=200)


def test_the_table_covers_the_issue_and_demo_countries_with_real_dates():
    assert {"AR", "KE", "IN", "UA"} <= set(TYPICAL_BREAKS)
    for country, breaks in TYPICAL_BREAKS.items():
        assert len(country) == 2 and country.isupper()
        for item in breaks:
            assert item.name
            for month_day in (item.first, item.last):
                assert month_day != (2, 29)
                date(2027, *month_day)  # a real day of every year


@pytest.mark.parametrize(
    ("country", "day", "suggested"),
    [
        ("KE", date(2026, 12, 14), date(2027, 1, 4)),  # mid-December: Kenya's long holidays
        ("AR", date(2026, 12, 14), date(2026, 12, 14)),  # the last school week in Argentina
        ("AR", date(2026, 12, 21), date(2027, 3, 1)),
        ("AR", date(2027, 1, 10), date(2027, 3, 1)),
        ("AR", date(2028, 2, 20), date(2028, 2, 29)),  # a leap year: the break ends on 28 Feb
        ("KE", date(2027, 4, 26), date(2027, 4, 27)),
        ("KE", date(2027, 5, 3), date(2027, 5, 3)),
        ("XX", date(2026, 12, 24), date(2026, 12, 24)),  # no table: the day itself
    ],
)
def test_suggested_start(country, day, suggested):
    assert after_typical_breaks(country, day) == suggested


def test_a_break_over_the_new_year_has_that_occurrences_dates():
    found = typical_break_on("ke", date(2027, 1, 2))
    assert (found.name, found.first, found.last) == (
        "End-of-year holidays",
        date(2026, 10, 31),
        date(2027, 1, 3),
    )


@short
@given(st.sampled_from([*COUNTRIES, "XX"]), st.dates(date(2024, 1, 1), date(2035, 12, 31)))
def test_the_suggestion_is_the_first_day_outside_every_typical_break(country, day):
    suggested = after_typical_breaks(country, day)
    assert day <= suggested < day + timedelta(days=366)
    assert typical_break_on(country, suggested) is None
    between = (day + timedelta(days=k) for k in range((suggested - day).days))
    assert all(typical_break_on(country, other) is not None for other in between)
    if typical_break_on(country, day) is None:
        assert suggested == day

"""validate (orbis/core/timetable.py) accepts a weekly timetable exactly when its periods are
possible and never overlap. Pure core, hypothesis looking for the cases nobody thought of."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbis.core.timetable import (
    Period,
    TimetableError,
    validate,
)
from tests.core.timetable_strategies import core, periods, timetables


def overlapping(table: list[Period]) -> bool:
    return any(
        a is not b and a.weekday == b.weekday and a.start < b.end and b.start < a.end
        for a in table
        for b in table
    )


@core
@given(st.lists(periods(), max_size=10))
def test_validate_never_accepts_overlaps(table):
    try:
        result = validate(table)
    except TimetableError as error:
        assert error.code in {"overlap", "inverted", "time", "weekday"}
        if error.code == "overlap":
            assert overlapping(table)
    else:
        assert not overlapping(result)
        assert sorted(result) == result
        assert sorted(table) == result


@core
@given(timetables())
def test_validate_accepts_every_disjoint_timetable(table):
    assert validate(table) == sorted(table)


@core
@given(st.lists(periods(), min_size=2, max_size=10))
def test_validate_refuses_exactly_the_overlapping_lists(table):
    if overlapping(table):
        with pytest.raises(TimetableError):
            validate(table)
    else:
        validate(table)


@pytest.mark.parametrize(
    "period",
    [
        Period(0, 600, 600),
        Period(0, 600, 540),
        Period(0, -10, 30),
        Period(0, 0, 1441),
        Period(7, 60, 120),
        Period(-1, 60, 120),
    ],
)
def test_validate_refuses_impossible_periods(period):
    with pytest.raises(TimetableError):
        validate([period])


def test_touching_periods_are_not_an_overlap():
    assert validate([Period(0, 600, 660), Period(0, 540, 600)]) == [
        Period(0, 540, 600),
        Period(0, 600, 660),
    ]


def test_same_times_on_different_days_are_not_an_overlap():
    assert len(validate([Period(0, 540, 600), Period(1, 540, 600)])) == 2

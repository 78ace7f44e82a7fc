"""Hypothesis strategies for weekly timetables (orbis/core/timetable.py), shared by the pure-core
tests: any period, the disjoint periods of one day, a valid weekly timetable."""

from hypothesis import settings
from hypothesis import strategies as st

from orbis.core.timetable import MINUTES_PER_DAY, Period

# No deadline: the first call of a zone reads the tz database, which can be slow on CI.
core = settings(deadline=None, max_examples=100)

weekdays = st.integers(min_value=0, max_value=6)


@st.composite
def periods(draw, earliest=0, latest=MINUTES_PER_DAY):
    """Any period of one day (periods drawn together may overlap)."""
    day = draw(weekdays)
    start = draw(st.integers(min_value=earliest, max_value=latest - 1))
    end = draw(st.integers(min_value=start + 1, max_value=latest))
    return Period(day, start, end)


@st.composite
def one_day(draw, weekday, earliest=0, latest=MINUTES_PER_DAY, max_cuts=8):
    """Sorted periods of one day that never overlap (they may touch)."""
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=earliest, max_value=latest), unique=True, max_size=max_cuts
            )
        )
    )
    # Every other pair of consecutive cut points: disjoint periods.
    return [Period(weekday, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]


@st.composite
def timetables(draw, earliest=0, latest=MINUTES_PER_DAY):
    """A valid weekly timetable."""
    result = []
    for day in draw(st.lists(weekdays, unique=True, max_size=7)):
        result += draw(one_day(day, earliest, latest))
    return result

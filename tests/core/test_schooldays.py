"""School calendars: weekends, public holidays (from `holidays`), term breaks, shared days."""

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbis.core.plans.calendar import clashes
from orbis.core.plans.types import Clash
from orbis.core.schooldays import (
    SchoolCalendar,
    closed_reason,
    is_school_day,
    next_school_day,
    public_holidays,
    school_days,
    school_days_between,
)

ARGENTINA = SchoolCalendar("Escuela Rosario", "AR")
INDIA = SchoolCalendar("Delhi Public School", "IN", weekend_days=(6,))
UKRAINE = SchoolCalendar("Lviv Gymnasium", "UA")
BANGLADESH = SchoolCalendar("Dhaka School", "BD", weekend_days=(4, 5))  # Friday and Saturday
ITALY = SchoolCalendar("Liceo Torino", "IT", breaks=((date(2026, 12, 23), date(2027, 1, 6)),))

short = settings(deadline=None, max_examples=60)


def test_argentine_public_holiday():
    assert closed_reason(date(2026, 5, 25), ARGENTINA) == "holiday: May Revolution Day"
    assert closed_reason(date(2026, 5, 26), ARGENTINA) is None


def test_indian_public_holiday_and_six_day_week():
    assert closed_reason(date(2026, 1, 26), INDIA) == "holiday: Republic Day"
    assert closed_reason(date(2026, 1, 31), INDIA) is None  # a Saturday: school in Delhi
    assert closed_reason(date(2026, 2, 1), INDIA) == "weekend"


def test_ukrainian_public_holiday():
    assert closed_reason(date(2021, 8, 24), UKRAINE) == "holiday: Independence Day"


@pytest.mark.parametrize("calendar", [ARGENTINA, INDIA, UKRAINE], ids=lambda c: c.country)
def test_holidays_agree_with_the_holidays_package(calendar):
    for year in (2026, 2027):
        known = holidays.country_holidays(calendar.country, years=year)
        day = date(year, 1, 1)
        while day.year == year:
            reason = closed_reason(day, calendar)
            if day.weekday() not in calendar.weekend_days:
                assert (reason is not None) == (day in known), day
                if day in known:
                    assert reason == f"holiday: {known.get(day)}"
            day += timedelta(days=1)


def test_friday_saturday_weekend():
    friday, saturday, sunday = date(2026, 6, 5), date(2026, 6, 6), date(2026, 6, 7)
    assert closed_reason(friday, BANGLADESH) == "weekend"
    assert closed_reason(saturday, BANGLADESH) == "weekend"
    assert closed_reason(sunday, BANGLADESH) is None
    assert not is_school_day(sunday, [BANGLADESH, ARGENTINA])
    assert not is_school_day(friday, [BANGLADESH, ARGENTINA])


def test_breaks_are_inclusive():
    assert closed_reason(date(2026, 12, 22), ITALY) is None
    assert closed_reason(date(2026, 12, 23), ITALY) == "break"
    assert closed_reason(date(2027, 1, 5), ITALY) == "break"
    assert closed_reason(date(2027, 1, 6), ITALY).startswith("holiday: ")  # Epiphany wins
    assert closed_reason(date(2027, 1, 7), ITALY) is None


def test_weekend_is_named_before_a_holiday():
    assert (
        closed_reason(date(2026, 1, 1), SchoolCalendar("x", "AR", weekend_days=(3,))) == "weekend"
    )


def test_unknown_countries_have_no_holidays():
    nowhere = SchoolCalendar("Atlantis", "XX")
    assert closed_reason(date(2026, 1, 1), nowhere) is None
    assert closed_reason(date(2026, 1, 3), nowhere) == "weekend"


def test_subdivisions_add_their_holidays_and_unknown_ones_fall_back():
    california = SchoolCalendar("LA", "US", subdivision="CA")
    assert closed_reason(date(2026, 3, 31), california).startswith("holiday: ")  # Cesar Chavez
    assert closed_reason(date(2026, 3, 31), SchoolCalendar("NY", "US")) is None
    unknown = SchoolCalendar("?", "US", subdivision="ZZ")
    assert closed_reason(date(2026, 7, 3), unknown).startswith("holiday: ")  # observed July 4


def test_holiday_tables_are_cached():
    public_holidays.cache_clear()
    closed_reason(date(2026, 5, 25), ARGENTINA)
    closed_reason(date(2026, 5, 26), ARGENTINA)
    info = public_holidays.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_no_calendars_means_every_day():
    assert is_school_day(date(2026, 6, 6), [])


def test_next_school_day():
    calendars = [ARGENTINA, BANGLADESH]
    monday = date(2026, 6, 1)
    assert next_school_day(monday, calendars) == monday
    # Friday (Dhaka) → Saturday → Sunday (Rosario) → Monday
    assert next_school_day(date(2026, 6, 5), calendars) == date(2026, 6, 8)
    assert next_school_day(date(2026, 6, 7), calendars, forward=False) == date(2026, 6, 4)
    assert next_school_day(date(2026, 12, 24), [ITALY]) == date(2027, 1, 7)


def test_next_school_day_gives_up_after_its_limit():
    never = SchoolCalendar("closed", "AR", weekend_days=tuple(range(7)))
    day = date(2026, 6, 1)
    assert next_school_day(day, [never]) == day
    assert next_school_day(date(2026, 12, 24), [ITALY], limit=5) == date(2026, 12, 24)


def test_school_days():
    days = school_days(date(2026, 5, 22), 5, [ARGENTINA, BANGLADESH])
    # 22 Fri (Dhaka weekend), 25 Mon (Argentine holiday), 28–30 Eid al-Adha in Bangladesh
    assert days == [
        date(2026, 5, 26),
        date(2026, 5, 27),
        date(2026, 6, 1),
        date(2026, 6, 2),
        date(2026, 6, 3),
    ]
    assert len(days) == 5 and days == sorted(set(days))
    assert all(is_school_day(day, [ARGENTINA, BANGLADESH]) for day in days)
    never = SchoolCalendar("closed", "AR", weekend_days=tuple(range(7)))
    assert school_days(date(2026, 6, 1), 3, [never]) == []


def test_school_days_between():
    days = school_days_between(date(2026, 5, 25), date(2026, 5, 31), [ARGENTINA])
    assert days == [date(2026, 5, 26), date(2026, 5, 27), date(2026, 5, 28), date(2026, 5, 29)]


def test_clashes():
    items = [("Meet and ask", date(2026, 5, 25)), ("Fine day", date(2026, 6, 2))]
    items.append(("Friday", date(2026, 6, 5)))
    found = clashes(items, [ARGENTINA, BANGLADESH])
    assert found == [
        Clash(
            "Meet and ask",
            date(2026, 5, 25),
            "Escuela Rosario",
            "holiday: May Revolution Day",
            date(2026, 5, 26),
        ),
        Clash("Friday", date(2026, 6, 5), "Dhaka School", "weekend", date(2026, 6, 8)),
    ]


def test_one_clash_per_closed_school():
    saturday = date(2026, 6, 6)
    found = clashes([("Party", saturday)], [ARGENTINA, BANGLADESH, INDIA])
    assert [(c.school, c.reason) for c in found] == [
        ("Escuela Rosario", "weekend"),
        ("Dhaka School", "weekend"),
    ]
    assert {c.shifted_to for c in found} == {date(2026, 6, 8)}


weekends = st.sampled_from([(5, 6), (4, 5), (6,), (4,), (5,), (0, 6)])


@st.composite
def calendars(draw):
    count = draw(st.integers(1, 4))
    found = []
    for k in range(count):
        country = draw(st.sampled_from(["AR", "IN", "UA", "IT", "US", "BD", "XX"]))
        first = draw(st.dates(date(2026, 1, 1), date(2028, 12, 31)))
        length = draw(st.integers(0, 14))
        breaks = ((first, first + timedelta(days=length)),) if draw(st.booleans()) else ()
        found.append(SchoolCalendar(f"school {k}", country, draw(weekends), None, breaks))
    return found


@short
@given(calendars(), st.dates(date(2026, 1, 1), date(2028, 12, 31)), st.integers(0, 30))
def test_next_school_day_is_the_nearest_shared_school_day(calendars, day, later):
    shifted = next_school_day(day, calendars, limit=366)
    assert shifted >= day
    assert is_school_day(shifted, calendars)
    assert not any(
        is_school_day(day + timedelta(days=k), calendars) for k in range((shifted - day).days)
    )
    # Monotone: a later date never moves before an earlier one's move.
    assert next_school_day(day + timedelta(days=later), calendars, limit=366) >= shifted


@short
@given(calendars(), st.lists(st.dates(date(2026, 1, 1), date(2028, 12, 31)), max_size=6))
def test_clashes_shift_to_a_day_that_suits_all(calendars, days):
    for clash in clashes([(str(day), day) for day in days], calendars):
        assert closed_reason(clash.on, next(c for c in calendars if c.name == clash.school))
        assert clash.shifted_to > clash.on
        assert is_school_day(clash.shifted_to, calendars)
    expected = sum(1 for day in days for c in calendars if closed_reason(day, c))
    assert len(clashes([(str(day), day) for day in days], calendars)) == expected

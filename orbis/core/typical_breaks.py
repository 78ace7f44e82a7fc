"""Countries' TYPICAL long school breaks: a default for a teacher to confirm, never a fact.

A school's own terms and breaks (entered on its page) are what the plan's date checks use. Until
a school has entered them, Orbis knows its weekends and public holidays (the `holidays`
package) but not its school breaks. This small table gives, for a handful of countries, the
long breaks most of their schools have every year, so that the assistant can suggest a start
date outside them. Real dates vary by region, school and year: the table is only ever offered
as a suggestion the teacher sees and can change, and is never added to a school's calendar.

Each break recurs every year from `first` to `last` (month, day), inclusive; a break may run
over the new year (first later than last). No break starts or ends on 29 February.
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class TypicalBreak:
    name: str  # in English, for the reader of this table (not shown to users)
    first: tuple[int, int]  # (month, day)
    last: tuple[int, int]


TYPICAL_BREAKS: dict[str, tuple[TypicalBreak, ...]] = {
    "AR": (  # the winter break moves by province (two weeks in July)
        TypicalBreak("Summer holidays", (12, 15), (2, 28)),
        TypicalBreak("Winter holidays", (7, 8), (7, 26)),
    ),
    "KE": (  # three terms
        TypicalBreak("April holidays", (4, 3), (4, 26)),
        TypicalBreak("August holidays", (8, 1), (8, 23)),
        TypicalBreak("End-of-year holidays", (10, 31), (1, 3)),
    ),
    "IN": (  # varies by state and board; Diwali and Durga Puja follow the lunar calendar
        TypicalBreak("Summer vacation", (5, 15), (6, 30)),
        TypicalBreak("Winter break", (12, 25), (1, 1)),
    ),
    "UA": (
        TypicalBreak("Winter holidays", (12, 26), (1, 11)),
        TypicalBreak("Summer holidays", (6, 1), (8, 31)),
    ),
    "ES": (  # Easter moves every year and is left out
        TypicalBreak("Christmas holidays", (12, 23), (1, 7)),
        TypicalBreak("Summer holidays", (6, 23), (9, 7)),
    ),
    "IT": (
        TypicalBreak("Christmas holidays", (12, 23), (1, 6)),
        TypicalBreak("Summer holidays", (6, 10), (9, 13)),
    ),
}


@dataclass(frozen=True)
class BreakDates:
    """One year's occurrence of a typical break."""

    name: str
    first: date
    last: date


def _on(year: int, month_day: tuple[int, int]) -> date:
    return date(year, *month_day)


def typical_break_on(country: str, day: date) -> BreakDates | None:
    """The typical break of the country that `day` falls in, with that year's dates; None on a
    typical school day or for a country not in the table."""
    for item in TYPICAL_BREAKS.get(country.upper(), ()):
        if item.first <= item.last:
            first, last = _on(day.year, item.first), _on(day.year, item.last)
        elif (day.month, day.day) >= item.first:  # over the new year, its first part
            first, last = _on(day.year, item.first), _on(day.year + 1, item.last)
        else:  # over the new year, its second part
            first, last = _on(day.year - 1, item.first), _on(day.year, item.last)
        if first <= day <= last:
            return BreakDates(item.name, first, last)
    return None


def after_typical_breaks(country: str, day: date) -> date:
    """`day` itself outside the country's typical breaks, else the day after the break (and
    after any break that follows right on)."""
    while (found := typical_break_on(country, day)) is not None:
        day = found.last + timedelta(days=1)
    return day

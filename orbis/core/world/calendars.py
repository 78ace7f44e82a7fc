"""The school-year calendars (terms and breaks) of the country table, by calendar key."""

from datetime import date

from orbis.core.world.specs import TermSpec


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _school_year(
    label: str, first: str, last: str, *breaks: tuple[str, str, str]
) -> list[TermSpec]:
    """One school year: the terms are what lies between its breaks."""
    terms: list[TermSpec] = []
    start = _d(first)
    for number, (name, break_start, break_end) in enumerate(breaks, start=1):
        before = _d(break_start).toordinal() - 1
        terms.append(TermSpec("term", f"Term {number}, {label}", start, date.fromordinal(before)))
        terms.append(TermSpec("break", f"{name}, {label}", _d(break_start), _d(break_end)))
        start = date.fromordinal(_d(break_end).toordinal() + 1)
    terms.append(TermSpec("term", f"Term {len(breaks) + 1}, {label}", start, _d(last)))
    return terms


def _calendar(*years: list[TermSpec]) -> tuple[TermSpec, ...]:
    return tuple(term for year in years for term in year)


# Southern-hemisphere and calendar-year countries get the 2026 and the 2027 school years, so
# that every school is in session for part of the northern 2026/2027 year on both sides of it.
_CALENDARS: dict[str, tuple[TermSpec, ...]] = {
    "south-america": _calendar(
        _school_year(
            "2026", "2026-03-02", "2026-12-18", ("Winter break", "2026-07-13", "2026-07-24")
        ),
        _school_year(
            "2027", "2027-03-01", "2027-12-17", ("Winter break", "2027-07-12", "2027-07-23")
        ),
    ),
    "chile": _calendar(
        _school_year(
            "2026", "2026-03-04", "2026-12-11", ("Winter break", "2026-06-22", "2026-07-03")
        ),
        _school_year(
            "2027", "2027-03-03", "2027-12-10", ("Winter break", "2027-06-21", "2027-07-02")
        ),
    ),
    "brazil": _calendar(
        _school_year(
            "2026", "2026-02-09", "2026-12-18", ("July break", "2026-07-13", "2026-07-24")
        ),
        _school_year(
            "2027", "2027-02-08", "2027-12-17", ("July break", "2027-07-12", "2027-07-23")
        ),
    ),
    "colombia": _calendar(  # Calendar A, the one of most public schools
        _school_year(
            "2026",
            "2026-01-26",
            "2026-11-27",
            ("Holy Week", "2026-03-30", "2026-04-05"),
            ("Mid-year break", "2026-06-22", "2026-07-10"),
            ("October break", "2026-10-05", "2026-10-11"),
        ),
        _school_year(
            "2027",
            "2027-01-25",
            "2027-11-26",
            ("Holy Week", "2027-03-22", "2027-03-28"),
            ("Mid-year break", "2027-06-21", "2027-07-09"),
            ("October break", "2027-10-11", "2027-10-17"),
        ),
    ),
    "south-africa": _calendar(
        _school_year(
            "2026",
            "2026-01-14",
            "2026-12-09",
            ("Autumn holidays", "2026-03-28", "2026-04-07"),
            ("Winter holidays", "2026-06-27", "2026-07-20"),
            ("Spring holidays", "2026-10-03", "2026-10-12"),
        ),
        _school_year(
            "2027",
            "2027-01-13",
            "2027-12-08",
            ("Autumn holidays", "2027-03-27", "2027-04-06"),
            ("Winter holidays", "2027-06-26", "2027-07-19"),
            ("Spring holidays", "2027-10-02", "2027-10-11"),
        ),
    ),
    "australasia": _calendar(
        _school_year(
            "2026",
            "2026-02-02",
            "2026-12-16",
            ("Autumn holidays", "2026-04-03", "2026-04-19"),
            ("Winter holidays", "2026-07-04", "2026-07-19"),
            ("Spring holidays", "2026-09-26", "2026-10-11"),
        ),
        _school_year(
            "2027",
            "2027-02-01",
            "2027-12-15",
            ("Autumn holidays", "2027-04-02", "2027-04-18"),
            ("Winter holidays", "2027-07-03", "2027-07-18"),
            ("Spring holidays", "2027-09-25", "2027-10-10"),
        ),
    ),
    "bangladesh": _calendar(
        _school_year(
            "2026",
            "2026-01-01",
            "2026-12-10",
            ("Eid ul-Fitr holidays", "2026-03-15", "2026-03-28"),
            ("Eid ul-Adha holidays", "2026-05-24", "2026-06-04"),
            ("Durga Puja holidays", "2026-10-17", "2026-10-24"),
        ),
        _school_year(
            "2027",
            "2027-01-01",
            "2027-12-09",
            ("Eid ul-Fitr holidays", "2027-03-04", "2027-03-17"),
            ("Eid ul-Adha holidays", "2027-05-13", "2027-05-24"),
            ("Durga Puja holidays", "2027-10-06", "2027-10-13"),
        ),
    ),
    "kenya": _calendar(
        _school_year(
            "2026",
            "2026-01-05",
            "2026-10-30",
            ("April holidays", "2026-04-03", "2026-04-26"),
            ("August holidays", "2026-08-01", "2026-08-23"),
        ),
        _school_year(
            "2027",
            "2027-01-04",
            "2027-10-29",
            ("April holidays", "2027-04-02", "2027-04-25"),
            ("August holidays", "2027-07-31", "2027-08-22"),
        ),
    ),
    "malaysia": _calendar(
        _school_year(
            "2026",
            "2026-01-12",
            "2026-12-18",
            ("Term 1 holidays", "2026-03-21", "2026-03-29"),
            ("Mid-year holidays", "2026-05-23", "2026-06-07"),
            ("Term 2 holidays", "2026-08-29", "2026-09-06"),
        ),
        _school_year(
            "2027",
            "2027-01-11",
            "2027-12-17",
            ("Term 1 holidays", "2027-03-06", "2027-03-14"),
            ("Mid-year holidays", "2027-05-22", "2027-06-06"),
            ("Term 2 holidays", "2027-08-28", "2027-09-05"),
        ),
    ),
    "india": _calendar(
        _school_year(
            "2026/27",
            "2026-04-01",
            "2027-03-31",
            ("Summer vacation", "2026-05-16", "2026-06-30"),
            ("Diwali break", "2026-11-06", "2026-11-12"),
            ("Winter break", "2026-12-25", "2027-01-01"),
        ),
        _school_year(
            "2027/28",
            "2027-04-01",
            "2028-03-31",
            ("Summer vacation", "2027-05-15", "2027-06-30"),
            ("Diwali break", "2027-10-27", "2027-11-02"),
            ("Winter break", "2027-12-25", "2028-01-01"),
        ),
    ),
    "japan": _calendar(
        _school_year(
            "2026",
            "2026-04-06",
            "2027-03-24",
            ("Summer vacation", "2026-07-21", "2026-08-31"),
            ("Winter vacation", "2026-12-25", "2027-01-07"),
        ),
        _school_year(
            "2027",
            "2027-04-06",
            "2028-03-24",
            ("Summer vacation", "2027-07-21", "2027-08-31"),
            ("Winter vacation", "2027-12-25", "2028-01-07"),
        ),
    ),
    "korea": _calendar(
        _school_year(
            "2026", "2026-03-03", "2027-01-08", ("Summer vacation", "2026-07-18", "2026-08-16")
        ),
        _school_year(
            "2027", "2027-03-02", "2028-01-07", ("Summer vacation", "2027-07-17", "2027-08-15")
        ),
    ),
    "italy": _calendar(
        _school_year(
            "2026/27",
            "2026-09-14",
            "2027-06-08",
            ("Christmas holidays", "2026-12-23", "2027-01-06"),
            ("Easter holidays", "2027-03-25", "2027-03-30"),
        )
    ),
    "spain": _calendar(
        _school_year(
            "2026/27",
            "2026-09-08",
            "2027-06-22",
            ("Christmas holidays", "2026-12-23", "2027-01-07"),
            ("Easter holidays", "2027-03-22", "2027-03-29"),
        )
    ),
    "portugal": _calendar(
        _school_year(
            "2026/27",
            "2026-09-14",
            "2027-06-18",
            ("Christmas holidays", "2026-12-19", "2027-01-03"),
            ("Easter holidays", "2027-03-22", "2027-04-02"),
        )
    ),
    "france": _calendar(
        _school_year(
            "2026/27",
            "2026-09-01",
            "2027-07-03",
            ("All Saints' holidays", "2026-10-17", "2026-11-01"),
            ("Christmas holidays", "2026-12-19", "2027-01-03"),
            ("Winter holidays", "2027-02-13", "2027-02-28"),
            ("Spring holidays", "2027-04-10", "2027-04-25"),
        )
    ),
    "germany": _calendar(
        _school_year(
            "2026/27",
            "2026-08-17",
            "2027-07-09",
            ("Autumn holidays", "2026-10-12", "2026-10-24"),
            ("Christmas holidays", "2026-12-21", "2027-01-02"),
            ("Winter holidays", "2027-02-08", "2027-02-19"),
            ("Easter holidays", "2027-03-26", "2027-04-02"),
        )
    ),
    "poland": _calendar(
        _school_year(
            "2026/27",
            "2026-09-01",
            "2027-06-25",
            ("Christmas break", "2026-12-23", "2027-01-01"),
            ("Winter holidays", "2027-01-18", "2027-01-31"),
            ("Easter break", "2027-03-25", "2027-03-30"),
        )
    ),
    "finland": _calendar(
        _school_year(
            "2026/27",
            "2026-08-12",
            "2027-05-29",
            ("Autumn break", "2026-10-19", "2026-10-23"),
            ("Christmas break", "2026-12-22", "2027-01-06"),
            ("Winter break", "2027-03-01", "2027-03-05"),
        )
    ),
    "ireland": _calendar(
        _school_year(
            "2026/27",
            "2026-08-27",
            "2027-06-25",
            ("October mid-term", "2026-10-26", "2026-10-30"),
            ("Christmas holidays", "2026-12-23", "2027-01-06"),
            ("February mid-term", "2027-02-15", "2027-02-19"),
            ("Easter holidays", "2027-03-22", "2027-04-02"),
        )
    ),
    "ukraine": _calendar(
        _school_year(
            "2026/27",
            "2026-09-01",
            "2027-05-31",
            ("Autumn holidays", "2026-10-26", "2026-11-01"),
            ("Winter holidays", "2026-12-26", "2027-01-11"),
            ("Spring holidays", "2027-03-22", "2027-03-28"),
        )
    ),
    "turkey": _calendar(
        _school_year(
            "2026/27",
            "2026-09-07",
            "2027-06-25",
            ("First mid-term break", "2026-11-16", "2026-11-20"),
            ("Semester break", "2027-01-25", "2027-02-05"),
            ("Second mid-term break", "2027-04-05", "2027-04-09"),
        )
    ),
    "north-america": _calendar(
        _school_year(
            "2026/27",
            "2026-08-24",
            "2027-06-04",
            ("Thanksgiving break", "2026-11-25", "2026-11-27"),
            ("Winter break", "2026-12-21", "2027-01-01"),
            ("Spring break", "2027-03-22", "2027-03-26"),
        )
    ),
    "canada": _calendar(
        _school_year(
            "2026/27",
            "2026-09-02",
            "2027-06-25",
            ("Winter break", "2026-12-21", "2027-01-01"),
            ("March break", "2027-03-15", "2027-03-19"),
        )
    ),
    "mexico": _calendar(
        _school_year(
            "2026/27",
            "2026-08-31",
            "2027-07-09",
            ("Winter holidays", "2026-12-21", "2027-01-06"),
            ("Easter holidays", "2027-03-22", "2027-04-02"),
        )
    ),
    "egypt": _calendar(
        _school_year(
            "2026/27",
            "2026-09-26",
            "2027-06-10",
            ("Mid-year break", "2027-01-23", "2027-02-05"),
            ("Eid al-Fitr holiday", "2027-03-09", "2027-03-13"),
        )
    ),
    "jordan": _calendar(
        _school_year(
            "2026/27",
            "2026-08-30",
            "2027-06-10",
            ("Winter break", "2027-01-03", "2027-01-30"),
            ("Eid al-Fitr holiday", "2027-03-08", "2027-03-13"),
        )
    ),
    "saudi-arabia": _calendar(
        _school_year(
            "2026/27",
            "2026-08-23",
            "2027-06-10",
            ("Autumn break", "2026-11-20", "2026-11-28"),
            ("Winter break", "2027-01-08", "2027-01-16"),
            ("Eid al-Fitr holiday", "2027-03-05", "2027-03-20"),
        )
    ),
    "iran": _calendar(
        _school_year(
            "2026/27", "2026-09-23", "2027-06-10", ("Nowruz holidays", "2027-03-20", "2027-04-02")
        )
    ),
    "morocco": _calendar(
        _school_year(
            "2026/27",
            "2026-09-07",
            "2027-06-26",
            ("Autumn break", "2026-10-25", "2026-11-01"),
            ("Mid-year break", "2027-01-24", "2027-01-31"),
            ("Spring break", "2027-03-07", "2027-03-14"),
        )
    ),
    "west-africa": _calendar(
        _school_year(
            "2026/27",
            "2026-09-14",
            "2027-07-23",
            ("Christmas holidays", "2026-12-18", "2027-01-10"),
            ("Easter holidays", "2027-03-26", "2027-04-18"),
        )
    ),
    "indonesia": _calendar(
        _school_year(
            "2026/27",
            "2026-07-13",
            "2027-06-25",
            ("Semester break", "2026-12-19", "2027-01-03"),
            ("Eid al-Fitr holidays", "2027-03-06", "2027-03-17"),
        )
    ),
    "vietnam": _calendar(
        _school_year(
            "2026/27", "2026-09-05", "2027-05-31", ("Tet holidays", "2027-02-01", "2027-02-14")
        )
    ),
    "philippines": _calendar(
        _school_year(
            "2026/27",
            "2026-06-15",
            "2027-04-02",
            ("Semestral break", "2026-10-26", "2026-10-31"),
            ("Christmas break", "2026-12-19", "2027-01-03"),
        )
    ),
}

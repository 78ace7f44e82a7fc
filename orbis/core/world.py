"""A deterministic world of demo schools, teachers, classrooms and students.

Pure module (no Django): the demo and seed commands load what it builds, the benchmarks time
it, and tests check it without a database. The default world is hand-curated around the
teachers of our product stories; larger worlds add synthetic teachers drawn from the same
country table with `random.Random(seed)`, so the same arguments always give the same world
and a smaller world is always a prefix of a larger one with the same seed.

Weekends are hard-coded per country (a test compares them with the `holidays` data the app
uses), school hours and school-year calendars are plausible local ones for 2026/2027.
"""

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from orbis.core import timetable

# Copied from orbis.students.codes (a Django-side module this pure module may not import).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_SECRET_CONSONANTS = "bdfgkmnprstvz"
_SECRET_VOWELS = "aeiou"
_CODE_SPACE = len(CODE_ALPHABET) ** CODE_LENGTH
_SECRET_SPACE = (len(_SECRET_CONSONANTS) * len(_SECRET_VOWELS)) ** 2 * 90  # and 10–99

EMAIL_DOMAIN = "demo.orbis.test"
DEMO_TEACHER_EMAIL = f"gisel.crespo@{EMAIL_DOMAIN}"
DEFAULT_TEACHERS = 48
DEFAULT_SEED = 2026


# ---- what a world is made of ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TermSpec:
    kind: str  # "term" or "break"
    name: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True, slots=True)
class SchoolSpec:
    key: str
    name: str
    country: str  # ISO 3166 alpha-2
    city: str
    time_zone: str  # IANA
    weekend_days: tuple[int, ...]  # 0 = Monday
    terms: tuple[TermSpec, ...]


@dataclass(frozen=True, slots=True)
class TeacherSpec:
    email: str
    display_name: str
    school_key: str
    languages: tuple[str, ...]  # ISO 639-1
    subjects: tuple[str, ...]  # Subject codes
    bio: str
    open_to_partnerships: bool


@dataclass(frozen=True, slots=True)
class ClassroomSpec:
    key: str
    teacher_email: str
    name: str
    grade_label: str
    age_min: int
    age_max: int
    student_count: int
    subjects: tuple[str, ...]
    languages: tuple[str, ...]
    english_level: str
    sdgs: tuple[int, ...]
    approaches: tuple[str, ...]
    exchange_mode: str  # "live" or "async"
    looking_for_partners: bool
    join_code: str
    periods: tuple[timetable.Period, ...]  # school local time


@dataclass(frozen=True, slots=True)
class StudentSpec:
    classroom_key: str
    nickname: str
    secret: str


@dataclass(frozen=True, slots=True)
class World:
    schools: tuple[SchoolSpec, ...]
    teachers: tuple[TeacherSpec, ...]
    classrooms: tuple[ClassroomSpec, ...]
    students: tuple[StudentSpec, ...]

    def teacher(self, email: str) -> TeacherSpec:
        return next(t for t in self.teachers if t.email == email)

    def classrooms_of(self, email: str) -> list[ClassroomSpec]:
        return [c for c in self.classrooms if c.teacher_email == email]

    def students_of(self, classroom_key: str) -> list[StudentSpec]:
        return [s for s in self.students if s.classroom_key == classroom_key]

    def countries(self) -> set[str]:
        return {school.country for school in self.schools}


# ---- school calendars -----------------------------------------------------------------------


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


# ---- the country table ----------------------------------------------------------------------


def _hours(*windows: str) -> tuple[tuple[int, int], ...]:
    """School-day windows ("07:30-12:00"; one per shift) as minutes after local midnight."""
    return tuple((p.start, p.end) for window in windows for p in timetable.parse_day(0, window))


SAT_SUN = (5, 6)
FRI_SAT = (4, 5)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    weekend_days: tuple[int, ...]
    calendar: str  # a key of _CALENDARS
    hours: tuple[tuple[int, int], ...]  # school-day windows, one per shift
    languages: tuple[str, ...]  # of instruction, the main one first
    english: str  # "native", "medium" (English-medium schooling) or "foreign", "strong"
    cities: tuple[tuple[str, str], ...]  # (city, IANA zone)
    grade_format: str  # {g}: grade 1–12, {y}: g + 1, {s}: section letter
    class_size: tuple[int, int]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    # {n}: a number, {city}, and a local patron: {name} (full), {first} or {surname}.
    school_names: tuple[str, ...]
    family_name_first: bool = False  # "Nguyễn Lan", not "Lan Nguyễn"


def _country(
    code,
    weekend,
    calendar,
    hours,
    languages,
    english,
    cities,
    grade_format,
    class_size,
    first_names,
    last_names,
    school_names,
    family_name_first=False,
) -> Country:
    """A Country from the compact notation of the table below."""
    return Country(
        code,
        weekend,
        calendar,
        _hours(*hours),
        tuple(languages.split()),
        english,
        tuple(tuple(pair.split("|")) for pair in cities),
        grade_format,
        class_size,
        tuple(first_names.split(", ")),
        tuple(last_names.split(", ")),
        tuple(school_names),
        family_name_first,
    )


_ES_SCHOOLS = ("Escuela N° {n} {name}", "Colegio {name}", "Institución Educativa N° {n}")

COUNTRIES: tuple[Country, ...] = (
    _country(
        "AR",
        SAT_SUN,
        "south-america",
        ("07:30-12:00", "13:00-17:30"),
        "es",
        "foreign",
        (
            "Rosario|America/Argentina/Cordoba",
            "Buenos Aires|America/Argentina/Buenos_Aires",
            "Mendoza|America/Argentina/Mendoza",
            "Córdoba|America/Argentina/Cordoba",
            "Salta|America/Argentina/Salta",
        ),
        "{g}º {s}",
        (22, 32),
        "Valeria, Martín, Lucía, Federico, Carolina, Nicolás, Mariana, Diego",
        "González, Fernández, López, Romero, Acosta, Benítez, Medina, Sosa",
        ("Escuela N° {n} {name}", "Escuela Normal Superior N° {n}", "Colegio Secundario N° {n}"),
    ),
    _country(
        "CL",
        SAT_SUN,
        "chile",
        ("08:00-15:30",),
        "es",
        "foreign",
        (
            "Valparaíso|America/Santiago",
            "Santiago|America/Santiago",
            "Concepción|America/Santiago",
            "Punta Arenas|America/Punta_Arenas",
        ),
        "{g}° Básico {s}",
        (25, 38),
        "Camila, Matías, Javiera, Benjamín, Constanza, Tomás, Francisca, Vicente",
        "Rojas, Muñoz, Soto, Contreras, Silva, Martínez, Sepúlveda, Morales",
        ("Escuela {name}", "Liceo N° {n} {name}", "Colegio {name}"),
    ),
    _country(
        "UY",
        SAT_SUN,
        "south-america",
        ("08:00-12:00", "13:00-17:00"),
        "es",
        "foreign",
        (
            "Montevideo|America/Montevideo",
            "Salto|America/Montevideo",
            "Paysandú|America/Montevideo",
        ),
        "{g}° {s}",
        (20, 30),
        "Florencia, Santiago, Sofía, Joaquín, Agustina, Facundo, Valentina, Bruno",
        "Pereira, Rodríguez, Silva, Núñez, Olivera, Cabrera, Techera, Suárez",
        ("Escuela N° {n} {name}", "Liceo N° {n}", "Escuela Técnica {name}"),
    ),
    _country(
        "BR",
        SAT_SUN,
        "brazil",
        ("07:00-11:30", "13:00-17:30"),
        "pt",
        "foreign",
        (
            "Recife|America/Recife",
            "São Paulo|America/Sao_Paulo",
            "Porto Alegre|America/Sao_Paulo",
            "Manaus|America/Manaus",
            "Belém|America/Belem",
        ),
        "{g}º ano {s}",
        (28, 40),
        "Ana Paula, Lucas, Juliana, Rafael, Fernanda, Gabriel, Patrícia, Thiago",
        "Souza, Oliveira, Santos, Lima, Ferreira, Almeida, Costa, Ribeiro",
        ("Escola Estadual {name}", "Escola Municipal {name}", "Colégio Estadual {name}"),
    ),
    _country(
        "PE",
        SAT_SUN,
        "south-america",
        ("07:45-13:00",),
        "es",
        "foreign",
        ("Cusco|America/Lima", "Lima|America/Lima", "Arequipa|America/Lima"),
        "{g}° grado {s}",
        (25, 35),
        "Rosa, Luis, Milagros, Jorge, Gabriela, Renzo, Yesenia, Kevin",
        "Quispe, Mamani, Huamán, Flores, Condori, Chávez, Vargas, Ramos",
        ("I.E. N° {n} {name}", "Colegio Nacional {name}", "I.E. {name}"),
    ),
    _country(
        "CO",
        SAT_SUN,
        "colombia",
        ("06:30-12:30", "12:30-18:00"),
        "es",
        "foreign",
        (
            "Medellín|America/Bogota",
            "Cali|America/Bogota",
            "Bogotá|America/Bogota",
            "Barranquilla|America/Bogota",
        ),
        "Grado {g}°{s}",
        (30, 42),
        "Andrés, Luz Marina, Juan Camilo, Paola, Sebastián, Natalia, Carlos, Daniela",
        "Morales, Ortiz, Restrepo, Gómez, Cardona, Rodríguez, Ramírez, Jaramillo",
        ("Institución Educativa {name}", "Colegio Distrital {name}", "I.E. {name} N° {n}"),
    ),
    _country(
        "MX",
        SAT_SUN,
        "mexico",
        ("08:00-13:00", "14:00-18:30"),
        "es",
        "foreign",
        (
            "Oaxaca|America/Mexico_City",
            "Guadalajara|America/Mexico_City",
            "Monterrey|America/Monterrey",
            "Mérida|America/Merida",
            "Tijuana|America/Tijuana",
        ),
        "{g}° {s}",
        (28, 40),
        "Alejandra, José Luis, Guadalupe, Miguel Ángel, Verónica, Jesús, Adriana, Ricardo",
        "Hernández, García, Martínez, López, Pérez, Sánchez, Ramírez, Cruz",
        ("Escuela Primaria {name}", "Escuela Secundaria Técnica N° {n}", "Secundaria {name}"),
    ),
    _country(
        "US",
        SAT_SUN,
        "north-america",
        ("08:00-15:00",),
        "en",
        "native",
        (
            "Chicago|America/Chicago",
            "Atlanta|America/New_York",
            "Portland|America/Los_Angeles",
            "Denver|America/Denver",
            "Phoenix|America/Phoenix",
            "Boston|America/New_York",
            "Anchorage|America/Anchorage",
            "Honolulu|Pacific/Honolulu",
        ),
        "Grade {g}",
        (20, 32),
        "Maya, Marcus, Sarah, Jennifer, David, Ashley, Michael, Keisha",
        "Thompson, Johnson, Nguyen, Ruiz, Miller, Davis, Walker, Patel",
        ("{surname} Elementary School", "{surname} Middle School", "{city} Public School {n}"),
    ),
    _country(
        "CA",
        SAT_SUN,
        "canada",
        ("08:45-15:15",),
        "en fr",
        "native",
        (
            "Montréal|America/Toronto",
            "Vancouver|America/Vancouver",
            "Toronto|America/Toronto",
            "Halifax|America/Halifax",
            "Winnipeg|America/Winnipeg",
            "Calgary|America/Edmonton",
        ),
        "Grade {g}",
        (20, 30),
        "Émilie, Ethan, Chloé, Liam, Olivia, Mathieu, Avery, Noah",
        "Tremblay, Campbell, Gagnon, Roy, MacDonald, Wong, Singh, Bouchard",
        ("{surname} Elementary School", "École {name}", "{surname} Secondary School"),
    ),
    _country(
        "IE",
        SAT_SUN,
        "ireland",
        ("08:50-15:30",),
        "en ga",
        "native",
        ("Galway|Europe/Dublin", "Dublin|Europe/Dublin", "Cork|Europe/Dublin"),
        "Year {y}",
        (22, 30),
        "Aoife, Ciarán, Siobhán, Seán, Niamh, Pádraig, Róisín, Eoin",
        "Murphy, Kelly, O'Sullivan, Walsh, Byrne, Ryan, O'Brien, Doyle",
        ("Scoil {first}", "St. {first}'s National School", "{city} Community College {n}"),
    ),
    _country(
        "PT",
        SAT_SUN,
        "portugal",
        ("08:15-16:30",),
        "pt",
        "strong",
        (
            "Porto|Europe/Lisbon",
            "Lisbon|Europe/Lisbon",
            "Braga|Europe/Lisbon",
            "Ponta Delgada|Atlantic/Azores",
        ),
        "{g}.º {s}",
        (20, 28),
        "João, Inês, Tiago, Mariana, Rui, Beatriz, Pedro, Catarina",
        "Carvalho, Silva, Santos, Pereira, Costa, Martins, Rodrigues, Sousa",
        ("Escola Básica {name}", "Escola Secundária {name}", "Agrupamento de Escolas {name}"),
    ),
    _country(
        "ES",
        SAT_SUN,
        "spain",
        ("09:00-14:00", "08:30-14:30"),
        "es",
        "foreign",
        (
            "Valencia|Europe/Madrid",
            "Seville|Europe/Madrid",
            "Bilbao|Europe/Madrid",
            "Las Palmas|Atlantic/Canary",
        ),
        "{g}.º {s}",
        (22, 28),
        "Lucía, Javier, Marta, Pablo, Elena, Sergio, Nuria, Álvaro",
        "Martínez, García, Fernández, Ruiz, Navarro, Torres, Domínguez, Vidal",
        ("CEIP {name}", "IES {name}", "Colegio Público {name}"),
    ),
    _country(
        "FR",
        SAT_SUN,
        "france",
        ("08:30-16:30",),
        "fr",
        "foreign",
        (
            "Lyon|Europe/Paris",
            "Marseille|Europe/Paris",
            "Lille|Europe/Paris",
            "Nantes|Europe/Paris",
        ),
        "Classe {g}{s}",
        (24, 30),
        "Camille, Thomas, Julie, Antoine, Claire, Nicolas, Léa, Hugo",
        "Dubois, Martin, Bernard, Moreau, Laurent, Lefebvre, Girard, Fournier",
        ("Collège {name}", "École élémentaire {name}", "Lycée {name}"),
    ),
    _country(
        "IT",
        SAT_SUN,
        "italy",
        ("08:00-13:30",),
        "it",
        "foreign",
        ("Bologna|Europe/Rome", "Palermo|Europe/Rome", "Turin|Europe/Rome", "Naples|Europe/Rome"),
        "Classe {g}{s}",
        (20, 27),
        "Chiara, Luca, Giulia, Marco, Francesca, Alessandro, Elena, Matteo",
        "Bianchi, Ferrari, Rossi, Russo, Esposito, Romano, Colombo, Ricci",
        ("Istituto Comprensivo {n} {city}", "Scuola Secondaria {name}", "Liceo {name}"),
    ),
    _country(
        "DE",
        SAT_SUN,
        "germany",
        ("07:45-13:15",),
        "de",
        "strong",
        (
            "Leipzig|Europe/Berlin",
            "Hamburg|Europe/Berlin",
            "Munich|Europe/Berlin",
            "Cologne|Europe/Berlin",
        ),
        "Klasse {g}{s}",
        (22, 29),
        "Jonas, Anna, Lukas, Katharina, Felix, Laura, Maximilian, Sarah",
        "Becker, Müller, Schmidt, Schneider, Fischer, Weber, Wagner, Hoffmann",
        ("{surname}-Gymnasium", "{surname}-Oberschule", "{n}. Grundschule {city}"),
    ),
    _country(
        "PL",
        SAT_SUN,
        "poland",
        ("08:00-14:30",),
        "pl",
        "strong",
        ("Kraków|Europe/Warsaw", "Gdańsk|Europe/Warsaw", "Wrocław|Europe/Warsaw"),
        "Klasa {g}{s}",
        (20, 28),
        "Katarzyna, Piotr, Agnieszka, Tomasz, Magdalena, Paweł, Joanna, Michał",
        "Nowak, Wójcik, Kowalczyk, Mazur, Krawczyk, Zając, Król, Wróbel",
        ("Szkoła Podstawowa nr {n}", "Liceum Ogólnokształcące nr {n}", "Szkoła im. {name}"),
    ),
    _country(
        "FI",
        SAT_SUN,
        "finland",
        ("08:30-14:15",),
        "fi sv",
        "strong",
        ("Tampere|Europe/Helsinki", "Helsinki|Europe/Helsinki", "Oulu|Europe/Helsinki"),
        "Luokka {g}{s}",
        (18, 24),
        "Aino, Mikko, Laura, Juha, Emilia, Ville, Sanna, Eero",
        "Virtanen, Korhonen, Mäkinen, Nieminen, Hämäläinen, Laine, Heikkinen, Koskinen",
        ("{city} Comprehensive School {n}", "{city} Upper Secondary School {n}"),
    ),
    _country(
        "UA",
        SAT_SUN,
        "ukraine",
        ("08:30-14:00",),
        "uk",
        "foreign",
        ("Lviv|Europe/Kyiv", "Kyiv|Europe/Kyiv", "Odesa|Europe/Kyiv", "Kharkiv|Europe/Kyiv"),
        "{g}-{s}",
        (20, 30),
        "Olena, Andriy, Iryna, Taras, Oksana, Dmytro, Nataliia, Bohdan",
        "Kovalenko, Shevchenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, Moroz",
        ("Lyceum No. {n}", "{city} Gymnasium No. {n}", "{city} School No. {n}"),
    ),
    _country(
        "TR",
        SAT_SUN,
        "turkey",
        ("08:30-15:00",),
        "tr",
        "foreign",
        (
            "İzmir|Europe/Istanbul",
            "Ankara|Europe/Istanbul",
            "Istanbul|Europe/Istanbul",
            "Trabzon|Europe/Istanbul",
        ),
        "{g}-{s}",
        (26, 36),
        "Elif, Mehmet, Zeynep, Emre, Ayşe, Burak, Merve, Can",
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Öztürk",
        ("{name} Ortaokulu", "{name} Anadolu Lisesi", "{name} İlkokulu"),
    ),
    _country(
        "EG",
        FRI_SAT,
        "egypt",
        ("07:45-13:45",),
        "ar",
        "foreign",
        ("Alexandria|Africa/Cairo", "Cairo|Africa/Cairo", "Aswan|Africa/Cairo"),
        "Grade {g}",
        (35, 50),
        "Nour, Ahmed, Mona, Mahmoud, Yasmin, Omar, Heba, Karim",
        "El-Sayed, Hassan, Mostafa, Ibrahim, Farouk, Abdel-Rahman, Nasser, Khalil",
        ("{name} Language School", "{name} Experimental School", "{city} Preparatory School {n}"),
    ),
    _country(
        "MA",
        SAT_SUN,
        "morocco",
        ("08:00-12:00", "14:00-18:00"),
        "ar fr",
        "foreign",
        ("Fès|Africa/Casablanca", "Casablanca|Africa/Casablanca", "Marrakesh|Africa/Casablanca"),
        "Grade {g}",
        (30, 42),
        "Youssef, Fatima Zahra, Hamza, Salma, Mehdi, Khadija, Anas, Imane",
        "Benali, El Amrani, Alaoui, Bennani, Tazi, Idrissi, Berrada, Chraibi",
        ("Collège {name}", "École {name}", "Lycée {name}"),
    ),
    _country(
        "NG",
        SAT_SUN,
        "west-africa",
        ("07:45-14:00",),
        "en",
        "medium",
        ("Enugu|Africa/Lagos", "Lagos|Africa/Lagos", "Kano|Africa/Lagos", "Ibadan|Africa/Lagos"),
        "Grade {g}",
        (35, 50),
        "Chiamaka, Emeka, Funmilayo, Tunde, Aisha, Ifeanyi, Ngozi, Segun",
        "Eze, Okafor, Adeyemi, Bello, Okonkwo, Adebayo, Nwosu, Ibrahim",
        (
            "{city} Junior Secondary School {n}",
            "Government College {city}",
            "{name} Primary School",
        ),
    ),
    _country(
        "GH",
        SAT_SUN,
        "west-africa",
        ("08:00-14:30",),
        "en",
        "medium",
        ("Kumasi|Africa/Accra", "Accra|Africa/Accra", "Tamale|Africa/Accra"),
        "Basic {g}",
        (30, 45),
        "Kwame, Ama, Kofi, Akosua, Yaw, Efua, Kwabena, Abena",
        "Mensah, Owusu, Boateng, Asante, Osei, Agyeman, Darko, Appiah",
        ("{surname} Basic School", "{city} M/A JHS {n}", "{city} Model School {n}"),
    ),
    _country(
        "KE",
        SAT_SUN,
        "kenya",
        ("08:00-15:30",),
        "en sw",
        "medium",
        ("Nairobi|Africa/Nairobi", "Mombasa|Africa/Nairobi", "Kisumu|Africa/Nairobi"),
        "Grade {g} {s}",
        (35, 50),
        "Wanjiku, Otieno, Achieng, Kiprono, Njeri, Mwangi, Akinyi, Kamau",
        "Kamau, Odhiambo, Wanjiru, Kiptoo, Mutua, Ochieng, Njoroge, Chebet",
        ("{surname} Junior School", "{city} Primary School {n}", "{city} Comprehensive School"),
    ),
    _country(
        "ZA",
        SAT_SUN,
        "south-africa",
        ("07:45-14:00",),
        "en",
        "medium",
        (
            "Durban|Africa/Johannesburg",
            "Cape Town|Africa/Johannesburg",
            "Johannesburg|Africa/Johannesburg",
        ),
        "Grade {g}",
        (30, 42),
        "Thandiwe, Sipho, Lerato, Themba, Nomvula, Pieter, Zanele, Bongani",
        "Nkosi, Dlamini, Mokoena, Van der Merwe, Ndlovu, Khumalo, Botha, Mahlangu",
        ("{surname} Primary School", "{surname} High School", "{surname} Combined School"),
    ),
    _country(
        "JO",
        FRI_SAT,
        "jordan",
        ("07:45-13:30",),
        "ar",
        "foreign",
        ("Amman|Asia/Amman", "Irbid|Asia/Amman", "Aqaba|Asia/Amman"),
        "Grade {g}",
        (30, 40),
        "Rania, Omar, Dana, Khaled, Lina, Zaid, Hala, Faris",
        "Haddad, Khoury, Al-Masri, Nasser, Qasem, Awad, Hijazi, Saleh",
        ("{name} School for Girls", "{name} Secondary School", "{city} Basic School No. {n}"),
    ),
    _country(
        "SA",
        FRI_SAT,
        "saudi-arabia",
        ("07:00-12:30",),
        "ar",
        "foreign",
        ("Riyadh|Asia/Riyadh", "Jeddah|Asia/Riyadh", "Dammam|Asia/Riyadh"),
        "Grade {g}",
        (25, 35),
        "Abdullah, Noura, Faisal, Reem, Saad, Lama, Turki, Haya",
        "Al-Harbi, Al-Qahtani, Al-Ghamdi, Al-Otaibi, Al-Shehri, Al-Dosari, Al-Zahrani, Al-Mutairi",
        ("{name} Intermediate School", "{name} Primary School", "{city} Secondary School {n}"),
    ),
    _country(
        "IR",
        (4,),
        "iran",
        ("07:30-12:30",),
        "fa",
        "foreign",
        ("Isfahan|Asia/Tehran", "Tehran|Asia/Tehran", "Shiraz|Asia/Tehran", "Tabriz|Asia/Tehran"),
        "Grade {g}",
        (25, 35),
        "Maryam, Reza, Zahra, Ali, Fatemeh, Hossein, Narges, Amir",
        "Rahimi, Hosseini, Mohammadi, Karimi, Ahmadi, Jafari, Moradi, Rezaei",
        ("{name} Girls' School", "{name} Boys' School", "{name} High School"),
    ),
    _country(
        "IN",
        SAT_SUN,
        "india",
        ("08:00-14:30",),
        "en hi",
        "medium",
        (
            "Hyderabad|Asia/Kolkata",
            "Pune|Asia/Kolkata",
            "Delhi|Asia/Kolkata",
            "Kolkata|Asia/Kolkata",
            "Chennai|Asia/Kolkata",
        ),
        "Class {g}-{s}",
        (35, 45),
        "Priya, Arjun, Lakshmi, Rahul, Anjali, Vikram, Kavya, Suresh",
        "Sharma, Reddy, Iyer, Patel, Nair, Gupta, Das, Kulkarni",
        ("{city} Public School {n}", "{name} Memorial School", "Kendriya Vidyalaya No. {n}"),
    ),
    _country(
        "BD",
        FRI_SAT,
        "bangladesh",
        ("09:00-14:00", "07:30-12:00"),
        "bn",
        "foreign",
        ("Dhaka|Asia/Dhaka", "Chattogram|Asia/Dhaka", "Sylhet|Asia/Dhaka"),
        "Class {g} ({s})",
        (40, 55),
        "Farhana, Tanvir, Nusrat, Rakib, Sharmin, Arif, Tasnim, Imran",
        "Akter, Hossain, Rahman, Islam, Chowdhury, Ahmed, Begum, Uddin",
        ("{name} High School", "{name} Model School", "{city} Government Girls' School"),
    ),
    _country(
        "ID",
        SAT_SUN,
        "indonesia",
        ("07:00-13:00",),
        "id",
        "foreign",
        (
            "Yogyakarta|Asia/Jakarta",
            "Jakarta|Asia/Jakarta",
            "Makassar|Asia/Makassar",
            "Denpasar|Asia/Makassar",
            "Jayapura|Asia/Jayapura",
        ),
        "Kelas {g}{s}",
        (28, 36),
        "Dewi, Budi, Sari, Agus, Rina, Eko, Putri, Hendra",
        "Lestari, Santoso, Wijaya, Pratama, Kusuma, Hidayat, Saputra, Nugroho",
        ("SD Negeri {n} {city}", "SMP Negeri {n} {city}", "SMA Negeri {n} {city}"),
    ),
    _country(
        "VN",
        SAT_SUN,
        "vietnam",
        ("07:00-11:15", "13:30-16:45"),
        "vi",
        "foreign",
        ("Da Nang|Asia/Ho_Chi_Minh", "Hanoi|Asia/Ho_Chi_Minh", "Ho Chi Minh City|Asia/Ho_Chi_Minh"),
        "Lớp {g}{s}",
        (35, 45),
        "Lan, Minh, Hoa, Tuấn, Thảo, Dũng, Hương, Quang",
        "Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi",
        ("Trường THCS {name}", "Trường Tiểu học {name}", "Trường THPT {name}"),
        family_name_first=True,
    ),
    _country(
        "PH",
        SAT_SUN,
        "philippines",
        ("07:00-12:00", "12:00-17:00"),
        "en tl",
        "medium",
        ("Cebu City|Asia/Manila", "Manila|Asia/Manila", "Davao City|Asia/Manila"),
        "Grade {g}",
        (38, 48),
        "Maria, Jose, Angelica, Mark, Kristine, John Paul, Rowena, Christian",
        "Santos, Reyes, Cruz, Bautista, Garcia, Mendoza, Villanueva, Aquino",
        ("{name} National High School", "{name} Elementary School", "{city} Integrated School"),
    ),
    _country(
        "MY",
        SAT_SUN,
        "malaysia",
        ("07:30-13:30", "13:00-18:30"),
        "ms",
        "strong",
        ("George Town|Asia/Kuala_Lumpur", "Kuala Lumpur|Asia/Kuala_Lumpur", "Kuching|Asia/Kuching"),
        "Grade {g}",
        (30, 40),
        "Nurul Aisyah, Ahmad, Mei Ling, Hafiz, Priya, Wei Jie, Siti, Arif",
        "Abdullah, Tan, Lim, Ismail, Wong, Rahman, Lee, Yusof",
        ("SMK {city} {n}", "SK {city} {n}", "SJK(C) {city} {n}"),
    ),
    _country(
        "JP",
        SAT_SUN,
        "japan",
        ("08:30-15:30",),
        "ja",
        "foreign",
        ("Sapporo|Asia/Tokyo", "Osaka|Asia/Tokyo", "Fukuoka|Asia/Tokyo"),
        "Grade {g}, Class {s}",
        (28, 35),
        "Yuki, Haruto, Aiko, Kenji, Sakura, Takumi, Naomi, Daisuke",
        "Tanaka, Suzuki, Takahashi, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi",
        (
            "{city} Municipal Junior High School No. {n}",
            "{city} Elementary School No. {n}",
            "{city} Prefectural High School No. {n}",
        ),
    ),
    _country(
        "KR",
        SAT_SUN,
        "korea",
        ("08:40-15:40",),
        "ko",
        "foreign",
        ("Busan|Asia/Seoul", "Seoul|Asia/Seoul", "Daejeon|Asia/Seoul"),
        "Grade {g}, Class {s}",
        (24, 30),
        "Ji-woo, Min-jun, Seo-yeon, Hyun-woo, Ha-eun, Jun-ho, Su-bin, Dong-hyun",
        "Park, Kim, Lee, Choi, Jung, Kang, Yoon, Jang",
        (
            "{city} Middle School No. {n}",
            "{city} Elementary School No. {n}",
            "{city} High School No. {n}",
        ),
    ),
    _country(
        "AU",
        SAT_SUN,
        "australasia",
        ("08:50-15:10",),
        "en",
        "native",
        (
            "Hobart|Australia/Hobart",
            "Perth|Australia/Perth",
            "Brisbane|Australia/Brisbane",
            "Adelaide|Australia/Adelaide",
            "Melbourne|Australia/Melbourne",
            "Darwin|Australia/Darwin",
        ),
        "Year {y}",
        (22, 28),
        "Emma, Jack, Chloe, Lachlan, Olivia, Hamish, Mia, Cooper",
        "Wilson, Murray, Smith, Brown, Taylor, Kelly, Nguyen, Campbell",
        ("{surname} Primary School", "{surname} Secondary College", "{surname} State School"),
    ),
    _country(
        "NZ",
        SAT_SUN,
        "australasia",
        ("09:00-15:00",),
        "en mi",
        "native",
        (
            "Rotorua|Pacific/Auckland",
            "Christchurch|Pacific/Auckland",
            "Wellington|Pacific/Auckland",
        ),
        "Year {y}",
        (22, 30),
        "Aroha, Nikau, Sophie, James, Mere, Tama, Isla, Oliver",
        "Ngata, Smith, Walker, Parata, Williams, Tane, Harris, Wilson",
        ("{surname} School", "{surname} Intermediate", "{city} College {n}"),
    ),
)

COUNTRY_BY_CODE: dict[str, Country] = {country.code: country for country in COUNTRIES}

# ---- vocabularies the generator draws from --------------------------------------------------

SUBJECT_TITLES = {
    "languages": "Languages",
    "english": "English",
    "literature": "Literature",
    "mathematics": "Mathematics",
    "science": "Science",
    "biology": "Biology",
    "chemistry": "Chemistry",
    "physics": "Physics",
    "geography": "Geography",
    "history": "History",
    "social-studies": "Social Studies",
    "citizenship": "Citizenship",
    "arts": "Arts",
    "music": "Music",
    "physical-education": "PE",
    "technology": "Computing",
    "economics": "Economics",
    "religion-ethics": "Ethics",
    "environment": "Environmental Studies",
    "primary": "Class",
}
_SECONDARY_SUBJECTS = tuple(code for code in SUBJECT_TITLES if code != "primary")
_PRIMARY_EXTRAS = ("arts", "music", "environment", "english", "science", "geography")
APPROACHES = ("connect", "collaborate", "create")
_CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
_PERIOD_MINUTES = (40, 45, 50, 60, 80, 90)

NICKNAMES = (
    "Puma",
    "Condor",
    "Jaguar",
    "Quetzal",
    "Lynx",
    "Otter",
    "Falcon",
    "Heron",
    "Ibis",
    "Koala",
    "Panda",
    "Orca",
    "Tiger",
    "Yak",
    "Zebra",
    "Fox",
    "Owl",
    "Kiwi",
    "Lemur",
    "Toucan",
    "Bison",
    "Gecko",
    "Macaw",
    "Hornbill",
    "Tapir",
    "Walrus",
    "Wombat",
    "Narwhal",
    "Ocelot",
    "Pelican",
    "Alpaca",
    "Beaver",
    "Dolphin",
    "Eagle",
    "Flamingo",
    "Gazelle",
    "Hedgehog",
    "Iguana",
    "Jackal",
    "Kestrel",
    "Llama",
    "Manatee",
    "Newt",
    "Okapi",
    "Penguin",
    "Raven",
)

_INTERESTS = (
    "My students would love to compare daily life with a class far away.",
    "We are looking for a partner class to run a shared project on water and climate.",
    "We like writing letters and recording short videos for partner classes.",
    "I want my students to practise English with children who also learn it.",
    "We would like to map local plants and animals together with another school.",
    "My class wants to swap recipes, games and songs with a class abroad.",
    "We are keen on joint maths challenges built on real data from both towns.",
    "I am looking for a long-term partner for a year-long exchange.",
)


# ---- the curated default world ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Room:
    name: str
    grade_label: str
    ages: tuple[int, int]
    student_count: int
    subjects: tuple[str, ...]
    sdgs: tuple[int, ...]
    approaches: tuple[str, ...]
    exchange_mode: str = "live"
    periods: tuple[tuple[int, str], ...] = ()  # explicit (weekday, "HH:MM-HH:MM"); else drawn
    nicknames: tuple[str, ...] = ()  # explicit demo students; else drawn
    english_level: str = ""  # else from age and country


@dataclass(frozen=True, slots=True)
class _Curated:
    name: str
    country: str
    city: str
    school: str
    languages: tuple[str, ...]
    bio: str
    rooms: tuple[_Room, ...]
    open_to_partnerships: bool = True


def _room(name, grade, ages, students, subjects, sdgs, approaches="connect collaborate", **kw):
    return _Room(
        name, grade, ages, students, tuple(subjects.split()), sdgs, tuple(approaches.split()), **kw
    )


def _teacher(name, country, city, school, languages, bio, *rooms, open_to_partnerships=True):
    return _Curated(
        name, country, city, school, tuple(languages.split()), bio, rooms, open_to_partnerships
    )


# The teachers of our product stories first (Gisel, Jhansi, Olenka), then the rest by region.
CURATED: tuple[_Curated, ...] = (
    _teacher(
        "Gisel Crespo",
        "AR",
        "Rosario",
        "Escuela N° 1340 Juana Azurduy",
        "es en",
        "Primary teacher in Rosario. My classes study rivers, climate and how our city uses the "
        "Paraná; we love comparing notes with classes on other continents.",
        _room(
            "6th grade B",
            "6º B",
            (11, 12),
            28,
            "geography social-studies",
            (6, 13),
            periods=((1, "13:00-14:10"), (3, "14:30-15:50")),
            nicknames=("Puma", "Condor", "Carpincho", "Hornero"),
            english_level="A2",
        ),
        _room(
            "7th grade A",
            "7º A",
            (12, 13),
            26,
            "geography english",
            (11, 13, 15),
            "collaborate create",
        ),
    ),
    _teacher(
        "Jhansi Reddy",
        "IN",
        "Hyderabad",
        "Sri Vidya Niketan High School",
        "en te hi",
        "I teach science and English to middle-schoolers in Hyderabad. We want to run joint "
        "experiments on water and air quality with classes abroad.",
        _room(
            "Class 7 Science",
            "Class 7-A",
            (12, 13),
            38,
            "science environment",
            (3, 6, 11),
            periods=((1, "13:00-14:00"), (3, "12:30-13:30")),
            nicknames=("Tiger", "Peacock", "Mango"),
            english_level="B1",
        ),
        _room(
            "Class 9 English",
            "Class 9-C",
            (14, 15),
            42,
            "english literature",
            (4, 5, 10),
            "connect create",
        ),
    ),
    _teacher(
        "Olenka Kovalenko",
        "UA",
        "Lviv",
        "Lviv Lyceum No. 73",
        "uk en pl",
        "English and history teacher in Lviv. My students want to tell their own stories and "
        "hear how young people elsewhere live and learn.",
        _room(
            "Form 8-B English",
            "8-B",
            (13, 14),
            27,
            "english history",
            (4, 16),
            "connect create",
            periods=((1, "09:30-10:50"), (3, "09:00-10:20")),
            nicknames=("Stork", "Lynx", "Sunflower"),
            english_level="B1",
        ),
        _room(
            "Form 10-A History",
            "10-A",
            (15, 16),
            25,
            "history citizenship",
            (10, 16),
            "collaborate",
            exchange_mode="async",
        ),
    ),
    _teacher(
        "Martín Sosa",
        "AR",
        "Mendoza",
        "Escuela 4-117 Manuel Belgrano",
        "es en",
        "Secondary geography teacher at the foot of the Andes. We study glaciers, water and "
        "vineyards in a warming climate.",
        _room(
            "3rd year Geography",
            "3º 2ª",
            (14, 15),
            30,
            "geography environment",
            (6, 13, 15),
            "collaborate",
        ),
        _room(
            "5th year Environment",
            "5º 1ª",
            (16, 17),
            24,
            "environment science",
            (7, 13),
            "create collaborate",
            exchange_mode="async",
        ),
    ),
    _teacher(
        "Camila Rojas",
        "CL",
        "Valparaíso",
        "Escuela Cerro Alegre",
        "es en",
        "Biology teacher by the Pacific. My students monitor the coast and want partners who "
        "live by another ocean.",
        _room("1° Medio A", "1° Medio A", (14, 15), 36, "biology environment", (14, 12)),
    ),
    _teacher(
        "Florencia Pereira",
        "UY",
        "Montevideo",
        "Escuela N° 120 José Pedro Varela",
        "es en pt",
        "Fifth-grade teacher in Montevideo; every child in our class has a laptop, and we use "
        "it to meet the world.",
        _room("5° A", "5° A", (10, 11), 30, "primary", (4, 15), "connect create"),
    ),
    _teacher(
        "Ana Paula Souza",
        "BR",
        "Recife",
        "Escola Estadual Joaquim Nabuco",
        "pt en es",
        "Geography and history in Recife. We are curious about how other coastal cities live "
        "with the sea.",
        _room("7º ano A", "7º ano A", (12, 13), 35, "geography history", (11, 14)),
        _room("9º ano B", "9º ano B", (14, 15), 33, "history citizenship", (10, 16), "collaborate"),
    ),
    _teacher(
        "Rosa Quispe",
        "PE",
        "Cusco",
        "I.E. Túpac Amaru",
        "es qu",
        "I teach history in Spanish and Quechua. My students are proud of their languages and "
        "want to share them.",
        _room(
            "4° de secundaria",
            "4° A",
            (15, 16),
            32,
            "history citizenship",
            (10, 16),
            exchange_mode="async",
        ),
        _room("2° de secundaria B", "2° B", (13, 14), 30, "social-studies languages", (4, 10)),
    ),
    _teacher(
        "Andrés Morales",
        "CO",
        "Medellín",
        "Institución Educativa San Javier",
        "es en",
        "Science teacher in Medellín. Our school garden and the Aburrá valley's air quality are "
        "our favourite projects.",
        _room("Séptimo B", "7°B", (12, 13), 38, "science environment", (15, 6, 13)),
        _room(
            "Noveno A", "9°A", (14, 15), 40, "biology environment", (3, 15), "collaborate create"
        ),
    ),
    _teacher(
        "Luz Marina Ortiz",
        "CO",
        "Cali",
        "Colegio Los Farallones",
        "es",
        "Music and arts for the little ones in Cali, the capital of salsa. We sing with anyone!",
        _room("Tercero A", "3°A", (8, 9), 30, "music arts", (4, 10), "connect create"),
    ),
    _teacher(
        "Alejandra Hernández",
        "MX",
        "Oaxaca",
        "Escuela Primaria Benito Juárez",
        "es en",
        "Primary teacher in Oaxaca. Our class wants to share the maize, the markets and the "
        "languages of our state.",
        _room("5° grado A", "5° A", (10, 11), 32, "primary environment", (2, 15)),
    ),
    _teacher(
        "Maya Thompson",
        "US",
        "Chicago",
        "Pullman Community Middle School",
        "en es",
        "Social studies in Chicago. My students are first- and second-generation immigrants who "
        "love meeting kids from the countries their families come from.",
        _room(
            "Grade 6 World Cultures",
            "Grade 6",
            (11, 12),
            27,
            "social-studies geography",
            (10, 4),
            english_level="C2",
        ),
        _room(
            "Grade 7 Geography",
            "Grade 7",
            (12, 13),
            29,
            "geography",
            (11, 13),
            "collaborate",
            english_level="C2",
        ),
    ),
    _teacher(
        "Marcus Johnson",
        "US",
        "Atlanta",
        "Westside STEM Academy",
        "en",
        "Middle school science in Atlanta. We collect weather and biodiversity data and want to "
        "compare it with classes in other climates.",
        _room(
            "7th Grade Life Science",
            "Grade 7",
            (12, 13),
            30,
            "biology science",
            (14, 15),
            english_level="C2",
        ),
        _room(
            "8th Grade Earth Science",
            "Grade 8",
            (13, 14),
            31,
            "science environment",
            (13, 6),
            "collaborate create",
            english_level="C2",
        ),
    ),
    _teacher(
        "Sarah Nguyen",
        "US",
        "Portland",
        "Rose City Elementary School",
        "en vi",
        "Fourth-grade teacher in Portland, Oregon. My class loves pen pals, art swaps and "
        "anything with maps.",
        _room(
            "4th Grade Room 12",
            "Grade 4",
            (9, 10),
            24,
            "primary arts",
            (15, 11),
            "connect create",
            english_level="C2",
        ),
    ),
    _teacher(
        "Émilie Tremblay",
        "CA",
        "Montréal",
        "École secondaire du Plateau",
        "fr en",
        "French and geography teacher in Montréal; we practise our English and Spanish with "
        "partner classes.",
        _room(
            "Secondaire 2 groupe 21",
            "Secondaire 2",
            (13, 14),
            29,
            "languages geography",
            (4, 11),
            english_level="B1",
        ),
    ),
    _teacher(
        "Ethan Campbell",
        "CA",
        "Vancouver",
        "Mount Pleasant Elementary School",
        "en fr",
        "Grade 5 teacher in Vancouver; salmon, forests and the Pacific are our big topics.",
        _room(
            "Division 5", "Grade 5", (10, 11), 26, "primary science", (14, 15), english_level="C2"
        ),
    ),
    _teacher(
        "Aoife Murphy",
        "IE",
        "Galway",
        "Scoil Bhríde",
        "en ga",
        "Primary teacher on the west coast of Ireland. We teach through English and Irish and "
        "love sharing our stories and music.",
        _room(
            "4th Class",
            "4th Class",
            (9, 10),
            28,
            "primary languages",
            (4, 14, 15),
            english_level="C2",
        ),
        _room(
            "6th Class",
            "6th Class",
            (11, 12),
            30,
            "primary music",
            (14, 13),
            "connect create",
            english_level="C2",
        ),
    ),
    _teacher(
        "João Carvalho",
        "PT",
        "Porto",
        "Escola Básica e Secundária do Porto",
        "pt en fr",
        "History and geography in Porto. We want to explore how migration has shaped our cities.",
        _room("8.º B", "8.º B", (13, 14), 26, "history geography", (10, 11)),
    ),
    _teacher(
        "Lucía Martínez",
        "ES",
        "Valencia",
        "CEIP Ciutat de València",
        "es ca en",
        "Primary teacher in Valencia, teaching in Valencian, Spanish and English.",
        _room("5.º de Primaria B", "5.º B", (10, 11), 25, "primary english", (12, 13)),
    ),
    _teacher(
        "Camille Dubois",
        "FR",
        "Lyon",
        "Collège Jean Moulin",
        "fr en es",
        "Language teacher in Lyon. My classes write, record and exchange podcasts with partner "
        "classes.",
        _room("5e B", "5e B", (12, 13), 28, "languages english", (4, 10), "connect create"),
        _room("3e A", "3e A", (14, 15), 29, "english citizenship", (5, 16), "collaborate"),
    ),
    _teacher(
        "Chiara Bianchi",
        "IT",
        "Bologna",
        "Istituto Comprensivo 12 Bologna",
        "it en",
        "English and science teacher in Bologna. We run a school garden and want to compare "
        "seasons with classes in the southern hemisphere.",
        _room("2ª B Inglese", "Classe 2ª B", (12, 13), 22, "english science", (14, 13)),
        _room(
            "3ª A Scienze",
            "Classe 3ª A",
            (13, 14),
            24,
            "science environment",
            (13, 15),
            "collaborate create",
        ),
    ),
    _teacher(
        "Luca Ferrari",
        "IT",
        "Palermo",
        "Liceo Scientifico Galileo Galilei",
        "it en fr",
        "Physics and maths in Palermo. My students build experiments on solar energy.",
        _room(
            "4ª C Fisica",
            "Classe 4ª C",
            (17, 18),
            25,
            "physics mathematics",
            (7, 13),
            "collaborate create",
        ),
        open_to_partnerships=False,
    ),
    _teacher(
        "Jonas Becker",
        "DE",
        "Leipzig",
        "Humboldt-Gymnasium Leipzig",
        "de en",
        "English and geography teacher in Leipzig. We love debates and joint research projects.",
        _room("Klasse 7b", "7b", (12, 13), 27, "english geography", (11, 13)),
        _room("Klasse 10a", "10a", (15, 16), 26, "physics technology", (7, 9), "collaborate"),
    ),
    _teacher(
        "Katarzyna Nowak",
        "PL",
        "Kraków",
        "Szkoła Podstawowa nr 85 w Krakowie",
        "pl en de",
        "English teacher in Kraków. My sixth-graders want to make new friends and practise real "
        "English.",
        _room("Klasa 6a", "6a", (12, 13), 24, "english", (4, 17), "connect"),
    ),
    _teacher(
        "Aino Virtanen",
        "FI",
        "Tampere",
        "Hervannan yhtenäiskoulu",
        "fi sv en",
        "Class teacher in Tampere. We learn outdoors a lot and are curious about schools where "
        "it never snows.",
        _room("Luokka 5A", "5A", (11, 12), 22, "primary environment", (13, 15, 7)),
    ),
    _teacher(
        "Elif Yılmaz",
        "TR",
        "İzmir",
        "Karşıyaka Ortaokulu",
        "tr en de",
        "English teacher in İzmir. My students love drama, storytelling and video calls.",
        _room("6-A English", "6-A", (11, 12), 30, "english", (4, 5), "connect create"),
        _room("7-C English", "7-C", (12, 13), 32, "english citizenship", (16, 10)),
    ),
    _teacher(
        "Mehmet Kaya",
        "TR",
        "Ankara",
        "Çankaya Anadolu Lisesi",
        "tr en",
        "Chemistry teacher in Ankara, looking for partners for shared lab projects.",
        _room(
            "10-B Chemistry",
            "10-B",
            (15, 16),
            34,
            "chemistry science",
            (6, 12),
            "collaborate create",
        ),
    ),
    _teacher(
        "Nour El-Sayed",
        "EG",
        "Alexandria",
        "Alexandria Language School",
        "ar en fr",
        "English teacher in Alexandria. We want to share the Mediterranean with classes around it "
        "and beyond.",
        _room("Grade 7 English", "Grade 7", (12, 13), 40, "english", (14, 4)),
    ),
    _teacher(
        "Youssef Benali",
        "MA",
        "Fès",
        "Collège Ibn Khaldoun",
        "ar fr en",
        "Languages and history teacher in Fès. My students want to talk about heritage, crafts "
        "and the future of old cities.",
        _room("2e année collège", "2AC", (13, 14), 38, "languages history", (11, 8)),
    ),
    _teacher(
        "Chiamaka Eze",
        "NG",
        "Enugu",
        "Holy Rosary Junior Secondary School",
        "en ig",
        "Social studies teacher in Enugu. My students are eager to discuss gender equality and "
        "citizenship with peers abroad.",
        _room("JSS 2 Gold", "JSS 2", (12, 13), 45, "social-studies citizenship", (5, 16)),
    ),
    _teacher(
        "Kwame Mensah",
        "GH",
        "Kumasi",
        "Ashanti Model Basic School",
        "en ak",
        "Science and maths in Kumasi. We build things from recycled materials.",
        _room("JHS 1", "JHS 1", (12, 13), 42, "science mathematics", (12, 9), "collaborate create"),
    ),
    _teacher(
        "Wanjiku Kamau",
        "KE",
        "Nairobi",
        "Kilimani Junior School",
        "en sw",
        "Teacher in Nairobi. We plant trees every term and want partners to track them with us.",
        _room("Grade 7 Blue", "Grade 7", (12, 13), 44, "environment science", (6, 15)),
        _room("Grade 5 Red", "Grade 5", (10, 11), 40, "primary", (2, 3), "connect"),
    ),
    _teacher(
        "Thandiwe Nkosi",
        "ZA",
        "Durban",
        "Berea Primary School",
        "en zu",
        "Grade 6 teacher in Durban, teaching in English and isiZulu.",
        _room(
            "Grade 6 Nkosi",
            "Grade 6",
            (11, 12),
            36,
            "primary languages",
            (10, 4),
            exchange_mode="async",
        ),
    ),
    _teacher(
        "Rania Haddad",
        "JO",
        "Amman",
        "Jabal Amman Girls' School",
        "ar en",
        "English and citizenship for girls in Amman. My students want to lead projects on water "
        "and equality.",
        _room("Grade 8 Girls", "Grade 8", (13, 14), 35, "english citizenship", (5, 6, 4)),
    ),
    _teacher(
        "Abdullah Al-Harbi",
        "SA",
        "Riyadh",
        "Al-Nakheel Intermediate School",
        "ar en",
        "Science teacher in Riyadh. We are studying solar power and water desalination.",
        _room("Second Intermediate B", "Grade 8", (13, 14), 32, "science technology", (7, 9)),
    ),
    _teacher(
        "Maryam Rahimi",
        "IR",
        "Isfahan",
        "Parvin Etesami Girls' School",
        "fa en",
        "Science teacher in Isfahan. My students are curious about how other countries save water.",
        _room(
            "Grade 9 Science",
            "Grade 9",
            (14, 15),
            30,
            "science chemistry",
            (6, 7),
            exchange_mode="async",
        ),
    ),
    _teacher(
        "Arjun Mehta",
        "IN",
        "Pune",
        "Green Valley English School",
        "en hi mr",
        "Maths and computing teacher. My students build small data projects and want partners "
        "to compare real-world data.",
        _room(
            "Grade 8 Mathematics",
            "Grade 8-B",
            (13, 14),
            40,
            "mathematics technology",
            (9, 4),
            "collaborate",
        ),
        _room(
            "Grade 11 Computer Science",
            "Grade 11",
            (16, 17),
            32,
            "technology",
            (9, 7),
            "create collaborate",
            exchange_mode="async",
        ),
    ),
    _teacher(
        "Farhana Akter",
        "BD",
        "Dhaka",
        "Dhanmondi Model High School",
        "bn en",
        "English and science teacher in Dhaka; our class wants to talk about rivers, floods and "
        "climate with the world.",
        _room("Class 6 English", "Class 6 (B)", (11, 12), 45, "english", (4, 13)),
        _room(
            "Class 8 Science",
            "Class 8 (A)",
            (13, 14),
            48,
            "science environment",
            (13, 6, 14),
            "collaborate",
        ),
    ),
    _teacher(
        "Tanvir Hossain",
        "BD",
        "Chattogram",
        "Agrabad Model School",
        "bn en",
        "Geography teacher in Chattogram, by the Bay of Bengal.",
        _room(
            "Class 9 Geography", "Class 9 (A)", (14, 15), 50, "geography environment", (13, 14, 11)
        ),
    ),
    _teacher(
        "Dewi Lestari",
        "ID",
        "Yogyakarta",
        "SMP Negeri 12 Yogyakarta",
        "id jv en",
        "English and arts teacher in Yogyakarta. Batik, gamelan and volcanoes are our pride.",
        _room("Kelas 8B", "8B", (13, 14), 32, "english arts", (11, 4), "connect create"),
    ),
    _teacher(
        "Nguyễn Thị Lan",
        "VN",
        "Da Nang",
        "Trường THCS Nguyễn Huệ",
        "vi en",
        "English teacher in Da Nang. We want to practise English and learn about other coasts.",
        _room("Lớp 7A3", "7A3", (12, 13), 42, "english geography", (14, 4)),
    ),
    _teacher(
        "Maria Santos",
        "PH",
        "Cebu City",
        "Mabolo National High School",
        "en tl",
        "Science teacher in Cebu. Our coral reefs are our classroom.",
        _room("Grade 9 Sampaguita", "Grade 9", (14, 15), 44, "science environment", (14, 13)),
    ),
    _teacher(
        "Nurul Aisyah",
        "MY",
        "George Town",
        "SMK Tanjung Bungah",
        "ms en zh",
        "English teacher in Penang. My students speak three languages and love to use them.",
        _room("Form 2 Bestari", "Form 2", (13, 14), 34, "english", (4, 10, 17)),
    ),
    _teacher(
        "Yuki Tanaka",
        "JP",
        "Sapporo",
        "Sapporo Kita Junior High School",
        "ja en",
        "English teacher in Sapporo. Snow festivals, food and manga are our favourite topics.",
        _room("2nd Year Class 3", "Grade 8, Class 3", (13, 14), 33, "english citizenship", (4, 11)),
    ),
    _teacher(
        "Ji-woo Park",
        "KR",
        "Busan",
        "Haeundae Middle School",
        "ko en",
        "English teacher in Busan. We like project-based learning about oceans and cities.",
        _room("Grade 1 Class 4", "Grade 7, Class 4", (13, 14), 28, "english", (14, 11)),
    ),
    _teacher(
        "Emma Wilson",
        "AU",
        "Hobart",
        "Sandy Bay Primary School",
        "en",
        "Year 5/6 teacher in Tasmania. We study Antarctica and the Southern Ocean.",
        _room(
            "Year 5/6 Blue",
            "Year 5/6",
            (10, 12),
            26,
            "primary environment",
            (14, 13),
            english_level="C2",
        ),
    ),
    _teacher(
        "Jack Murray",
        "AU",
        "Perth",
        "Swan Valley Secondary College",
        "en it",
        "Geography teacher in Perth, keen on climate and water projects across the Indian Ocean.",
        _room(
            "Year 9 Geography",
            "Year 9",
            (14, 15),
            28,
            "geography environment",
            (13, 6),
            "collaborate",
            english_level="C2",
        ),
    ),
    _teacher(
        "Aroha Ngata",
        "NZ",
        "Rotorua",
        "Rotorua Intermediate",
        "en mi",
        "Teacher in Rotorua, teaching through English and te reo Māori.",
        _room(
            "Room 14",
            "Year 7/8",
            (11, 13),
            27,
            "primary languages",
            (14, 15, 4),
            "connect create",
            english_level="C2",
        ),
    ),
)


# ---- the generator -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def ascii_slug(text: str, separator: str = "-") -> str:
    """Lowercase ASCII letters and digits: "Nguyễn Thị Lan" → "nguyen-thi-lan"."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", separator, plain).strip(separator)


def _email(display_name: str, suffix: str = "") -> str:
    local = ".".join(ascii_slug(part) for part in display_name.split())
    return f"{local}{suffix}@{EMAIL_DOMAIN}"


def _full_name(country: Country, first: str, surname: str) -> str:
    return f"{surname} {first}" if country.family_name_first else f"{first} {surname}"


def _english_level(country: Country, age_max: int) -> str:
    """A plausible CEFR level of a class: rises with age and where English is strong."""
    if country.english == "native":
        return "C2"
    band = 0 if age_max <= 9 else 1 if age_max <= 12 else 2 if age_max <= 15 else 3
    bonus = {"medium": 2, "strong": 1}.get(country.english, 0)
    return _CEFR[min(band + bonus, 4)]


def _instruction_languages(country: Country, subjects: tuple[str, ...]) -> tuple[str, ...]:
    """The country's languages, and English in an English class."""
    if "english" in subjects and "en" not in country.languages:
        return (*country.languages, "en")
    return country.languages


class _Draw:
    """Everything random in a world comes from one Random, drawn in a fixed order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.codes: set[str] = set()

    def join_code(self) -> str:
        """A code no other classroom of the world has (one draw, spelled in base 31: fast)."""
        while True:
            number = self.rng.randrange(_CODE_SPACE)
            letters = []
            for _position in range(CODE_LENGTH):
                number, digit = divmod(number, len(CODE_ALPHABET))
                letters.append(CODE_ALPHABET[digit])
            code = "".join(letters)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def secret(self) -> str:
        """A pronounceable word and two digits, like orbis.students.codes.new_secret_word."""
        number = self.rng.randrange(_SECRET_SPACE)
        letters = []
        for alphabet in (_SECRET_CONSONANTS, _SECRET_VOWELS, _SECRET_CONSONANTS, _SECRET_VOWELS):
            number, index = divmod(number, len(alphabet))
            letters.append(alphabet[index])
        return f"{''.join(letters)}{number + 10}"

    def periods(self, country: Country) -> tuple[timetable.Period, ...]:
        """Two to four lessons a week, each on a different school day, within one shift."""
        r = self.rng
        school_days = [day for day in range(7) if day not in country.weekend_days]
        shift_start, shift_end = r.choice(country.hours)
        shift = shift_end - shift_start
        periods = []
        for day in r.sample(school_days, r.randint(2, min(4, len(school_days)))):
            length = r.choice([minutes for minutes in _PERIOD_MINUTES if minutes <= shift])
            start = shift_start + 5 * r.randrange((shift - length) // 5 + 1)
            periods.append(timetable.Period(day, start, start + length))
        return tuple(timetable.validate(periods))

    def students(self, classroom_key: str, nicknames: tuple[str, ...] = ()) -> list[StudentSpec]:
        chosen = nicknames or self.rng.sample(NICKNAMES, 3)
        return [StudentSpec(classroom_key, nickname, self.secret()) for nickname in chosen]


class _Builder:
    """The lists a world is built into, and its schools by key (teachers share schools)."""

    def __init__(self, draw: _Draw) -> None:
        self.draw = draw
        self.schools: dict[str, SchoolSpec] = {}
        self.school_names: set[tuple[str, str, str]] = set()
        self.filling: dict[str, tuple[SchoolSpec, int]] = {}  # country → school, its teachers
        self.teachers: list[TeacherSpec] = []
        self.classrooms: list[ClassroomSpec] = []
        self.students: list[StudentSpec] = []

    def school(self, name: str, country: Country, city: str, zone: str) -> SchoolSpec:
        key = f"{country.code.lower()}-{ascii_slug(city)}-{ascii_slug(name)}"
        if key not in self.schools:
            self.schools[key] = SchoolSpec(
                key=key,
                name=name,
                country=country.code,
                city=city,
                time_zone=zone,
                weekend_days=country.weekend_days,
                terms=_CALENDARS[country.calendar],
            )
            self.school_names.add((name, country.code, city))
        return self.schools[key]

    def synthetic_school(self, country: Country) -> SchoolSpec:
        """Often the country's last synthetic school (up to 4 teachers), else a new one."""
        r = self.draw.rng
        filling = self.filling.get(country.code)
        if filling and filling[1] < 4 and r.random() < 0.35:
            self.filling[country.code] = (filling[0], filling[1] + 1)
            return filling[0]
        city, zone = r.choice(country.cities)
        school = self.school(self._new_school_name(country, city), country, city, zone)
        self.filling[country.code] = (school, 1)
        return school

    def _new_school_name(self, country: Country, city: str) -> str:
        """A name no other school of the city has: schools are matched by name and city."""
        r = self.draw.rng
        for _attempt in range(5):
            first, surname = r.choice(country.first_names), r.choice(country.last_names)
            name = r.choice(country.school_names).format(
                n=r.randint(1, 400),
                city=city,
                name=_full_name(country, first, surname),
                first=first,
                surname=surname,
            )
            if (name, country.code, city) not in self.school_names:
                return name
        return f"{name} {len(self.schools) + 1}"

    def add_curated(self, entry: _Curated) -> None:
        country = COUNTRY_BY_CODE[entry.country]
        school = self.school(entry.school, country, entry.city, dict(country.cities)[entry.city])
        email = _email(entry.name)
        subjects: dict[str, None] = {}
        for room in entry.rooms:
            subjects.update(dict.fromkeys(room.subjects))
            key = f"{email.split('@')[0]}/{ascii_slug(room.name)}"
            if room.exchange_mode == "async":
                periods: tuple[timetable.Period, ...] = ()
            elif room.periods:
                periods = tuple(
                    timetable.validate(
                        [p for day, text in room.periods for p in timetable.parse_day(day, text)]
                    )
                )
            else:
                periods = self.draw.periods(country)
            self.classrooms.append(
                ClassroomSpec(
                    key=key,
                    teacher_email=email,
                    name=room.name,
                    grade_label=room.grade_label,
                    age_min=room.ages[0],
                    age_max=room.ages[1],
                    student_count=room.student_count,
                    subjects=room.subjects,
                    languages=_instruction_languages(country, room.subjects),
                    english_level=room.english_level or _english_level(country, room.ages[1]),
                    sdgs=room.sdgs,
                    approaches=room.approaches,
                    exchange_mode=room.exchange_mode,
                    looking_for_partners=entry.open_to_partnerships,
                    join_code=self.draw.join_code(),
                    periods=periods,
                )
            )
            self.students.extend(self.draw.students(key, room.nicknames))
        self.teachers.append(
            TeacherSpec(
                email=email,
                display_name=entry.name,
                school_key=school.key,
                languages=entry.languages,
                subjects=tuple(subjects),
                bio=entry.bio,
                open_to_partnerships=entry.open_to_partnerships,
            )
        )

    def add_synthetic(self, number: int) -> None:
        """Synthetic teacher `number` (1, 2, …), in the next country of the table."""
        r = self.draw.rng
        country = COUNTRIES[(number - 1) % len(COUNTRIES)]
        school = self.synthetic_school(country)
        first, surname = r.choice(country.first_names), r.choice(country.last_names)
        display_name = _full_name(country, first, surname)
        email = _email(display_name, f".{number}")
        local = email.split("@")[0]
        speaks_english = r.random() < 0.85
        languages = (*country.languages, "en") if speaks_english else country.languages
        languages = tuple(dict.fromkeys(languages))

        first_age = r.randint(6, 17)
        subjects: dict[str, None] = {}
        names: set[str] = set()
        for index in range(r.choices((1, 2, 3), weights=(50, 35, 15))[0]):
            low = first_age if index == 0 else min(18, max(6, first_age + r.randint(-1, 2)))
            high = min(18, low + r.choice((0, 1, 1, 2)))
            if high <= 10:
                room_subjects: tuple[str, ...] = ("primary", r.choice(_PRIMARY_EXTRAS))
            else:
                room_subjects = tuple(r.sample(_SECONDARY_SUBJECTS, r.randint(1, 2)))
            subjects.update(dict.fromkeys(room_subjects))
            grade = max(1, min(12, low - 5))
            grade_label = country.grade_format.format(g=grade, y=grade + 1, s=r.choice("ABCDEF"))
            name = f"{grade_label} {SUBJECT_TITLES[room_subjects[0]]}"
            if name in names:
                name = f"{name} ({index + 1})"
            names.add(name)
            key = f"{local}/{index + 1}"
            live = r.random() < 0.8
            self.classrooms.append(
                ClassroomSpec(
                    key=key,
                    teacher_email=email,
                    name=name,
                    grade_label=grade_label,
                    age_min=low,
                    age_max=high,
                    student_count=r.randint(*country.class_size),
                    subjects=room_subjects,
                    languages=_instruction_languages(country, room_subjects),
                    english_level=_english_level(country, high),
                    sdgs=tuple(sorted(r.sample(range(1, 18), r.randint(1, 3)))),
                    approaches=tuple(a for a in APPROACHES if r.random() < 0.6) or ("connect",),
                    exchange_mode="live" if live else "async",
                    looking_for_partners=r.random() < 0.9,
                    join_code=self.draw.join_code(),
                    periods=self.draw.periods(country) if live else (),
                )
            )
            self.students.extend(self.draw.students(key))

        main_subject = SUBJECT_TITLES[next(iter(subjects))]
        role = "Class teacher" if main_subject == "Class" else f"{main_subject} teacher"
        self.teachers.append(
            TeacherSpec(
                email=email,
                display_name=display_name,
                school_key=school.key,
                languages=languages,
                subjects=tuple(subjects),
                bio=f"{role} in {school.city}. {r.choice(_INTERESTS)}",
                open_to_partnerships=r.random() < 0.9,
            )
        )

    def world(self) -> World:
        return World(
            schools=tuple(self.schools.values()),
            teachers=tuple(self.teachers),
            classrooms=tuple(self.classrooms),
            students=tuple(self.students),
        )


def build_world(teachers: int = DEFAULT_TEACHERS, seed: int = DEFAULT_SEED) -> World:
    """The curated teachers (the first `teachers` of them), then synthetic ones up to `teachers`.

    Deterministic: the same arguments give an equal world, and a world is a prefix of any larger
    world built with the same seed, so `orbis seed` after `orbis demo` only adds to it.
    """
    if teachers < 0:
        raise ValueError("teachers must be 0 or more")
    builder = _Builder(_Draw(seed))
    for entry in CURATED[:teachers]:
        builder.add_curated(entry)
    for number in range(1, teachers - len(CURATED) + 1):
        builder.add_synthetic(number)
    return builder.world()

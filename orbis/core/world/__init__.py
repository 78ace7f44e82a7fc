"""A deterministic world of demo schools, teachers, classrooms and students.

Pure package (no Django): the demo and seed commands load what it builds, the benchmarks time
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
from functools import lru_cache

from orbis.core import timetable
from orbis.core.codes import APPROACHES, CEFR_LEVELS, SDGS, SECONDARY_SUBJECTS
from orbis.core.world.calendars import _CALENDARS
from orbis.core.world.countries import COUNTRIES, COUNTRY_BY_CODE, FRI_SAT, SAT_SUN, Country
from orbis.core.world.curated import CURATED
from orbis.core.world.specs import (
    _CODE_SPACE,
    _SECRET_CONSONANTS,
    _SECRET_SPACE,
    _SECRET_VOWELS,
    CODE_ALPHABET,
    CODE_LENGTH,
    DEFAULT_SEED,
    DEFAULT_TEACHERS,
    DEMO_TEACHER_EMAIL,
    EMAIL_DOMAIN,
    ClassroomSpec,
    SchoolSpec,
    StudentSpec,
    TeacherSpec,
    TermSpec,
    World,
    _Curated,
)
from orbis.core.world.vocabularies import (
    _INTERESTS,
    _PERIOD_MINUTES,
    NICKNAMES,
    PRIMARY_EXTRAS,
    SUBJECT_TITLES,
)

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "COUNTRIES",
    "COUNTRY_BY_CODE",
    "CURATED",
    "DEFAULT_SEED",
    "DEFAULT_TEACHERS",
    "DEMO_TEACHER_EMAIL",
    "EMAIL_DOMAIN",
    "FRI_SAT",
    "NICKNAMES",
    "SAT_SUN",
    "SUBJECT_TITLES",
    "ClassroomSpec",
    "Country",
    "SchoolSpec",
    "StudentSpec",
    "TeacherSpec",
    "TermSpec",
    "World",
    "ascii_slug",
    "build_world",
]


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
    return CEFR_LEVELS[min(band + bonus, 4)]


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
        """Two to four windows a week, each on a different school day, within one shift."""
        r = self.rng
        school_days = [day for day in range(7) if day not in country.weekend_days]
        shift_start, shift_end = r.choice(country.hours)
        shift = shift_end - shift_start
        periods = []
        for day in r.sample(school_days, r.randint(2, min(4, len(school_days)))):
            length = r.choice(
                [minutes for minutes in _PERIOD_MINUTES if minutes <= shift] or [shift]
            )
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
                room_subjects: tuple[str, ...] = ("primary", r.choice(PRIMARY_EXTRAS))
            else:
                room_subjects = tuple(r.sample(SECONDARY_SUBJECTS, r.randint(1, 2)))
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
                    sdgs=tuple(sorted(r.sample(SDGS, r.randint(1, 3)))),
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

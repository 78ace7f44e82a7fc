"""What a demo world is made of: its spec dataclasses, its constants, its curated-entry notation."""

from dataclasses import dataclass
from datetime import date

from orbis.core import timetable
from orbis.core.codes import JOIN_CODE_ALPHABET as CODE_ALPHABET
from orbis.core.codes import JOIN_CODE_LENGTH as CODE_LENGTH
from orbis.core.codes import SECRET_CONSONANTS as _SECRET_CONSONANTS
from orbis.core.codes import SECRET_VOWELS as _SECRET_VOWELS

# The same alphabets as the app's join codes and secret words (orbis.core.codes).
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


# ---- how the curated default world is written -----------------------------------------------


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

"""The world generator (orbis.core.world): realistic, valid and deterministic; no database."""

import re
from collections import Counter
from datetime import UTC, date, datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbis.classrooms import codes
from orbis.core import timetable, zones
from orbis.core import world as world_module
from orbis.core.world import COUNTRIES, COUNTRY_BY_CODE, CURATED, World, build_world
from orbis.schools.weekends import weekend_for_country
from orbis.students.forms import clean_nickname
from orbis.vocabulary import (
    Approach,
    EnglishLevel,
    ExchangeMode,
    Subject,
    language_codes,
)

SOUTHERN = {"AR", "BR", "CL", "PE", "UY", "ZA", "AU", "NZ"}
SEPTEMBER_TO_JUNE = {"IT", "ES", "PT", "FR", "PL", "UA", "TR", "CA", "EG", "IR", "MA"}


@pytest.fixture(scope="module")
def default_world() -> World:
    return build_world()


@pytest.fixture(scope="module")
def big_world() -> World:
    return build_world(teachers=2000, seed=7)


def assert_consistent(world: World) -> None:
    """What every world must satisfy, whatever its size and seed."""
    schools = {school.key: school for school in world.schools}
    teachers = {teacher.email: teacher for teacher in world.teachers}
    classrooms = {classroom.key: classroom for classroom in world.classrooms}
    assert len(schools) == len(world.schools)
    assert len(teachers) == len(world.teachers)
    assert len(classrooms) == len(world.classrooms)
    # The loader matches schools by (name, country, city) and classrooms by (teacher, name).
    assert len({(s.name, s.country, s.city) for s in world.schools}) == len(world.schools)
    assert len({(c.teacher_email, c.name) for c in world.classrooms}) == len(world.classrooms)

    codes_seen = [classroom.join_code for classroom in world.classrooms]
    assert len(set(codes_seen)) == len(codes_seen)
    for code in codes_seen:
        assert len(code) == codes.CODE_LENGTH
        assert set(code) <= set(codes.CODE_ALPHABET)

    rooms_per_teacher = Counter(classroom.teacher_email for classroom in world.classrooms)
    assert set(rooms_per_teacher) == set(teachers)
    assert all(1 <= count <= 3 for count in rooms_per_teacher.values())
    assert {teacher.school_key for teacher in world.teachers} == set(schools)

    for classroom in world.classrooms:
        school = schools[teachers[classroom.teacher_email].school_key]
        assert list(classroom.periods) == timetable.validate(list(classroom.periods))
        assert all(period.weekday not in school.weekend_days for period in classroom.periods)
        if classroom.exchange_mode == ExchangeMode.LIVE:
            assert len(classroom.periods) >= 2
        else:
            assert classroom.periods == ()

    nicknames = Counter((s.classroom_key, s.nickname.lower()) for s in world.students)
    assert {key for key, _nickname in nicknames} == set(classrooms)
    assert all(count == 1 for count in nicknames.values())
    for student in world.students:
        assert re.fullmatch(r"[bdfgkmnprstvz][aeiou][bdfgkmnprstvz][aeiou][1-9]\d", student.secret)


def test_same_seed_same_world_and_another_seed_another(default_world):
    assert build_world() == default_world
    assert build_world(seed=1) != default_world
    assert build_world(seed=1).teachers == default_world.teachers  # curated content is fixed


def test_default_world_is_big_and_varied(default_world):
    assert len(default_world.teachers) == len(CURATED) == 48
    assert len(default_world.countries()) >= 25
    zone_names = {school.time_zone for school in default_world.schools}
    assert len(zone_names) >= 15
    instant = datetime(2026, 10, 15, 12, tzinfo=UTC)
    offsets = {instant.astimezone(ZoneInfo(name)).utcoffset() for name in zone_names}
    assert len(offsets) >= 15
    assert_consistent(default_world)


def test_story_teachers_and_countries_are_there(default_world):
    schools = {school.key: school for school in default_world.schools}

    def country_of(name_start: str) -> str:
        teacher = next(t for t in default_world.teachers if t.display_name.startswith(name_start))
        return schools[teacher.school_key].country

    gisel = default_world.teacher(world_module.DEMO_TEACHER_EMAIL)
    assert gisel.display_name == "Gisel Crespo"
    assert gisel.email == "gisel.crespo@demo.orbis.test"
    assert "es" in gisel.languages
    assert country_of("Gisel") == "AR"
    assert country_of("Jhansi") == "IN"
    assert country_of("Olenka") == "UA"
    assert {"IT", "US", "BD", "TR", "CO"} <= default_world.countries()
    gisel_class = default_world.classrooms_of(gisel.email)[0]
    assert gisel_class.name == "6th grade B"
    assert "es" in gisel_class.languages
    assert [s.nickname for s in default_world.students_of(gisel_class.key)][:2] == [
        "Puma",
        "Condor",
    ]


def test_every_teacher_has_a_school_classes_and_students(default_world):
    classrooms = Counter(c.teacher_email for c in default_world.classrooms)
    students = Counter(s.classroom_key for s in default_world.students)
    for teacher in default_world.teachers:
        assert 1 <= classrooms[teacher.email] <= 3
        assert teacher.email.endswith(f"@{world_module.EMAIL_DOMAIN}")
        assert teacher.bio and teacher.languages and teacher.subjects
    assert all(3 <= students[c.key] <= 4 for c in default_world.classrooms)


def test_weekends_are_the_countrys_real_ones(default_world, big_world):
    for country in COUNTRIES:
        assert country.weekend_days == weekend_for_country(country.code), country.code
    assert COUNTRY_BY_CODE["BD"].weekend_days == (4, 5)  # Friday–Saturday
    assert COUNTRY_BY_CODE["SA"].weekend_days == (4, 5)
    assert COUNTRY_BY_CODE["IR"].weekend_days == (4,)  # Friday only
    for school in (*default_world.schools, *big_world.schools):
        assert school.weekend_days == COUNTRY_BY_CODE[school.country].weekend_days


def test_zones_exist_and_belong_to_the_country(big_world):
    for country in COUNTRIES:
        for city, zone in country.cities:
            assert zones.is_valid_zone(zone), zone
            assert zone in zones.zones_for_country(country.code), (country.code, city, zone)
    for school in big_world.schools:
        assert dict(COUNTRY_BY_CODE[school.country].cities)[school.city] == school.time_zone


def test_lessons_are_in_local_school_hours(default_world, big_world):
    for world in (default_world, big_world):
        schools = {school.key: school for school in world.schools}
        teachers = {teacher.email: teacher for teacher in world.teachers}
        for classroom in world.classrooms:
            school = schools[teachers[classroom.teacher_email].school_key]
            hours = COUNTRY_BY_CODE[school.country].hours
            for period in classroom.periods:
                assert 6 * 60 + 30 <= period.start < period.end <= 18 * 60 + 30
                assert any(start <= period.start and period.end <= end for start, end in hours)


def test_school_years_are_realistic(big_world):
    october_2026 = (date(2026, 10, 1), date(2026, 10, 31))
    spring_2027 = (date(2027, 3, 1), date(2027, 6, 30))

    def in_term(school, first, last):
        return any(
            t.kind == "term" and t.starts_on <= last and t.ends_on >= first for t in school.terms
        )

    for school in big_world.schools:
        terms = school.terms
        assert [t.kind for t in terms[:2]] == ["term", "break"]
        for before, after in pairwise(terms):
            assert before.starts_on <= before.ends_on < after.starts_on
        assert len({t.name for t in terms}) == len(terms)
        assert in_term(school, *october_2026) and in_term(school, *spring_2027), school.country
        first_day = terms[0].starts_on
        if school.country in SOUTHERN:
            assert (first_day.year, first_day.month) in {(2026, 1), (2026, 2), (2026, 3)}
            assert terms[-1].ends_on.month == 12
        if school.country in SEPTEMBER_TO_JUNE:
            assert (first_day.year, first_day.month) in {(2026, 8), (2026, 9)}
            last_day = terms[-1].ends_on  # France's year ends in the first days of July
            assert (last_day.year, last_day.month) in {(2027, 5), (2027, 6), (2027, 7)}


def test_values_fit_the_models_and_vocabularies(default_world, big_world):
    languages = language_codes()
    for world in (default_world, big_world):
        for school in world.schools:
            assert len(school.name) <= 150 and len(school.city) <= 100
            assert all(len(term.name) <= 80 for term in school.terms)
        for teacher in world.teachers:
            assert len(teacher.display_name) <= 80 and len(teacher.bio) <= 600
            assert set(teacher.languages) <= languages
            assert set(teacher.subjects) <= set(Subject.values)
            assert re.fullmatch(r"[a-z0-9.\-]+@demo\.orbis\.test", teacher.email)
        for classroom in world.classrooms:
            assert 6 <= classroom.age_min <= classroom.age_max <= 18
            assert 1 <= classroom.student_count <= 200
            assert len(classroom.name) <= 80 and len(classroom.grade_label) <= 40
            assert classroom.subjects and set(classroom.subjects) <= set(Subject.values)
            assert classroom.languages and set(classroom.languages) <= languages
            assert classroom.english_level in EnglishLevel.values
            assert classroom.sdgs and all(1 <= goal <= 17 for goal in classroom.sdgs)
            assert classroom.approaches and set(classroom.approaches) <= set(Approach.values)
            assert classroom.exchange_mode in ExchangeMode.values
        for student in world.students[:500]:
            assert clean_nickname(student.nickname) == student.nickname


def test_code_alphabet_is_the_apps():
    assert world_module.CODE_ALPHABET == codes.CODE_ALPHABET
    assert world_module.CODE_LENGTH == codes.CODE_LENGTH


def test_synthetic_world_is_unique_deterministic_and_covers_every_country(big_world):
    assert len(big_world.teachers) == 2000
    assert big_world == build_world(teachers=2000, seed=7)
    assert big_world.countries() == set(COUNTRY_BY_CODE)
    assert_consistent(big_world)
    # Teachers share schools, as in real life.
    assert len(big_world.schools) < len(big_world.teachers)


def test_a_smaller_world_is_a_prefix_of_a_larger_one():
    small, large = build_world(teachers=60, seed=3), build_world(teachers=200, seed=3)
    assert large.teachers[:60] == small.teachers
    assert large.classrooms[: len(small.classrooms)] == small.classrooms
    assert large.students[: len(small.students)] == small.students
    assert build_world(teachers=10).teachers == build_world().teachers[:10]


def test_no_teachers_no_world_and_negative_is_refused():
    assert build_world(teachers=0) == World((), (), (), ())
    with pytest.raises(ValueError):
        build_world(teachers=-1)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), teachers=st.integers(0, 120))
def test_any_seed_and_size_gives_a_consistent_reproducible_world(seed, teachers):
    world = build_world(teachers=teachers, seed=seed)
    assert len(world.teachers) == teachers
    assert world == build_world(teachers=teachers, seed=seed)
    assert_consistent(world)

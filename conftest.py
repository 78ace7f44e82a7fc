"""Test personas, shared by every test: a teacher, her partner teacher in another country, an
outsider, a student of the teacher's class, and a staff member."""

import pytest
from django.core.cache import cache

from orbis.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)
from orbis.students.middleware import SESSION_KEY


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # allauth keeps rate limits and email cooldowns in the cache: every test starts clean.
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def teacher(db):
    school = SchoolFactory(
        name="Escuela Rosario", country="AR", city="Rosario", time_zone="America/Argentina/Cordoba"
    )
    return TeacherFactory(email="gisel@school.test", display_name="Gisel", school=school)


@pytest.fixture
def classroom(teacher):
    room = ClassroomFactory(teacher=teacher, name="6th grade B")
    AvailabilityPeriodFactory(
        classroom=room, weekday=1, start_minute=13 * 60, end_minute=14 * 60 + 10
    )
    return room


@pytest.fixture
def partner_teacher(db):
    school = SchoolFactory(
        name="Delhi Public School",
        country="IN",
        city="Delhi",
        time_zone="Asia/Kolkata",
        weekend_days=[6],
    )
    return TeacherFactory(
        email="jhansi@school.test", display_name="Jhansi", school=school, languages=["en", "hi"]
    )


@pytest.fixture
def outsider(db):
    return TeacherFactory(email="outsider@school.test", display_name="Outsider")


@pytest.fixture
def student(classroom):
    return StudentFactory(classroom=classroom, nickname="Puma")


@pytest.fixture
def staff(db):
    return TeacherFactory(email="staff@orbis.test", is_staff=True, school=None)


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def student_client(client, student):
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client

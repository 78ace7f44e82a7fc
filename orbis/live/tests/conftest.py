"""A running project of Gisel's class (Argentina) with partner classes in India and Ukraine,
and helpers to schedule sessions without going through the pages."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from orbis.live import services
from orbis.projects.models import Project
from orbis.projects.tests.conftest import add_partner, build_project
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

# A Monday in the southern summer, northern winter: Argentina UTC−3, India UTC+5:30,
# Ukraine UTC+2. Frozen so windows, holidays and daylight-saving time are the same every run.
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)
MEET = "https://meet.jit.si/orbis-rivers-and-festivals"


@pytest.fixture(autouse=True)
def frozen_clock(request):
    if request.node.get_closest_marker("browser"):  # a live server and a browser: real time
        yield
        return
    with time_machine.travel(NOW, tick=False):
        yield


def weekdays(classroom, start: str, end: str, days=range(5)) -> None:
    """Availability on the given weekdays from start to end (HH:MM, local time)."""
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    for day in days:
        AvailabilityPeriodFactory(
            classroom=classroom, weekday=day, start_minute=h1 * 60 + m1, end_minute=h2 * 60 + m2
        )


@pytest.fixture
def project(classroom):
    return build_project(classroom, status=Project.Status.RUNNING)


@pytest.fixture
def delhi(partner_teacher):
    room = ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])
    weekdays(room, "09:00", "14:00", days=range(6))
    return room


@pytest.fixture
def ukraine_teacher(db):
    school = SchoolFactory(name="Kyiv Lyceum 7", country="UA", city="Kyiv", time_zone="Europe/Kyiv")
    return TeacherFactory(email="olena@school.test", display_name="Olena", school=school)


@pytest.fixture
def kyiv(ukraine_teacher):
    room = ClassroomFactory(teacher=ukraine_teacher, name="Kyiv 7-A", languages=["uk", "en"])
    weekdays(room, "09:00", "15:00")
    return room


@pytest.fixture
def world(project, classroom, delhi, kyiv):
    """The project with its three member classes (AR owner, IN and UA partners)."""
    add_partner(project, delhi)
    add_partner(project, kyiv)
    project.refresh_from_db()
    return project


def schedule(project, actor, classrooms, *, at=None, minutes=45, title="Rivers we live by"):
    # Fetched the way the pages fetch it: memberships with their classes prefetched.
    from orbis.projects.access import project_with_members

    return services.schedule_session(
        project=project_with_members(project.token),
        actor=actor,
        title=title,
        agenda="Greetings, then each class shows its river.",
        starts_at=at or timezone.now() + timedelta(days=3),
        minutes=minutes,
        meeting_url=MEET,
        classrooms=list(classrooms),
    )

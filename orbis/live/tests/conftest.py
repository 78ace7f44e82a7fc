"""Live sessions' own fixtures: a frozen clock, Jhansi's class with its timetable, a class in
Ukraine, and the project with its three member classes (`schedule`, `weekdays` and `MEET` are in
tests/builders.py)."""

from datetime import UTC, datetime

import pytest
import time_machine

from orbis.projects.models import Project
from tests.builders import add_partner, build_project, weekdays
from tests.factories import ClassroomFactory, SchoolFactory, TeacherFactory

# A Monday in the southern summer, northern winter: Argentina UTC−3, India UTC+5:30,
# Ukraine UTC+2. Frozen so windows, holidays and daylight-saving time are the same every run.
NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_clock(request):
    if request.node.get_closest_marker("browser"):  # a live server and a browser: real time
        yield
        return
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def delhi(delhi):
    """Jhansi's class, free 09:00–14:00 Monday to Saturday in Delhi."""
    weekdays(delhi, "09:00", "14:00", days=range(6))
    return delhi


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
def project(classroom):
    """A running project whose plan suggests live sessions: SDG 3 brings Games Our Grandparents
    Played (SDG 4, the builder's default, brings a board-only template)."""
    return build_project(classroom, status=Project.Status.RUNNING, sdgs=[3])


@pytest.fixture
def world(project, classroom, delhi, kyiv):
    """The project with its three member classes (AR owner, IN and UA partners)."""
    add_partner(project, delhi)
    add_partner(project, kyiv)
    project.refresh_from_db()
    return project

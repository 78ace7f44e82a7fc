"""A running project between Gisel's class in Argentina and Jhansi's class in India, with a
student in each, for the reflection's tests."""

import pytest
from django.test import Client

from orbis.projects.models import Project
from orbis.projects.tests.conftest import add_partner, build_project
from orbis.students.middleware import SESSION_KEY
from tests.factories import ClassroomFactory, StudentFactory


def student_client_for(student) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client


@pytest.fixture
def project(classroom):
    return build_project(classroom, status=Project.Status.RUNNING)


@pytest.fixture
def delhi(partner_teacher):
    return ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])


@pytest.fixture
def partnered(project, delhi):
    add_partner(project, delhi)
    return project


@pytest.fixture
def delhi_student(delhi):
    return StudentFactory(classroom=delhi, nickname="Tiger")


@pytest.fixture
def partner_client(partner_teacher, login_client):
    return login_client(partner_teacher)

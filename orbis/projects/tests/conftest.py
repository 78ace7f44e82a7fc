"""Projects for the tests of the projects app, built from the real template library without
going through the assistant's pages (test_project_flow.py drives those); `build_project` and
the other builders are in tests/builders.py."""

import pytest

from orbis.projects.models import JoinRequest, Project
from tests.builders import build_project


@pytest.fixture
def make_project(classroom):
    def make(room=None, **options):
        return build_project(room or classroom, **options)

    return make


@pytest.fixture
def draft(make_project):
    return make_project()


@pytest.fixture
def open_project(make_project):
    return make_project(status=Project.Status.OPEN)


@pytest.fixture
def join_request(open_project, delhi):
    return JoinRequest.objects.create(project=open_project, classroom=delhi, message="Namaste!")

"""Every URL of the project is known, with its access rule (tests/site/routes.py), and each URL
refuses the methods it does not take.

Who reaches each route is asked in test_anonymous_and_student_access.py,
test_teacher_own_objects.py and test_teacher_foreign_objects.py.
"""

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from orbis.classrooms.models import Classroom
from orbis.schools.models import SchoolTerm
from orbis.students.models import Student
from tests.site.routes import (
    ALLAUTH_PUBLIC,
    POST,
    ROUTES,
    STUDENT,
    TEACHER,
    project_url_names,
    request,
    url_for,
)

# The fixtures of the world the routes are asked in.

# ---- the list of URLs -------------------------------------------------------------------


def routes_walked_by_apps() -> dict[str, set[str]]:
    """URL names whose access rules an app's own matrix walks (the board, live sessions,
    reflection, showcase, challenges): orbis/<app>/tests/test_<app>_permissions.py lists them in
    ROUTE_NAMES and asks every role (anonymous, student, outsider, member, owner) of each."""
    walked = {}
    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("orbis/*/tests/test_*_permissions.py")):
        module = importlib.import_module(
            ".".join(path.relative_to(path.parents[3]).with_suffix("").parts)
        )
        walked[path.parts[-3]] = set(module.ROUTE_NAMES)
    return walked


def test_every_project_url_is_known():
    """A new URL pattern must be added to ROUTES (or an app's own matrix), with its access
    rule, before it ships."""
    names = project_url_names()
    walked = set().union(*routes_walked_by_apps().values())
    assert not walked & ROUTES.keys(), "A URL is in ROUTES and in an app's matrix"
    known = ROUTES.keys() | walked
    assert names - known == set(), "New URL names: add them to ROUTES or the app's ROUTE_NAMES"
    assert known - names == set(), "URL names gone: remove them from ROUTES or ROUTE_NAMES"


def test_every_known_route_reverses(world):
    for name in ROUTES:
        assert url_for(name, world).startswith("/")
    for name in ALLAUTH_PUBLIC:
        assert reverse(name).startswith("/accounts/")


def test_test_client_host_is_allowed_only_in_tests(client, settings):
    """Development settings allow 127.0.0.1 and localhost; pytest-django adds 'testserver'."""
    from orbis import settings as project_settings

    assert "testserver" in settings.ALLOWED_HOSTS
    assert "testserver" not in project_settings.ALLOWED_HOSTS
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


# ---- methods ----------------------------------------------------------------------------


@pytest.fixture
def as_owner(client, teacher, student, login_client):
    """A client allowed to use the route: Gisel, her student, or an anonymous visitor."""
    from orbis.students.middleware import SESSION_KEY

    def make(access: str) -> Client:
        if access == TEACHER:
            return login_client(teacher)
        if access == STUDENT:
            student_client = Client()
            session = student_client.session
            session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
            session.save()
            return student_client
        return Client()

    return make


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_url_refuses_the_methods_it_does_not_take(as_owner, world, name):
    route = ROUTES[name]
    owner = as_owner(route.access)
    url = url_for(name, world)
    for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - route.methods):
        response = request(owner, method, url)
        assert response.status_code == 405, (method, url, response.status_code)
    # Nothing was removed by a refused method.
    assert Classroom.objects.filter(pk=world["classroom"]).exists()
    assert Student.objects.filter(pk=world["student"]).exists()
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.methods == POST))
def test_post_only_endpoints_answer_405_to_get(teacher_client, world, name):
    assert teacher_client.get(url_for(name, world)).status_code == 405

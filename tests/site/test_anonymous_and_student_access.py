"""Anonymous visitors and students: sent to log in (or to their space) from every teacher page,
and nothing they post changes anything; the public pages answer them."""

import pytest
from django.urls import reverse

from orbis.students.models import Student
from tests.site.route_world import hostile_payload, project_rows
from tests.site.routes import (
    ALLAUTH_PUBLIC,
    ROUTES,
    TEACHER_ROUTES,
    assert_login_redirect,
    request,
    url_for,
)

# The fixtures of the world the routes are asked in.

# ---- anonymous visitors -------------------------------------------------------------------


@pytest.mark.parametrize("name", TEACHER_ROUTES)
def test_anonymous_visitor_is_sent_to_login_from_teacher_pages(client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods | {"GET"}):
        assert_login_redirect(request(client, method, url), url)


def test_anonymous_posts_change_nothing(client, world, classroom, student, row_counts):
    before = row_counts(), project_rows()
    code = classroom.join_code
    for name in TEACHER_ROUTES:
        if "POST" in ROUTES[name].methods:
            client.post(url_for(name, world), hostile_payload(name, world))
    assert (row_counts(), project_rows()) == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert (classroom.join_code, classroom.name, student.nickname) == (code, "6th grade B", "Puma")


@pytest.mark.parametrize(
    "name", ["home", "student_join", "learn:index", "accessibility", *ALLAUTH_PUBLIC]
)
def test_anonymous_visitor_sees_public_pages(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_anonymous_visitor_is_sent_to_join_from_student_space(client, db):
    response = client.get(reverse("student_space"))
    assert response.status_code == 302
    assert response["Location"] == reverse("student_join")


def test_anonymous_leave_is_harmless(client, db):
    response = client.post(reverse("student_leave"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# ---- students ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEACHER_ROUTES)
def test_student_cannot_reach_teacher_pages(student_client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods):
        assert_login_redirect(
            request(student_client, method, url, hostile_payload(name, world)), url
        )
    # Still signed in as the student, and nothing of the class changed.
    assert student_client.get(reverse("student_space")).status_code == 200
    assert Student.objects.filter(pk=world["student"], nickname="Puma").exists()


def test_student_is_sent_to_their_space_from_home_and_join(student_client):
    for name in ["home", "student_join"]:
        response = student_client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("student_space")

"""Who may reach the staff pages of school verification (the other school pages are in
tests/site/routes.py ROUTES): staff only; teachers get 404 (the page's existence is not
leaked), anonymous visitors the login page, students (no account) the login page too."""

import pytest
from django.urls import reverse

from tests.factories import SchoolFactory

ROUTE_NAMES = {"school_verification", "school_verify"}


@pytest.fixture
def school(db):
    return SchoolFactory(name="Escuela Norte")


def urls(school):
    return {
        "school_verification": reverse("school_verification"),
        "school_verify": reverse("school_verify", args=[school.pk]),
    }


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
def test_anonymous_visitors_are_sent_to_log_in(client, school, name):
    method = client.get if name == "school_verification" else client.post
    response = method(urls(school)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
def test_a_student_is_sent_to_log_in(student_client, school, name):
    method = student_client.get if name == "school_verification" else student_client.post
    response = method(urls(school)[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
def test_a_teacher_who_is_not_staff_gets_404(teacher_client, school, name):
    method = teacher_client.get if name == "school_verification" else teacher_client.post
    assert method(urls(school)[name]).status_code == 404
    school.refresh_from_db()
    assert not school.verified


def test_staff_sees_the_list(client, staff, school):
    client.force_login(staff)
    response = client.get(urls(school)["school_verification"])
    assert response.status_code == 200
    assert "Escuela Norte" in response.text


def test_staff_verifies_by_post_only(client, staff, school):
    client.force_login(staff)
    url = urls(school)["school_verify"]
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("school_verification")
    school.refresh_from_db()
    assert school.verified


def test_verifying_a_missing_school_is_404(client, staff, db):
    client.force_login(staff)
    assert client.post(reverse("school_verify", args=[999999])).status_code == 404

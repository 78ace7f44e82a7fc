"""Who reaches every URL of ops. /healthz is public (load balancers have no account); the
status page is for the Orbis staff only: other teachers get 404, visitors and students (who
have no account) are sent to log in."""

import pytest
from django.test import Client
from django.urls import reverse

ROUTE_NAMES = {"ops_health", "ops_status"}


@pytest.fixture
def clients(teacher, staff, student_client):
    signed_in = {}
    for role, user in {"teacher": teacher, "staff": staff}.items():
        signed_in[role] = Client()
        signed_in[role].force_login(user)
    return {"anonymous": Client(), "student": student_client, **signed_in}


@pytest.mark.parametrize("role", ["anonymous", "student", "teacher", "staff"])
def test_health_is_for_everyone_and_get_or_head_only(clients, role):
    client = clients[role]
    assert client.get(reverse("ops_health")).status_code == 200
    assert client.head(reverse("ops_health")).status_code == 200
    assert client.post(reverse("ops_health")).status_code == 405


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("student", 302), ("teacher", 404), ("staff", 200)]
)
def test_status_is_for_the_staff_only(clients, role, status):
    response = clients[role].get(reverse("ops_status"))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))


def test_status_answers_post_with_405_to_the_staff_and_404_to_teachers(clients):
    assert clients["staff"].post(reverse("ops_status")).status_code == 405
    assert clients["teacher"].post(reverse("ops_status")).status_code == 404

"""No open redirect: login, logout, the language switch, notifications and the board's back
links never send a visitor off the site."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from orbis.board import services as board_services
from orbis.board.models import Post
from orbis.projects.models import Project
from tests.builders import build_project

PASSWORD = "correct horse battery"
EVIL = "https://evil.example/steal"


# ---- open redirects ----------------------------------------------------------------------------


def assert_stays_on_site(response) -> None:
    assert response.status_code in {301, 302, 303}, response.status_code
    location = urlsplit(response["Location"])
    assert not location.netloc or location.netloc == "testserver", response["Location"]
    assert not location.scheme or location.scheme in {"http", "https"}
    assert not response["Location"].startswith("//")


HOSTILE_NEXTS = [
    EVIL,
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_login_never_sends_off_site(client, teacher, target):
    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": teacher.email, "password": PASSWORD, "next": target},
    )
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_language_switch_never_sends_off_site(client, db, target):
    response = client.post(reverse("set_language"), {"language": "es", "next": target})
    assert_stays_on_site(response)
    response = client.post(reverse("set_language"), {"language": "es"}, headers={"referer": target})
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_logout_never_sends_off_site(teacher_client, target):
    response = teacher_client.post(reverse("account_logout"), {"next": target})
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_notification_read_never_sends_off_site(teacher_client, world, target):
    url = reverse("notification_read", args=[world["notification"]])
    assert_stays_on_site(teacher_client.post(url, {"next": target}))


def test_notification_pointing_off_site_is_not_followed(teacher_client, world):
    from orbis.notifications.models import Notification

    Notification.objects.filter(pk=world["notification"]).update(url=EVIL)
    response = teacher_client.get(reverse("notification_open", args=[world["notification"]]))
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_board_back_links_never_send_off_site(teacher_client, classroom, student, target):
    project = build_project(classroom, status=Project.Status.RUNNING)
    mine = board_services.post_create(
        project=project, classroom=classroom, phase="definition", title="Hello", body="",
        uploads=[], teacher=classroom.teacher,
    )  # fmt: skip
    theirs = board_services.post_create(
        project=project, classroom=classroom, phase="execution", title="Our school", body="",
        student=student,
    )  # fmt: skip
    assert Post.objects.get(pk=theirs.pk).status == "pending"
    posts = [
        (reverse("board_react", args=[project.token, mine.pk]), {"kind": "heart"}),
        (reverse("board_approve", args=[project.token, "post", theirs.pk]), {}),
        (reverse("board_flag", args=[project.token, "post", mine.pk]), {}),
    ]
    for url, data in posts:
        assert_stays_on_site(teacher_client.post(url, {**data, "next": target}))

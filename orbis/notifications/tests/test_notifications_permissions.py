"""Who may use the notification URLs added with the preferences (the older ones,
notification_list, notification_open and notification_read_all, are in
tests/site/routes.py). Notifications belong to one teacher: anyone else gets 404 for hers,
exactly like an id nobody has; anonymous visitors and students go to the login page."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from orbis.notifications.models import DEFAULT_DELIVERY, Notification, NotificationPreference

ROUTE_NAMES = {"notification_preferences", "notification_read"}


@pytest.fixture
def hers(teacher):
    return Notification.objects.create(
        recipient=teacher, kind=Notification.Kind.SUGGESTIONS, params={}, url="/dashboard/"
    )


def urls(notification) -> dict[str, str]:
    return {
        "notification_preferences": reverse("notification_preferences"),
        "notification_read": reverse("notification_read", args=[notification.pk]),
    }


def assert_login_redirect(response, url):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query) == {"next": [url]}


def test_route_names_are_this_apps_new_urls():
    for name in ROUTE_NAMES:
        assert reverse(name, kwargs={"notification_id": 1} if name == "notification_read" else {})


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login(client, hers, name, method):
    url = urls(hers)[name]
    assert_login_redirect(getattr(client, method)(url), url)
    hers.refresh_from_db()
    assert hers.read_at is None
    assert not NotificationPreference.objects.exists()


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
@pytest.mark.parametrize("method", ["get", "post"])
def test_student_is_sent_to_login(student_client, hers, name, method):
    url = urls(hers)[name]
    assert_login_redirect(getattr(student_client, method)(url), url)
    hers.refresh_from_db()
    assert hers.read_at is None


def test_teacher_uses_them_for_herself(teacher_client, teacher, hers):
    assert teacher_client.get(urls(hers)["notification_preferences"]).status_code == 200
    saved = teacher_client.post(
        urls(hers)["notification_preferences"], {**DEFAULT_DELIVERY, "board_post": "off"}
    )
    assert saved.status_code == 302
    assert NotificationPreference.objects.get(user=teacher, kind="board_post").email == "off"
    assert teacher_client.post(urls(hers)["notification_read"]).status_code == 302
    hers.refresh_from_db()
    assert hers.read_at is not None


def test_preferences_are_per_teacher(outsider_client, teacher, outsider):
    outsider_client.post(
        reverse("notification_preferences"), {**DEFAULT_DELIVERY, "board_post": "off"}
    )
    assert not NotificationPreference.objects.filter(user=teacher).exists()
    assert NotificationPreference.objects.get(user=outsider, kind="board_post").email == "off"


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_another_teachers_notification_is_404_like_a_missing_one(outsider_client, hers, headers):
    foreign = outsider_client.post(urls(hers)["notification_read"], headers=headers)
    missing = outsider_client.post(
        reverse("notification_read", args=[hers.pk + 1000]), headers=headers
    )
    assert foreign.status_code == 404
    assert (foreign.status_code, foreign.content) == (missing.status_code, missing.content)
    hers.refresh_from_db()
    assert hers.read_at is None


def test_mark_read_answers_get_with_405(teacher_client, hers):
    assert teacher_client.get(urls(hers)["notification_read"]).status_code == 405
    hers.refresh_from_db()
    assert hers.read_at is None


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(teacher_client, hers, method):
    for url in urls(hers).values():
        assert getattr(teacher_client, method)(url).status_code == 405

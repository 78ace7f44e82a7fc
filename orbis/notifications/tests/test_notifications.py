"""Notifications: the list, the unread count in the header, opening one, marking all read, and
the email task that sends each notification once."""

import pytest
from django.core import mail
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.notifications.tasks import email_notification

REQUEST_PARAMS = {
    "teacher": "Jhansi",
    "country": "India",
    "classroom": "6th grade B",
    "their_classroom": "Class of Delhi",
}


def note(recipient, *, kind=Notification.Kind.PARTNER_REQUEST, params=None, url=None, **fields):
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        params=REQUEST_PARAMS if params is None else params,
        url=url or reverse("partner_requests"),
        **fields,
    )


def header_count(client) -> int | None:
    return client.get(reverse("dashboard")).context.get("unread_notifications")


# ---- the list and the header ----------------------------------------------------------------


def test_list_shows_her_notifications_newest_first_in_words(teacher_client, teacher, outsider):
    older = note(teacher)
    newer = note(
        teacher, kind=Notification.Kind.SUGGESTIONS, params={"count": 3, "classroom": "6th grade B"}
    )
    note(outsider, params={**REQUEST_PARAMS, "teacher": "Somebody Else"})
    response = teacher_client.get(reverse("notification_list"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [newer, older]
    assert "Orbis found 3 suggested partner classes for 6th grade B." in response.text
    assert "Jhansi (India) asks 6th grade B to be partners with Class of Delhi." in response.text
    assert "Somebody Else" not in response.text
    assert reverse("notification_open", args=[older.pk]) in response.text


def test_empty_list_says_what_will_appear(teacher_client):
    response = teacher_client.get(reverse("notification_list"))
    assert "Nothing yet" in response.text
    assert "Mark all as read" not in response.text


def test_header_shows_the_unread_count(teacher_client, teacher, outsider):
    assert header_count(teacher_client) == 0
    note(teacher)
    note(teacher)
    note(teacher, read_at="2026-01-01T00:00Z")
    note(outsider)
    response = teacher_client.get(reverse("dashboard"))
    assert response.context["unread_notifications"] == 2
    assert 'aria-label="2 unread">2</span>' in response.text


def test_no_count_in_the_header_when_all_is_read(teacher_client, teacher):
    note(teacher, read_at="2026-01-01T00:00Z")
    response = teacher_client.get(reverse("dashboard"))
    assert "unread" not in response.text


def test_anonymous_pages_have_no_count(client, db):
    assert "unread_notifications" not in client.get(reverse("home")).context


def test_list_is_paginated(teacher_client, teacher):
    for _ in range(31):
        note(teacher)
    first = teacher_client.get(reverse("notification_list"))
    assert len(first.context["page"].object_list) == 30
    second = teacher_client.get(reverse("notification_list"), {"page": "2"})
    assert len(second.context["page"].object_list) == 1
    for garbage in ["abc", "-1", "99999999999999999999999", "\x00"]:
        response = teacher_client.get(reverse("notification_list"), {"page": garbage})
        assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [{}, {"teacher": "Jhansi"}, {"count": "x", "classroom": []}, ["not", "a", "dict"], "%s"],
)
def test_a_notification_with_broken_params_still_shows(teacher_client, teacher, params):
    """Texts are rendered when shown: parameters from an older version must not break the list."""
    Notification.objects.create(
        recipient=teacher, kind=Notification.Kind.PARTNER_REQUEST, params=params, url="/x/"
    )
    Notification.objects.create(recipient=teacher, kind="retired_kind", params=params, url="/x/")
    assert teacher_client.get(reverse("notification_list")).status_code == 200


# ---- opening and marking read -----------------------------------------------------------------


def test_opening_marks_it_read_and_goes_where_it_points(teacher_client, teacher):
    notification = note(teacher)
    other = note(teacher)
    response = teacher_client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("partner_requests")
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None
    assert header_count(teacher_client) == 1


def test_opening_again_keeps_the_first_read_time(teacher_client, teacher):
    notification = note(teacher, read_at="2026-01-01T00:00Z")
    teacher_client.get(reverse("notification_open", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.read_at.isoformat().startswith("2026-01-01T00:00")


@pytest.mark.parametrize(
    "url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "http:/evil"]
)
def test_opening_never_redirects_off_site(teacher_client, teacher, url):
    notification = note(teacher, url=url)
    response = teacher_client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notification_list")


def test_another_teachers_notification_is_404_and_stays_unread(outsider_client, teacher):
    notification = note(teacher)
    response = outsider_client.get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 404
    missing = outsider_client.get(reverse("notification_open", args=[notification.pk + 1000]))
    assert (response.status_code, response.content) == (missing.status_code, missing.content)
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_as_read_marks_only_hers(teacher_client, teacher, outsider):
    for _ in range(3):
        note(teacher)
    theirs = note(outsider)
    assert "Mark all as read" in teacher_client.get(reverse("notification_list")).text
    response = teacher_client.post(reverse("notification_read_all"))
    assert response.status_code == 302
    assert response["Location"] == reverse("notification_list")
    assert not teacher.notifications.filter(read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    page = teacher_client.get(reverse("notification_list"))
    assert page.context["unread_notifications"] == 0
    assert "Mark all as read" not in page.text


# ---- email ------------------------------------------------------------------------------------


def test_notify_emails_once_the_transaction_commits(
    teacher, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://orbis.example/"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify(
            recipient=teacher,
            kind=Notification.Kind.PARTNER_REQUEST,
            params=REQUEST_PARAMS,
            url=reverse("partner_requests"),
        )
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gisel@school.test"]
    text = "Jhansi (India) asks 6th grade B to be partners with Class of Delhi."
    assert message.subject == f"[Orbis] {text}"
    assert text in message.body
    assert "https://orbis.example/partners/requests/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.read_at is None


def test_notify_without_email_sends_nothing(teacher, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(
            recipient=teacher,
            kind=Notification.Kind.SUGGESTIONS,
            params={"count": 1, "classroom": "6th grade B"},
            url="/",
            email=False,
        )
    assert callbacks == []
    assert mail.outbox == []


def test_nothing_is_emailed_when_the_transaction_rolls_back(teacher):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notify(
            recipient=teacher,
            kind=Notification.Kind.PARTNER_REQUEST,
            params=REQUEST_PARAMS,
            url="/",
        )
        raise RuntimeError
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_email_task_sends_once_even_when_run_twice(teacher):
    notification = note(teacher)
    email_notification.call(notification.pk)
    email_notification.call(notification.pk)
    assert len(mail.outbox) == 1


def test_the_email_task_ignores_a_missing_notification(db):
    email_notification.call(123_456)
    assert mail.outbox == []


def test_an_email_that_fails_can_be_sent_again(teacher, monkeypatch):
    notification = note(teacher)

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("orbis.notifications.tasks.send_mail", broken)
    with pytest.raises(ConnectionError):
        email_notification.call(notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None
    monkeypatch.undo()
    email_notification.call(notification.pk)
    assert len(mail.outbox) == 1

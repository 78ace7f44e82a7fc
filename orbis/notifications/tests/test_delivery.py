"""notify() follows the teacher's preference for the kind: an email at once, the daily digest,
or no email (stored read). The digest: one email per teacher, in her language, sent once."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from orbis.notifications import tasks
from orbis.notifications.models import Delivery, Notification, NotificationPreference
from orbis.notifications.services import notify
from orbis.notifications.tasks import DigestError, send_digests
from tests.factories import TeacherFactory

from .conftest import POST_PARAMS, POST_TEXT, REQUEST_PARAMS, REQUEST_TEXT

Kind = Notification.Kind


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """notify() in a transaction that commits (the email task runs at once in tests)."""

    def run(recipient, kind=Kind.PARTNER_REQUEST, params=None, **kwargs):
        params = params or (POST_PARAMS if kind == Kind.BOARD_POST else REQUEST_PARAMS)
        with django_capture_on_commit_callbacks(execute=True):
            return notify(recipient=recipient, kind=kind, params=params, url="/x/", **kwargs)

    return run


def prefer(user, kind, email):
    NotificationPreference.objects.create(user=user, kind=kind, email=email)


def unread(user) -> int:
    return user.notifications.filter(read_at__isnull=True).count()


# ---- notify() ------------------------------------------------------------------------------


def test_immediate_by_default_emails_at_once(teacher, send):
    notification = send(teacher)
    assert isinstance(notification, Notification)
    assert [m.to for m in mail.outbox] == [["gisel@school.test"]]
    notification.refresh_from_db()
    assert (notification.delivery, notification.read_at) == (Delivery.IMMEDIATE, None)
    assert notification.emailed_at is not None


def test_a_suspended_account_is_told_in_the_app_but_not_emailed(teacher, send):
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])
    notification = send(teacher)
    assert mail.outbox == []
    assert notification.read_at is None and notification.emailed_at is None


def test_digest_by_default_waits_for_the_digest(teacher, send):
    notification = send(teacher, Kind.BOARD_POST)
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.delivery == Delivery.DIGEST
    assert notification.emailed_at is None
    assert unread(teacher) == 1


def test_her_choice_overrides_the_default(teacher, send):
    prefer(teacher, Kind.BOARD_POST, Delivery.IMMEDIATE)
    prefer(teacher, Kind.PARTNER_REQUEST, Delivery.DIGEST)
    send(teacher, Kind.BOARD_POST)
    assert len(mail.outbox) == 1
    assert POST_TEXT in mail.outbox[0].subject
    send(teacher, Kind.PARTNER_REQUEST)
    assert len(mail.outbox) == 1
    assert teacher.notifications.get(kind=Kind.PARTNER_REQUEST).delivery == Delivery.DIGEST


def test_off_sends_no_email_and_does_not_count_as_unread(teacher, send, teacher_client):
    prefer(teacher, Kind.PARTNER_REQUEST, Delivery.OFF)
    notification = send(teacher)
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.delivery == Delivery.OFF
    assert notification.read_at is not None
    assert send_digests.call() == 0
    assert mail.outbox == []
    page = teacher_client.get("/notifications/")
    assert page.context["unread_notifications"] == 0
    assert REQUEST_TEXT in page.text  # still in the centre's history
    assert list(teacher_client.get("/notifications/?unread=1").context["page"].object_list) == []


def test_one_teachers_choice_is_hers_only(teacher, partner_teacher, send):
    prefer(teacher, Kind.PARTNER_REQUEST, Delivery.OFF)
    send(partner_teacher)
    assert [m.to for m in mail.outbox] == [["jhansi@school.test"]]


def test_email_false_is_no_email_unless_she_chose_one(teacher, send):
    """Callers pass email=False for news they think needs no email; it stays unread."""
    quiet = send(teacher, Kind.MEMBER_LEFT, email=False)
    assert mail.outbox == []
    quiet.refresh_from_db()
    assert (quiet.delivery, quiet.read_at) == (Delivery.OFF, None)
    prefer(teacher, Kind.MEMBER_LEFT, Delivery.IMMEDIATE)
    send(teacher, Kind.MEMBER_LEFT, email=False)
    assert len(mail.outbox) == 1


# ---- the daily digest ----------------------------------------------------------------------


def test_digest_gathers_each_teachers_notifications_in_one_email(
    teacher, partner_teacher, send, settings
):
    settings.SITE_URL = "https://orbis.example/"
    first = send(teacher, Kind.BOARD_POST)
    second = send(teacher, Kind.BOARD_COMMENT, params=POST_PARAMS)
    hers = send(partner_teacher, Kind.BOARD_POST)
    send(teacher)  # immediate: already emailed, not in the digest
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    assert send_digests.call() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"gisel@school.test", "jhansi@school.test"}
    gisel = by_recipient["gisel@school.test"]
    assert gisel.subject == "[Orbis] Your daily digest: 2 notifications"
    assert "\n" not in gisel.subject
    assert POST_TEXT in gisel.body
    assert "Puma (6th grade B) commented on “Our river” in “Water in our lives”." in gisel.body
    assert gisel.body.index(POST_TEXT) < gisel.body.index("commented on")  # oldest first
    assert REQUEST_TEXT not in gisel.body
    assert f"https://orbis.example/notifications/{first.pk}/" in gisel.body
    assert f"https://orbis.example/notifications/{second.pk}/" in gisel.body
    assert "https://orbis.example/notifications/preferences/" in gisel.body
    assert f"/notifications/{hers.pk}/" not in gisel.body
    jhansi = by_recipient["jhansi@school.test"]
    assert jhansi.subject == "[Orbis] Your daily digest: 1 notification"
    for notification in (first, second, hers):
        notification.refresh_from_db()
        assert notification.emailed_at is not None
        assert notification.read_at is None  # emailed is not read


def test_digest_is_in_each_teachers_language(db, send):
    luz = TeacherFactory(email="luz@school.test", language="es")
    prefer(luz, Kind.PARTNER_REQUEST, Delivery.DIGEST)
    send(luz)
    assert send_digests.call() == 1
    [email] = mail.outbox
    assert "Jhansi (India) le propone a 6th grade B asociarse con Class of Delhi." in email.body


def test_running_the_digest_twice_sends_one_email(teacher, send):
    send(teacher, Kind.BOARD_POST)
    assert send_digests.call() == 1
    assert send_digests.call() == 0
    assert len(mail.outbox) == 1
    send(teacher, Kind.BOARD_POST)  # news after the digest goes in the next one
    assert send_digests.call() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "[Orbis] Your daily digest: 1 notification"


def test_digest_leaves_out_what_she_read_and_what_is_over_a_week_old(teacher, send):
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        send(teacher, Kind.BOARD_POST, params={**POST_PARAMS, "title": "Old news"})
    seen = send(teacher, Kind.BOARD_POST, params={**POST_PARAMS, "title": "Seen"})
    Notification.objects.filter(pk=seen.pk).update(read_at=timezone.now())
    send(teacher, Kind.BOARD_POST)
    assert send_digests.call() == 1
    [email] = mail.outbox
    assert "Old news" not in email.body
    assert "Seen" not in email.body
    assert POST_TEXT in email.body


def test_digest_skips_deactivated_teachers(teacher, send):
    send(teacher, Kind.BOARD_POST)
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])
    assert send_digests.call() == 0
    assert mail.outbox == []


def test_a_failed_digest_is_sent_by_the_next_run_and_others_still_get_theirs(
    teacher, partner_teacher, send, monkeypatch
):
    send(teacher, Kind.BOARD_POST)
    send(partner_teacher, Kind.BOARD_POST)
    real_send_mail = tasks.send_mail

    def broken_for_gisel(*args, recipient_list, **kwargs):
        if recipient_list == ["gisel@school.test"]:
            raise ConnectionError("SMTP down")
        return real_send_mail(*args, recipient_list=recipient_list, **kwargs)

    monkeypatch.setattr(tasks, "send_mail", broken_for_gisel)
    with pytest.raises(DigestError):
        send_digests.call()
    assert [m.to for m in mail.outbox] == [["jhansi@school.test"]]
    assert teacher.notifications.get().emailed_at is None  # the claim was released
    monkeypatch.undo()
    assert send_digests.call() == 1
    assert [m.to for m in mail.outbox] == [["jhansi@school.test"], ["gisel@school.test"]]


def test_the_command_sends_the_digests(teacher, send):
    send(teacher, Kind.BOARD_POST)
    out = StringIO()
    call_command("send_digests", stdout=out)
    assert "1 digest emails sent." in out.getvalue()
    call_command("send_digests", stdout=out)
    assert len(mail.outbox) == 1


def test_the_command_fails_loudly_when_an_email_fails(teacher, send, monkeypatch):
    send(teacher, Kind.BOARD_POST)

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP down")

    monkeypatch.setattr("orbis.notifications.tasks.send_mail", broken)
    with pytest.raises(CommandError, match="1 digest emails failed"):
        call_command("send_digests", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_the_same_moment_send_one_email(teacher, monkeypatch):
    """Two workers (a cron run and a retry) start together: the rows are locked before they
    are claimed, so exactly one email goes out."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: SQLite serialises them (run with-postgres)")
    notify(recipient=teacher, kind=Kind.BOARD_POST, params=POST_PARAMS, url="/x/")
    notify(recipient=teacher, kind=Kind.BOARD_COMMENT, params=POST_PARAMS, url="/x/")

    class SlowClock:
        """Widens the window between finding the rows and claiming them."""

        @staticmethod
        def now():
            threading.Event().wait(0.3)
            return timezone.now()

    monkeypatch.setattr(tasks, "timezone", SlowClock)
    barrier = threading.Barrier(2)
    outcomes = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(send_digests.call())
        except Exception as error:  # kept for the assertion below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(outcomes) == [0, 1], outcomes
    assert len(mail.outbox) == 1
    assert "2 notifications" in mail.outbox[0].subject

"""Scheduling, moving and cancelling tell the other teachers; reminders go out exactly once,
whoever sends them (the queued task, a duplicate of it, or the sweep after a restart)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from orbis.live import services
from orbis.live.models import LiveSession, SessionReminder
from orbis.live.tasks import send_due, send_reminder
from orbis.notifications.models import Notification
from tests.builders import schedule

from .conftest import NOW

Kind = Notification.Kind
START = datetime(2027, 2, 4, 16, 0, tzinfo=UTC)  # Thursday 13:00 in Rosario


def kinds(kind) -> list[tuple[str, dict]]:
    return sorted(
        (n.recipient.display_name, n.params)
        for n in Notification.objects.filter(kind=kind).select_related("recipient")
    )


def reminders_sent() -> list[tuple[str, int]]:
    return sorted(
        (n.recipient.display_name, n.params["count"])
        for n in Notification.objects.filter(kind=Kind.SESSION_REMINDER).select_related("recipient")
    )


@pytest.fixture
def session(world, teacher, classroom, delhi, kyiv):
    return schedule(world, teacher, [classroom, delhi, kyiv], at=START)


def test_scheduling_tells_the_other_teachers_in_their_zone_and_plans_two_reminders(session):
    told = kinds(Kind.SESSION_SCHEDULED)
    assert [name for name, _params in told] == ["Jhansi", "Olena"]  # not Gisel, who scheduled
    jhansi = told[0][1]
    assert jhansi == {
        "teacher": "Gisel",
        "session": "Rivers we live by",
        "project": session.project.title,
        "start": "2027-02-04T16:00:00+00:00",
        "zone": "Asia/Kolkata",
    }
    text = Notification.objects.get(recipient__display_name="Jhansi").text
    assert "Thu 4 Feb 2027, 21:30 (Asia/Kolkata)" in text
    reminders = list(session.reminders.order_by("-hours_before"))
    assert [(r.hours_before, r.due_at, r.sent_at) for r in reminders] == [
        (24, START - timedelta(hours=24), None),
        (1, START - timedelta(hours=1), None),
    ]


def test_a_session_less_than_a_day_ahead_gets_only_the_one_hour_reminder(
    world, teacher, classroom, delhi
):
    session = schedule(world, teacher, [classroom, delhi], at=NOW + timedelta(hours=10))
    assert list(session.reminders.values_list("hours_before", flat=True)) == [1]


def test_the_reminder_task_sends_once_to_each_teacher_even_when_run_twice(session):
    reminder = session.reminders.get(hours_before=24)
    due = reminder.due_at.isoformat()
    with time_machine.travel(reminder.due_at, tick=False):
        assert send_reminder.call(reminder.pk, due) is True
        assert send_reminder.call(reminder.pk, due) is False
        assert send_due() == 0
    assert reminders_sent() == [("Gisel", 24), ("Jhansi", 24), ("Olena", 24)]
    olena = Notification.objects.get(kind=Kind.SESSION_REMINDER, recipient__display_name="Olena")
    assert olena.params["zone"] == "Europe/Kyiv"
    assert "starts in 24 hours, Thu 4 Feb 2027, 18:00 (Europe/Kyiv)" in olena.text


def test_the_sweep_first_then_the_queued_task_sends_nothing_more(session):
    reminder = session.reminders.get(hours_before=1)
    with time_machine.travel(reminder.due_at + timedelta(minutes=5), tick=False):
        assert send_due() == 1
        assert send_reminder.call(reminder.pk, reminder.due_at.isoformat()) is False
    assert reminders_sent() == [("Gisel", 1), ("Jhansi", 1), ("Olena", 1)]


def test_after_a_restart_lost_the_queue_the_sweep_sends_each_due_reminder_exactly_once(session):
    # The worker was down from before the 24-hour reminder until 3 hours before the session:
    # the queued job is gone; the row is still there, unsent and due.
    with time_machine.travel(START - timedelta(hours=3), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    assert reminders_sent() == [("Gisel", 24), ("Jhansi", 24), ("Olena", 24)]
    with time_machine.travel(START - timedelta(minutes=50), tick=False):
        call_command("send_reminders")
    assert len(reminders_sent()) == 6
    assert not SessionReminder.objects.filter(sent_at__isnull=True).exists()


def test_a_late_day_reminder_is_skipped_once_the_hour_reminder_is_due(session):
    with time_machine.travel(START - timedelta(minutes=30), tick=False):
        assert send_due() == 1
    assert reminders_sent() == [("Gisel", 1), ("Jhansi", 1), ("Olena", 1)]
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        assert send_due() == 0  # the session started: nothing is sent any more


def test_moving_a_session_re_dates_its_reminders_and_stale_tasks_send_nothing(
    session, teacher, classroom, delhi, kyiv
):
    old = {r.hours_before: r.due_at for r in session.reminders.all()}
    later = START + timedelta(days=1, hours=1)
    assert services.update_session(
        session, actor=teacher, classrooms=[classroom, delhi, kyiv], starts_at=later
    )
    session.refresh_from_db()
    assert session.sequence == 1
    new = {r.hours_before: (r.due_at, r.sent_at) for r in session.reminders.all()}
    assert new == {24: (later - timedelta(hours=24), None), 1: (later - timedelta(hours=1), None)}
    for hours, due in old.items():
        reminder = session.reminders.get(hours_before=hours)
        with time_machine.travel(due, tick=False):
            assert send_reminder.call(reminder.pk, due.isoformat()) is False
    assert reminders_sent() == []
    changed = kinds(Kind.SESSION_CHANGED)
    assert [name for name, _params in changed] == ["Jhansi", "Olena"]
    assert changed[0][1]["start"] == later.isoformat()
    # At the new times they go out.
    with time_machine.travel(later - timedelta(hours=24), tick=False):
        assert send_due() == 1
    assert len(reminders_sent()) == 3


def test_saving_without_a_change_tells_nobody(session, teacher, classroom, delhi, kyiv):
    assert not services.update_session(
        session, actor=teacher, classrooms=[classroom, delhi, kyiv], title=session.title
    )
    assert kinds(Kind.SESSION_CHANGED) == []
    session.refresh_from_db()
    assert session.sequence == 0


def test_a_class_taken_out_hears_of_the_change(session, teacher, classroom, delhi, kyiv):
    services.update_session(session, actor=teacher, classrooms=[classroom, kyiv])
    assert [name for name, _ in kinds(Kind.SESSION_CHANGED)] == ["Jhansi", "Olena"]
    assert set(session.classrooms.all()) == {classroom, kyiv}


def test_cancelling_tells_the_others_drops_pending_reminders_and_happens_once(
    session, partner_teacher
):
    assert services.cancel_session(session, actor=partner_teacher)
    session.refresh_from_db()
    assert session.status == LiveSession.Status.CANCELLED
    assert session.sequence == 1
    assert not session.reminders.exists()
    assert [name for name, _ in kinds(Kind.SESSION_CANCELLED)] == ["Gisel", "Olena"]
    assert not services.cancel_session(session, actor=partner_teacher)
    assert len(kinds(Kind.SESSION_CANCELLED)) == 2
    with pytest.raises(services.LiveError):
        services.update_session(session, actor=partner_teacher, classrooms=[], title="Again")


def test_a_queued_reminder_of_a_cancelled_session_sends_nothing(session, teacher):
    reminder = session.reminders.get(hours_before=1)
    due = reminder.due_at
    # Cancelled behind the service's back (e.g. an admin): the task checks the status itself.
    LiveSession.objects.filter(pk=session.pk).update(status=LiveSession.Status.CANCELLED)
    with time_machine.travel(due, tick=False):
        assert send_reminder.call(reminder.pk, due.isoformat()) is False
        assert send_due() == 0
    assert reminders_sent() == []


def test_hostile_task_arguments_send_nothing(session):
    assert send_reminder.call(999_999, NOW.isoformat()) is False
    assert send_reminder.call(session.reminders.first().pk, "not a date") is False


def test_a_deferring_backend_gets_one_job_per_reminder_for_its_due_time(
    settings, world, teacher, classroom, delhi, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = send_reminder.get_backend()
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(world, teacher, [classroom, delhi], at=START)
    jobs = [r for r in backend.results if r.task.name == "send_reminder"]
    due = {r.pk: r.due_at for r in session.reminders.all()}
    assert sorted((job.args[0], job.task.run_after) for job in jobs) == sorted(due.items())
    assert all(job.args[1] == due[job.args[0]].isoformat() for job in jobs)


def test_the_immediate_backend_queues_nothing_and_leaves_reminders_to_the_sweep(
    world, teacher, classroom, delhi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = schedule(world, teacher, [classroom, delhi], at=START)
    assert reminders_sent() == []  # not sent early by a backend that runs jobs at once
    assert session.reminders.filter(sent_at__isnull=True).count() == 2


def test_the_service_refuses_what_the_form_would_refuse(world, teacher, classroom, delhi, outsider):
    from tests.factories import ClassroomFactory

    stranger = ClassroomFactory(teacher=outsider)
    with pytest.raises(services.LiveError, match="Only classes of this project"):
        schedule(world, teacher, [classroom, stranger], at=START)
    with pytest.raises(services.LiveError, match="at least two classes"):
        schedule(world, teacher, [classroom], at=START)
    with pytest.raises(services.LiveError, match="future"):
        schedule(world, teacher, [classroom, delhi], at=NOW - timedelta(minutes=1))
    assert not LiveSession.objects.exists()

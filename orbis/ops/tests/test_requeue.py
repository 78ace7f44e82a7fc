"""Tasks of a worker killed mid-job go back to the queue (or fail after MAX_ATTEMPTS), and a
retried task never sends an email twice."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from orbis.notifications.models import Delivery, Notification
from orbis.notifications.tasks import email_notification
from orbis.ops.requeue import MAX_ATTEMPTS, WORKER_LOST, requeue_stale_tasks

from .conftest import run_worker

pytestmark = pytest.mark.django_db


def running(minutes_ago, workers=("w1",), path="orbis.ops.heartbeat.ping"):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=path,
        backend_name="default",
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=list(workers),
    )


def test_running_past_the_stale_age_goes_back_to_ready(settings, caplog):
    settings.TASK_STALE_MINUTES = 15
    orphan, busy = running(16), running(14)
    assert requeue_stale_tasks() == {"requeued": 1, "failed": 0}
    orphan.refresh_from_db()
    busy.refresh_from_db()
    assert (orphan.status, orphan.started_at, orphan.worker_ids) == ("READY", None, ["w1"])
    assert busy.status == "RUNNING"
    assert f"Task id={orphan.pk}" in caplog.text and "requeued" in caplog.text
    assert requeue_stale_tasks() == {"requeued": 0, "failed": 0}


def test_a_task_that_lost_its_worker_every_time_fails_instead(caplog):
    doomed = running(60, workers=[f"w{n}" for n in range(MAX_ATTEMPTS)])
    assert requeue_stale_tasks() == {"requeued": 0, "failed": 1}
    doomed.refresh_from_db()
    assert (doomed.status, doomed.exception_class_path) == ("FAILED", WORKER_LOST)
    assert doomed.finished_at is not None
    assert "marked FAILED" in caplog.text


def test_finished_and_waiting_tasks_are_left_alone():
    done = running(60)
    DBTaskResult.objects.filter(pk=done.pk).update(status="SUCCESSFUL")
    waiting = running(60)
    DBTaskResult.objects.filter(pk=waiting.pk).update(status="READY")
    assert requeue_stale_tasks(minutes=0) == {"requeued": 0, "failed": 0}


def test_the_command(settings):
    settings.TASK_STALE_MINUTES = 30
    running(20)
    out = StringIO()
    call_command("requeue_stale_tasks", stdout=out)
    assert out.getvalue().strip() == "requeued: 0, failed: 0"
    call_command("requeue_stale_tasks", "--minutes", "10", stdout=out)
    assert "requeued: 1, failed: 0" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("requeue_stale_tasks", "--minutes", "-1")


def notification_for(teacher):
    return Notification.objects.create(
        recipient=teacher,
        kind=Notification.Kind.SHOWCASE_PUBLISHED,
        params={"project": "Rivers"},
        url="/notifications/",
        delivery=Delivery.IMMEDIATE,
    )


def test_running_email_notification_twice_sends_one_email(teacher):
    notification = notification_for(teacher)
    email_notification.call(notification.pk)
    email_notification.call(notification.pk)
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_a_requeued_email_task_does_not_send_again(teacher, database_tasks, settings):
    """The worker sent the email and died before marking the task done: the retry sends none."""
    notification = notification_for(teacher)
    result = email_notification.enqueue(notification.pk)
    email_notification.call(notification.pk)  # what the killed worker did
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(hours=1), worker_ids=["dead"]
    )
    assert requeue_stale_tasks()["requeued"] == 1
    run_worker("w2")
    task = DBTaskResult.objects.get(pk=result.id)
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["dead", "w2"])
    assert len(mail.outbox) == 1

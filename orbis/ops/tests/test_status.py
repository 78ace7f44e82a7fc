"""The staff's status page."""

from datetime import timedelta
from importlib import metadata

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from orbis.ops.models import Heartbeat
from orbis.ops.status import status_report, version

pytestmark = pytest.mark.django_db


def task(status, **fields):
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="orbis.notifications.tasks.email_notification",
        backend_name="default",
        status=status,
        **fields,
    )


def test_the_report(teacher, classroom):
    now = timezone.now()
    waiting = task("READY")
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=now - timedelta(minutes=30))
    task("RUNNING", started_at=now)
    task("SUCCESSFUL", finished_at=now - timedelta(hours=1))
    task("SUCCESSFUL", finished_at=now - timedelta(days=2))  # not in the last 24 hours
    task(
        "FAILED",
        finished_at=now,
        exception_class_path="smtplib.SMTPServerDisconnected",
        worker_ids=["w1", "w2"],
    )
    Heartbeat.objects.create(kind="worker", name="w2", host="node1", pid=7, last_seen=now)
    report = status_report()
    queue = report["queue"]
    assert (queue["ready"], queue["running"], queue["failed_24h"], queue["succeeded_24h"]) == (
        1,
        1,
        1,
        1,
    )
    assert timedelta(minutes=29) < queue["oldest_waiting"] < timedelta(minutes=31)
    assert [(f["exception"], f["attempts"]) for f in queue["failed"]] == [
        ("SMTPServerDisconnected", 2)
    ]
    assert report["database"]["unapplied_migrations"] == 0
    assert report["database"]["latency_ms"] >= 0
    assert [w.name for w in report["workers"]] == ["w2"] and not report["workers"][0].stale
    assert report["counts"]["teachers"] >= 1 and report["counts"]["classrooms"] == 1
    assert report["media_storage"] == "django.core.files.storage.FileSystemStorage"
    assert report["version"]


def test_the_page_shows_it(staff_client):
    Heartbeat.objects.create(
        kind="clock", name="node1:9", host="node1", pid=9, last_seen=timezone.now()
    )
    task("FAILED", finished_at=timezone.now(), exception_class_path="builtins.TimeoutError")
    response = staff_client.get(reverse("ops_status"))
    assert response.status_code == 200
    html = response.content.decode()
    for shown in ["System status", "node1:9", "TimeoutError", version(), "sqlite", "postgresql"][
        :4
    ]:
        assert shown in html
    # Linked from the staff's navigation.
    assert f'href="{reverse("ops_status")}"' in html


def test_version_falls_back_to_the_package_version(tmp_path, settings):
    version.cache_clear()
    settings.BASE_DIR = tmp_path / "orbis"  # not a git checkout
    settings.BASE_DIR.mkdir()
    try:
        assert version() == metadata.version("orbis")
    finally:
        version.cache_clear()

"""Heartbeats: a worker beats on every task it runs, the clock pings it every minute (so an
idle worker beats too) and beats itself."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from orbis.ops import clock as orbis_clock
from orbis.ops import heartbeat
from orbis.ops.heartbeat import clock_beat, ping, state
from orbis.ops.models import Heartbeat

from .conftest import run_worker

pytestmark = pytest.mark.django_db

PING = "orbis.ops.heartbeat.ping"


def test_the_clock_pings_an_idle_worker_once_and_the_worker_beats(database_tasks):
    assert state(Heartbeat.Kind.WORKER) == "absent"
    clock_beat()
    clock_beat()  # the first ping still waits: no second one
    assert DBTaskResult.objects.filter(task_path=PING, status="READY").count() == 1
    assert state(Heartbeat.Kind.CLOCK) == "ok"
    assert state(Heartbeat.Kind.WORKER) == "absent"
    run_worker("w1")
    worker = Heartbeat.objects.get(kind=Heartbeat.Kind.WORKER)
    assert (worker.name, worker.host) == ("w1", heartbeat.HOST)
    assert state(Heartbeat.Kind.WORKER) == "ok"
    assert not DBTaskResult.objects.filter(task_path=PING, status="READY").exists()


def test_old_pings_and_heartbeats_are_pruned(database_tasks):
    now = timezone.now()
    ping.enqueue()
    run_worker()
    DBTaskResult.objects.filter(task_path=PING).update(finished_at=now - timedelta(hours=2))
    Heartbeat.objects.update(last_seen=now - timedelta(days=8))
    clock_beat(now)
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["READY"]
    assert list(Heartbeat.objects.values_list("kind", flat=True)) == ["clock"]


def test_with_the_immediate_backend_the_ping_runs_at_once():
    clock_beat()
    assert state(Heartbeat.Kind.WORKER) == "ok"


def test_a_worker_not_seen_for_minutes_is_stale():
    Heartbeat.objects.create(
        kind="worker", name="w1", host="h", pid=1, last_seen=timezone.now() - timedelta(minutes=6)
    )
    assert state(Heartbeat.Kind.WORKER) == "stale"


def test_a_failing_heartbeat_never_fails_the_task(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(heartbeat, "record", broken)
    result = ping.enqueue()
    assert result.status == "SUCCESSFUL"
    assert "Could not record the worker's heartbeat" in caplog.text


def test_the_running_clock_beats_and_survives_a_failing_beat(monkeypatch, caplog):
    stop = orbis_clock.threading.Event()
    calls = []

    def tick():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database locked")
        stop.set()

    monkeypatch.setattr(heartbeat, "clock_beat", tick)
    clock = orbis_clock.Clock(reminders=lambda: 0, digests=lambda: 0, retention=lambda: 0)
    orbis_clock.run_forever(clock, every=0, stop=stop)
    assert len(calls) == 2
    assert "The heartbeat failed" in caplog.text

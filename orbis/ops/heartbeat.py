"""Heartbeats of the background processes, for /healthz and the status page.

Design: a worker beats whenever it starts or finishes a task (the django_tasks signals, sent by
`db_worker` and by any wrapper around it, in the worker's own process). An idle worker runs no
task, so the clock queues a no-op `ping` task every minute (at most one waiting at a time): a
worker that is alive runs it within a minute and beats. One moving part, no thread in the
worker, no dependency on how the worker is started. The clock beats on each of its ticks, and
also requeues the tasks of workers that died mid-job (orbis/ops/requeue.py).
"""

import logging
import os
import socket
import time
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished, task_started

from .models import Heartbeat

logger = logging.getLogger(__name__)

# A worker pinged every minute that hasn't beaten for this long is stale (or busy with a long
# task: a worker runs one task at a time and beats again when it finishes).
STALE_AFTER = timedelta(minutes=5)
# A process writes its heartbeat at most this often (a busy worker starts many tasks).
MIN_INTERVAL = 10.0
HOST = socket.gethostname()

_last_written: dict[tuple[str, str], float] = {}


def record(kind: str, name: str, now=None) -> None:
    key = (kind, name)
    if now is None and time.monotonic() - _last_written.get(key, -MIN_INTERVAL) < MIN_INTERVAL:
        return
    Heartbeat.objects.update_or_create(
        kind=kind,
        name=name[:100],
        defaults={"host": HOST[:255], "pid": os.getpid(), "last_seen": now or timezone.now()},
    )
    _last_written[key] = time.monotonic()


def state(kind: str, now=None) -> str:
    """ok, stale (seen, but not for STALE_AFTER) or absent (never seen)."""
    last = Heartbeat.objects.filter(kind=kind).aggregate(last=Max("last_seen"))["last"]
    if last is None:
        return "absent"
    return "ok" if last >= (now or timezone.now()) - STALE_AFTER else "stale"


@receiver(task_started, dispatch_uid="ops_worker_beat_started")
@receiver(task_finished, dispatch_uid="ops_worker_beat_finished")
def worker_beat(sender, task_result, **kwargs) -> None:
    worker_ids = task_result.worker_ids
    if not worker_ids:
        return
    try:
        # A savepoint: a failed write must not spoil the transaction around an immediate task.
        with transaction.atomic():
            record(Heartbeat.Kind.WORKER, worker_ids[-1])
    except Exception:  # a heartbeat must never fail the task it comes with
        logger.exception("Could not record the worker's heartbeat")


@task()
def ping() -> None:
    """Nothing: running it is the proof of life (the worker_beat signal records it)."""


def _is_database_backend(backend) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend, DatabaseBackend)


def clock_beat(now=None) -> None:
    """One clock tick's housekeeping: the clock's heartbeat, requeueing the tasks of dead
    workers, and pinging the workers."""
    from .requeue import requeue_stale_tasks

    now = now or timezone.now()
    record(Heartbeat.Kind.CLOCK, f"{HOST}:{os.getpid()}", now)
    requeue_stale_tasks(now=now)
    Heartbeat.objects.filter(last_seen__lt=now - timedelta(days=7)).delete()
    backend = ping.get_backend()
    if _is_database_backend(backend):
        from django_tasks_db.models import DBTaskResult

        pings = DBTaskResult.objects.filter(task_path=ping.module_path)
        # Old pings are noise in the queue and on the status page.
        pings.filter(finished_at__lt=now - timedelta(hours=1)).delete()
        if pings.filter(status=TaskResultStatus.READY).exists():
            return  # the workers haven't taken the last one yet: one waiting ping is enough
    ping.enqueue()

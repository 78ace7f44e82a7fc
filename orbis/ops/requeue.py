"""Tasks of a worker that died mid-job go back to the queue.

django_tasks_db (0.13) has no lease or timeout: a worker killed with SIGKILL (out of memory, a
host going down, `kill -9`) leaves its task RUNNING forever. Here, a task RUNNING for longer
than TASK_STALE_MINUTES is taken to be orphaned and set READY again, to be run by the next
worker. Set TASK_STALE_MINUTES above the longest task you run: a task still running past it
would be started a second time. Orbis's tasks are idempotent (each claims its rows before
sending anything), so a retried task never sends an email or notification twice.

A task whose workers died MAX_ATTEMPTS times is marked FAILED instead (WorkerLost): a task
that kills its worker every time must not take the queue down with it.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
WORKER_LOST = "orbis.ops.requeue.WorkerLost"


class WorkerLost(Exception):
    """The worker running this task stopped without finishing it, MAX_ATTEMPTS times."""


def requeue_stale_tasks(now=None, minutes: int | None = None) -> dict[str, int]:
    """Return {"requeued": n, "failed": m}."""
    now = now or timezone.now()
    minutes = settings.TASK_STALE_MINUTES if minutes is None else minutes
    cutoff = now - timedelta(minutes=minutes)
    done = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        stale = list(
            DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
            .order_by()
            .values_list("pk", "task_path", "worker_ids", "started_at")
        )
        for pk, task_path, worker_ids, started_at in stale:
            # Still RUNNING and still started then: a worker that just finished it wins.
            row = DBTaskResult.objects.filter(
                pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
            )
            if len(worker_ids) >= MAX_ATTEMPTS:
                changed = row.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=WORKER_LOST,
                    traceback=f"{WORKER_LOST}: {WorkerLost.__doc__}\n",
                )
                outcome = "failed"
                if changed:
                    logger.error(
                        "Task id=%s path=%s lost its worker %d times: marked FAILED",
                        pk,
                        task_path,
                        len(worker_ids),
                    )
            else:
                # worker_ids is kept: it lists the attempts (claim() appends to it), which is
                # what counts towards MAX_ATTEMPTS and shows on the status page.
                changed = row.update(status=TaskResultStatus.READY, started_at=None)
                outcome = "requeued"
                if changed:
                    logger.warning(
                        "Task id=%s path=%s was RUNNING since %s on worker %s, which stopped: "
                        "requeued",
                        pk,
                        task_path,
                        started_at.isoformat(),
                        worker_ids[-1] if worker_ids else "?",
                    )
            done[outcome] += changed
    return done

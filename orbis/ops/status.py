"""What the staff's status page shows (orbis/ops/views.py)."""

import subprocess
import time
from datetime import timedelta
from functools import lru_cache
from importlib import metadata

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.utils import timezone
from django_tasks import TaskResultStatus

from .heartbeat import STALE_AFTER
from .models import Heartbeat


def database_latency_ms() -> float:
    """Time one `SELECT 1`; raises DatabaseError if the database doesn't answer."""
    start = time.perf_counter()
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return (time.perf_counter() - start) * 1000


def unapplied_migrations() -> int:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


@lru_cache(maxsize=1)
def version() -> str:
    """`git describe` of the checkout when there is one, else the installed package version."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--tags"],
            cwd=settings.BASE_DIR.parent,
            capture_output=True,
            text=True,
            timeout=2,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        described = ""
    if described:
        return described
    try:
        return metadata.version("orbis")
    except metadata.PackageNotFoundError:
        return "unknown"


def task_queue(now) -> dict:
    from django_tasks_db.models import DBTaskResult

    day = now - timedelta(hours=24)
    results = DBTaskResult.objects.order_by()
    counts = dict(
        results.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts.update(
        results.filter(
            status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL], finished_at__gte=day
        )
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    oldest = results.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    failed = [
        {
            "id": row.pk,
            "task": row.task_path,
            "exception": row.exception_class_path.rsplit(".", 1)[-1],
            "finished_at": row.finished_at,
            "attempts": len(row.worker_ids),
        }
        for row in results.filter(status=TaskResultStatus.FAILED)
        .order_by("-finished_at")
        .only("task_path", "exception_class_path", "finished_at", "worker_ids")[:20]
    ]
    return {
        "ready": counts.get(TaskResultStatus.READY, 0),
        "running": counts.get(TaskResultStatus.RUNNING, 0),
        "failed_24h": counts.get(TaskResultStatus.FAILED, 0),
        "succeeded_24h": counts.get(TaskResultStatus.SUCCESSFUL, 0),
        "oldest_enqueued_at": oldest,
        "oldest_waiting": now - oldest if oldest else None,
        "failed": failed,
    }


def status_report() -> dict:
    from orbis.accounts.models import User
    from orbis.board.models import Post
    from orbis.classrooms.models import Classroom
    from orbis.projects.models import Project

    now = timezone.now()
    heartbeats = list(Heartbeat.objects.all())
    for beat in heartbeats:
        beat.stale = beat.last_seen < now - STALE_AFTER
    return {
        "now": now,
        "database": {
            "engine": connections[DEFAULT_DB_ALIAS].vendor,
            "latency_ms": round(database_latency_ms(), 1),
            "unapplied_migrations": unapplied_migrations(),
        },
        "workers": [beat for beat in heartbeats if beat.kind == Heartbeat.Kind.WORKER],
        "clocks": [beat for beat in heartbeats if beat.kind == Heartbeat.Kind.CLOCK],
        "tasks_backend": settings.TASKS["default"]["BACKEND"],
        "queue": task_queue(now),
        "stale_minutes": settings.TASK_STALE_MINUTES,
        "media_storage": settings.STORAGES["default"]["BACKEND"],
        "version": version(),
        "counts": {
            "teachers": User.objects.filter(is_staff=False, is_active=True).count(),
            "classrooms": Classroom.objects.count(),
            "projects": Project.objects.count(),
            "posts": Post.objects.count(),
        },
    }

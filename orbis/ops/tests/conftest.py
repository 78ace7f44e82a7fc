from unittest import mock

import pytest

from orbis.ops import heartbeat


@pytest.fixture(autouse=True)
def _fresh_heartbeats():
    # A process writes its heartbeat at most every few seconds: each test starts afresh.
    heartbeat._last_written.clear()


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks wait in the database for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(worker_id="w1"):
    """What `orbis db_worker --batch` does, in this process: run every ready task, then stop."""
    from django_tasks_db.management.commands import db_worker

    # The worker closes "old" connections between tasks; here that would be the test's own,
    # inside its transaction (PostgreSQL).
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        _run(db_worker.Worker, worker_id)


def _run(Worker, worker_id):
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()

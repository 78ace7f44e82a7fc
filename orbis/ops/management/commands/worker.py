"""`orbis worker`: the background worker of production (emails, notifications, reminders,
large matching runs), django-tasks-db's `db_worker` with production defaults.

Run as many as the queue needs (deploy/orbis-worker@.service): workers claim each task in a
locked transaction, so two never run the same one. On SIGTERM a worker finishes its task and
stops.
"""

import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django_tasks_db.backend import DatabaseBackend


class Command(BaseCommand):
    help = (
        "Run the background worker on the database task queue (TASKS_BACKEND "
        "django_tasks_db.DatabaseBackend, the production default). Start several for more "
        "throughput."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait before looking again when the queue is empty (default 1).",
        )
        parser.add_argument(
            "--queues",
            default="*",
            help="Comma-separated queue names to work (default: every queue).",
        )
        parser.add_argument(
            "--max-tasks",
            type=int,
            default=None,
            help="Stop after this many tasks (systemd starts it again): bounds memory.",
        )
        parser.add_argument(
            "--batch", action="store_true", help="Run what is queued now, then stop."
        )
        parser.add_argument(
            "--worker-id",
            default="",
            help="A unique name for this worker (default: host name and a random suffix).",
        )

    def handle(self, *args, **options):
        from django_tasks import task_backends

        backend = task_backends["default"]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"The task backend is {settings.TASKS['default']['BACKEND']}, which runs tasks "
                "itself: set TASKS_BACKEND=django_tasks_db.DatabaseBackend (the production "
                "default) to use a worker."
            )
        worker_id = options["worker_id"] or (f"{socket.gethostname()[:40]}-{get_random_string(8)}")
        db_worker_options = {
            "queue_name": options["queues"],
            "interval": options["interval"],
            "batch": options["batch"],
            "reload": False,
            "worker_id": worker_id[:64],
            "verbosity": options["verbosity"],
        }
        if options["max_tasks"] is not None:
            if options["max_tasks"] < 1:
                raise CommandError("--max-tasks must be 1 or more.")
            db_worker_options["max_tasks"] = options["max_tasks"]
        call_command("db_worker", **db_worker_options)

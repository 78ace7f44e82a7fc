"""`orbis requeue_stale_tasks`: put the tasks of workers that died mid-job back in the queue."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orbis.ops.requeue import requeue_stale_tasks


class Command(BaseCommand):
    help = (
        "Set tasks RUNNING for longer than TASK_STALE_MINUTES (their worker was killed) back to "
        "READY; after 3 lost workers a task is marked FAILED. The clock does this every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help=f"Age of a RUNNING task to count as stale (default TASK_STALE_MINUTES, now "
            f"{settings.TASK_STALE_MINUTES}).",
        )

    def handle(self, *args, minutes=None, **options):
        if minutes is not None and minutes < 0:
            raise CommandError("--minutes must be 0 or more.")
        done = requeue_stale_tasks(minutes=minutes)
        self.stdout.write(f"requeued: {done['requeued']}, failed: {done['failed']}")

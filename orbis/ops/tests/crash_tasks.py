"""A task for test_worker_crash.py, run by a real `orbis db_worker` in another process.

It sends the notification's email with the real task, then waits for a gate file: the test
kills the worker while it waits, i.e. after the email went out and before the task was marked
done, the worst moment for a retry.
"""

import os
import time
from pathlib import Path

from django_tasks import task

from orbis.notifications.tasks import email_notification


@task()
def email_then_wait(notification_id: int, folder: str) -> None:
    folder = Path(folder)
    email_notification.call(notification_id)
    (folder / f"sent-{os.getpid()}").touch()
    deadline = time.monotonic() + 60  # bounded: never a stuck worker if the test goes away
    while not (folder / "gate").exists():
        if time.monotonic() > deadline:
            raise TimeoutError("The gate file never came.")
        time.sleep(0.05)

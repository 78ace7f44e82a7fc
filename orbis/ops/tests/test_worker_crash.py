"""A worker killed mid-job (SIGKILL): the job is requeued, run again by another worker, and
the email goes out once. Real `orbis db_worker` processes on their own SQLite database."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

from django.conf import settings

REPO = settings.BASE_DIR.parent
TIMEOUT = 120

SETUP = """
from tests.factories import TeacherFactory
from orbis.notifications.models import Delivery, Notification
from orbis.ops.tests.crash_tasks import email_then_wait

teacher = TeacherFactory(email="gisel@school.test", language="en")
notification = Notification.objects.create(
    recipient=teacher, kind=Notification.Kind.SHOWCASE_PUBLISHED,
    params={"project": "Rivers of the world"}, url="/notifications/", delivery=Delivery.IMMEDIATE,
)
email_then_wait.enqueue(notification.pk, FOLDER)
"""


def run(args, env, log):
    with open(log, "ab") as out:
        subprocess.run(
            [sys.executable, "-m", "orbis.cli", *args],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=TIMEOUT, check=True,
        )  # fmt: skip


def start_worker(worker_id, env, log, *extra):
    out = open(log, "ab")  # noqa: SIM115 (closed with the process, in finally)
    process = subprocess.Popen(
        [sys.executable, "-m", "orbis.cli", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", "0.1", "--worker-id", worker_id, *extra],
        cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.log_file = out
    return process


def wait_for(condition, what, process=None, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"The worker exited ({process.returncode}) before {what}.")
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}.")
        time.sleep(0.1)


def stop(process):
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)
    process.log_file.close()


def query(database, sql):
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


def test_a_killed_worker_s_job_is_retried_and_its_email_is_sent_once(tmp_path):
    var, mail, folder = tmp_path / "var", tmp_path / "mail", tmp_path / "signals"
    for path in (var, mail, folder):
        path.mkdir()
    log = tmp_path / "processes.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_", "PYTEST", "EMAIL_"))
    }
    env.update(
        ORBIS_ENV="development",
        ORBIS_VAR_DIR=str(var),
        MEDIA_ROOT=str(tmp_path / "media"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail),
        LOG_LEVEL="INFO",
    )
    database = var / "orbis.sqlite3"
    tasks = "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
    workers = []
    try:
        run(["migrate", "--no-input"], env, log)
        run(["shell", "-c", SETUP.replace("FOLDER", repr(str(folder)))], env, log)
        assert [row[0] for row in query(database, tasks)] == ["READY"]

        first = start_worker("first", env, log)
        workers.append(first)
        wait_for(lambda: any(folder.glob("sent-*")), "the email was sent", first)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert len(list(mail.iterdir())) == 1
        assert query(database, tasks) == [("RUNNING", '["first"]')]

        (folder / "gate").touch()
        out = tmp_path / "requeue.out"
        run(["requeue_stale_tasks", "--minutes", "0"], env, out)
        assert "requeued: 1" in out.read_text()
        assert query(database, tasks) == [("READY", '["first"]')]

        second = start_worker("second", env, log, "--batch")
        workers.append(second)
        second.wait(timeout=TIMEOUT)
        assert second.returncode == 0
    finally:
        for process in workers:
            stop(process)
        (folder / "gate").touch()
        # Shown by pytest when the test fails: what the processes said.
        print(log.read_text() if log.exists() else "")
    assert query(database, tasks) == [("SUCCESSFUL", '["first", "second"]')]
    assert len(list(folder.glob("sent-*"))) == 2  # the job did run twice …
    sent = list(mail.iterdir())
    assert len(sent) == 1  # … and sent its email once
    assert "Rivers of the world" in sent[0].read_text()
    assert len(query(database, "SELECT id FROM notifications_notification "
                               "WHERE emailed_at IS NOT NULL")) == 1  # fmt: skip

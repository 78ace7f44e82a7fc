"""Production and scale: WhiteNoise's hashed, compressed static files, `orbis serve
--production` (gunicorn, started for real once), `orbis worker`, the read-replica router and
the database settings."""

import gzip
import os
import re
import runpy
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.db import connections, transaction
from django.db.utils import ConnectionRouter
from django.templatetags.static import static
from django.test import Client
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from orbis.db_router import PrimaryReplicaRouter
from orbis.ops.management.commands import serve
from orbis.projects.models import Project

ROOT = Path(__file__).resolve().parents[3]
SETTINGS = ROOT / "orbis" / "settings.py"
STRONG_KEY = "k7Vq3pLx9ZrT2mWc8Yb4NfHs6Jd1Ge5Ra0UoQiPzXyLvKtBnE3wSaDfGhJkLzXc"
# Variables of the test run (or of a PostgreSQL CI run) that a production process must not see.
NOT_INHERITED = {
    "DEBUG",
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "DATABASE_POOL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SECURE_SSL_REDIRECT",
    "MEDIA_STORAGE",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "TASKS_BACKEND",
    "WEB_CONCURRENCY",
}


def production_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(
        ORBIS_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        ORBIS_VAR_DIR=str(var_dir),
        **extra,
    )
    return env


def orbis(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "orbis.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def migrated_var(tmp_path_factory):
    """A production var directory with a migrated SQLite database (made once: migrating
    takes seconds)."""
    var_dir = tmp_path_factory.mktemp("var")
    result = orbis("migrate", "-v", "0", env=production_env(var_dir), timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return var_dir


# ---- static files: hashed names, gzip, served by WhiteNoise -----------------------------------


def test_whitenoise_serves_hashed_gzipped_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # The admin's files would only make collecting slower.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])

    url = static("orbis/css/orbis.css")
    assert re.fullmatch(r"/static/orbis/css/orbis\.[0-9a-f]{12}\.css", url)
    collected = settings.STATIC_ROOT / staticfiles_storage.stored_name("orbis/css/orbis.css")
    assert collected.with_name(collected.name + ".gz").is_file()

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Content-Type"].startswith("text/css")
    # A hashed name never changes content: browsers keep it for good.
    assert "immutable" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert gzip.decompress(body) == collected.read_bytes()

    plain = Client().get(url)
    assert "Content-Encoding" not in plain
    assert b"".join(plain.streaming_content) == collected.read_bytes()


def test_production_settings_hash_and_compress_static_files(monkeypatch, tmp_path):
    monkeypatch.setenv("ORBIS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("ORBIS_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    values = runpy.run_path(str(SETTINGS))
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    # Counters (throttles, rate limits) are shared by every web process.
    assert values["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    middleware = values["MIDDLEWARE"]
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


# ---- orbis serve --production -----------------------------------------------------------------


def test_production_dry_run_prints_the_gunicorn_command(settings, monkeypatch):
    settings.WEB_CONCURRENCY = 3
    settings.WEB_THREADS = 2
    settings.WEB_TIMEOUT = 45
    monkeypatch.setattr(serve, "start_in_background", pytest.fail)  # no clock in production
    out = StringIO()
    call_command("serve", "0.0.0.0:9000", "--production", "--dry-run", stdout=out)
    command = out.getvalue().strip()
    assert "-m gunicorn orbis.wsgi:application --bind 0.0.0.0:9000" in command
    for option in ("--workers 3", "--threads 2", "--timeout 45", "--access-logfile -"):
        assert option in command


def test_production_becomes_gunicorn_without_the_clock(settings, monkeypatch):
    settings.WEB_CONCURRENCY = 2
    monkeypatch.setattr(serve, "start_in_background", pytest.fail)
    started = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: started.append((path, argv)))
    call_command("serve", "8123", "--production", "--no-collectstatic")
    [(path, argv)] = started
    assert path == sys.executable
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert argv[argv.index("--workers") + 1] == "2"


@pytest.mark.parametrize("addrport", ["nowhere", "127.0.0.1:http", "127.0.0.1:70000"])
def test_production_refuses_a_bad_address(addrport):
    with pytest.raises(CommandError, match="not an address and port"):
        call_command("serve", addrport, "--production", "--dry-run")


def test_dry_run_goes_with_production():
    with pytest.raises(CommandError, match="--production"):
        call_command("serve", "--dry-run")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_production_server_starts_and_serves_pages_and_static_files(migrated_var):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "orbis.cli", "serve", "--production", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=production_env(migrated_var, WEB_CONCURRENCY="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # gunicorn's workers are stopped with it, as one group
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, page = fetch(base + "/")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert process.poll() is None, "the server stopped before answering"
                assert time.monotonic() < deadline, "the server did not answer in 60 s"
                time.sleep(0.3)
        assert status == 200
        css = re.search(rb"/static/orbis/css/orbis\.[0-9a-f]{12}\.css", page)
        assert css, "the page does not link the hashed stylesheet"
        status, headers, body = fetch(base + css.group().decode())
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert body == (migrated_var / "static" / css.group().decode()[8:]).read_bytes()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        output = process.stdout.read().decode(errors="replace")
        process.stdout.close()
    assert "Booting worker" in output
    with sqlite3.connect(migrated_var / "orbis.sqlite3") as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "orbis_cache" in tables  # created at start
    assert "GET / HTTP/1.1" in output  # the access log goes to the service's output


# ---- orbis worker -----------------------------------------------------------------------------


def test_worker_help_lists_its_options():
    command = load_command_class("orbis.ops", "worker")
    text = command.create_parser("orbis", "worker").format_help()
    for option in ("--interval", "--queues", "--max-tasks", "--batch", "--worker-id"):
        assert option in text


def test_worker_refuses_a_backend_that_runs_tasks_itself():
    with pytest.raises(CommandError, match=r"TASKS_BACKEND=django_tasks_db\.DatabaseBackend"):
        call_command("worker", "--batch")


@task()
def rename_project(project_id: int, title: str) -> None:
    Project.objects.filter(pk=project_id).update(title=title)


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_tasks(settings, classroom):
    from tests.builders import build_project

    project = build_project(classroom)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    rename_project.enqueue(project.pk, "Renamed by the worker")
    project.refresh_from_db()
    assert project.title != "Renamed by the worker"  # queued, not run

    call_command("worker", "--batch", "--interval", "0", verbosity=0)

    project.refresh_from_db()
    assert project.title == "Renamed by the worker"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# ---- read replicas ------------------------------------------------------------------------------


def test_router_reads_from_the_replica_and_writes_to_the_primary():
    router = ConnectionRouter([PrimaryReplicaRouter()])
    assert router.db_for_read(Project) == "replica"
    assert router.db_for_write(Project) == "default"
    assert router.allow_migrate("default", "projects")
    assert not router.allow_migrate("replica", "projects")


def test_router_keeps_reads_that_must_see_fresh_writes_on_the_primary(db):
    from django.contrib.sessions.models import Session
    from django.core.cache.backends.db import DatabaseCache

    cache = DatabaseCache("orbis_cache", {})

    router = ConnectionRouter([PrimaryReplicaRouter()])
    # A login is followed at once by a request reading its session.
    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(cache.cache_model_class) == "default"  # throttle counters
    assert router.db_for_read(DBTaskResult) == "default"
    # A service reads, checks and writes in one transaction.
    with transaction.atomic():
        assert connections["default"].in_atomic_block
        assert router.db_for_read(Project) == "default"


REPLICA_SCRIPT = """
import django
django.setup()
from django.db import transaction
from orbis.accounts.models import User

User.objects.create(email="new@school.test")
with transaction.atomic():
    in_transaction = User.objects.filter(email="new@school.test").count()
print(
    User.objects.filter(email="new@school.test").count(),
    User.objects.using("default").filter(email="new@school.test").count(),
    in_transaction,
)
"""


def test_replica_alias_serves_reads_while_writes_go_to_the_primary(migrated_var, tmp_path):
    # Two SQLite files stand for a primary and its replica; the "replica" is a copy taken
    # before the write, as a lagging replica would be.
    database = migrated_var / "orbis.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for name in ("primary.sqlite3", "replica.sqlite3"):
        shutil.copy(database, tmp_path / name)
    env = production_env(
        migrated_var,
        DJANGO_SETTINGS_MODULE="orbis.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'primary.sqlite3'}",
        DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", REPLICA_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Read from the replica (not there yet), from the primary, inside a transaction (primary).
    assert result.stdout.split() == ["0", "1", "1"]


# ---- database settings ------------------------------------------------------------------------


@pytest.fixture
def settings_env(monkeypatch, tmp_path):
    for name in NOT_INHERITED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ORBIS_VAR_DIR", str(tmp_path / "var"))
    return monkeypatch


def test_replica_url_adds_the_alias_and_the_router(settings_env):
    settings_env.setenv("DATABASE_URL", "postgres://orbis@primary.internal:5432/orbis")
    settings_env.setenv("DATABASE_REPLICA_URL", "postgres://orbis@replica.internal:5432/orbis")
    values = runpy.run_path(str(SETTINGS))
    assert values["DATABASES"]["replica"]["HOST"] == "replica.internal"
    assert values["DATABASES"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["orbis.db_router.PrimaryReplicaRouter"]


def test_without_a_replica_there_is_no_router(settings_env):
    values = runpy.run_path(str(SETTINGS))
    assert set(values["DATABASES"]) == {"default"}
    assert "DATABASE_ROUTERS" not in values


def test_database_pool_gives_postgresql_a_connection_pool(settings_env):
    settings_env.setenv("DATABASE_URL", "postgres://orbis@db.internal:5432/orbis")
    settings_env.setenv("DATABASE_POOL", "true")
    settings_env.setenv("WEB_THREADS", "4")
    values = runpy.run_path(str(SETTINGS))
    assert values["DATABASES"]["default"]["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4}


def test_kept_connections_are_health_checked(settings_env):
    settings_env.setenv("DATABASE_URL", "postgres://orbis@db.internal:5432/orbis")
    settings_env.setenv("DATABASE_CONN_MAX_AGE", "60")
    values = runpy.run_path(str(SETTINGS))
    assert values["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DATABASE_POOL": "true"}, "needs PostgreSQL"),
        (
            {
                "DATABASE_POOL": "true",
                "DATABASE_URL": "postgres://orbis@db.internal/orbis",
                "DATABASE_CONN_MAX_AGE": "60",
            },
            "leave it at 0",
        ),
        ({"WEB_CONCURRENCY": "0"}, "must be 1 or more"),
        ({"WEB_TIMEOUT": "soon"}, "whole number"),
    ],
)
def test_bad_production_settings_stop_the_start(settings_env, variables, message):
    for name, value in variables.items():
        settings_env.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        runpy.run_path(str(SETTINGS))

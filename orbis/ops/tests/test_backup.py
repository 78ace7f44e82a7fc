"""`orbis backup` and `orbis restore`: full round trips in subprocesses (a file-based SQLite site
always; a fresh PostgreSQL database when the suite runs on PostgreSQL, reached by moving the
SQLite site there through a json archive), and refusals in-process (nothing changed)."""

import filecmp
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from orbis.accounts.models import User
from orbis.ops.backup import DERIVED_MODELS, MANIFEST
from tests.factories import TeacherFactory

REPO = Path(__file__).resolve().parents[3]

SNAPSHOT = """
import json
from orbis.accounts.models import User
from orbis.ops.backup import model_counts
from orbis.board.models import Post
from orbis.projects.models import Project
print(json.dumps({
    "counts": model_counts(),
    "users": list(User.objects.order_by("email").values_list("email", "password")),
    "posts": sorted(Post.objects.values_list("title", "body")),
    "projects": sorted([t, str(d)] for t, d in Project.objects.values_list("title", "start_date")),
}))
"""


def site_env(var_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "MEDIA_STORAGE", "STATIC_ROOT"}
        and not key.startswith("PG")
    }
    env["ORBIS_VAR_DIR"] = str(var_dir)
    env["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def orbis(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "orbis.cli", *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def snapshot(env: dict) -> dict:
    data = json.loads(orbis(env, "shell", "--verbosity=0", "-c", SNAPSHOT).splitlines()[-1])
    # Rebuilt by migrate on the target, not carried by a json archive.
    data["counts"] = {k: v for k, v in data["counts"].items() if k not in DERIVED_MODELS}
    return data


def backup(env: dict, out: Path, *args: str) -> Path:
    orbis(env, "backup", "--output", str(out), *args)
    (archive,) = out.glob("orbis-backup-*.tar*")
    return archive


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """A file-based SQLite Orbis with the demo world (board pictures included)."""
    var = tmp_path_factory.mktemp("sqlite-site")
    env = site_env(var)
    orbis(env, "demo", "--no-serve")
    state = snapshot(env)
    assert state["counts"]["board.attachment"] and state["posts"]
    assert any((var / "media").rglob("*.png"))
    return var, env, state


def test_sqlite_round_trip_restores_rows_and_media_byte_for_byte(sqlite_site, tmp_path):
    var, env, before = sqlite_site
    archive = backup(env, tmp_path / "out")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["database"] == {
        "engine": "sqlite",
        "format": "sqlite",
        "member": "database.sqlite3",
    }
    assert manifest["migrations"]["board"] and manifest["counts"]["board.post"] == len(
        before["posts"]
    )
    saved_media = tmp_path / "media-before"
    shutil.copytree(var / "media", saved_media)

    for path in var.glob("orbis.sqlite3*"):
        path.unlink()
    shutil.rmtree(var / "media")
    output = orbis(env, "restore", str(archive), "--yes")

    assert "Row counts match the manifest." in output
    assert snapshot(env) == before
    comparison = filecmp.dircmp(saved_media, var / "media")
    files = sorted(p.relative_to(saved_media) for p in saved_media.rglob("*") if p.is_file())
    assert files and not comparison.left_only and not comparison.right_only
    _, mismatch, errors = filecmp.cmpfiles(saved_media, var / "media", files, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the PostgreSQL round trip runs when the suite runs on PostgreSQL (DATABASE_URL)",
)
def test_postgres_round_trip_and_move_from_sqlite(sqlite_site, tmp_path):
    import psycopg

    _, sqlite_env, before = sqlite_site
    portable = backup(sqlite_env, tmp_path / "json", "--format", "json")
    params = connection.settings_dict
    name = f"orbis_backup_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(
        dbname=params["NAME"],
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    )
    credentials = quote(params["USER"] or "") + (
        ":" + quote(params["PASSWORD"]) if params["PASSWORD"] else ""
    )
    url = f"postgres://{credentials}@{params['HOST']}:{params['PORT']}/{name}"
    env = site_env(tmp_path / "pg-site", url)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        # SQLite → PostgreSQL through the portable archive.
        assert "Row counts match" in orbis(env, "restore", str(portable))
        moved = snapshot(env)
        assert moved == before

        archive = backup(env, tmp_path / "pg", "--gzip")
        assert archive.name.endswith(".tar.gz")
        saved_media = tmp_path / "media-before"
        shutil.copytree(tmp_path / "pg-site" / "media", saved_media)
        admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        shutil.rmtree(tmp_path / "pg-site" / "media")

        assert "Row counts match" in orbis(env, "restore", str(archive), "--yes")
        assert snapshot(env) == before
        files = [p.relative_to(saved_media) for p in saved_media.rglob("*") if p.is_file()]
        _, mismatch, errors = filecmp.cmpfiles(
            saved_media, tmp_path / "pg-site" / "media", files, shallow=False
        )
        assert files and (mismatch, errors) == ([], [])
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# --- Refusals: checked in-process against the test database; nothing may change -----------------


@pytest.fixture
def archive(transactional_db, tmp_path, monkeypatch):
    # Transactional: SQLite's backup API cannot copy a database inside an open transaction.
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a TTY: no question asked
    TeacherFactory(email="kept@school.test")
    default_storage.save("board/1/note.txt", ContentFile(b"original"))
    path = tmp_path / "site.tar"
    call_command("backup", output=str(path), stdout=io.StringIO())
    # What the site looks like after the backup; a refused restore must leave it so.
    TeacherFactory(email="later@school.test")
    default_storage.delete("board/1/note.txt")
    default_storage.save("board/1/note.txt", ContentFile(b"changed"))
    return path


def assert_unchanged():
    assert set(User.objects.values_list("email", flat=True)) == {
        "kept@school.test",
        "later@school.test",
    }
    with default_storage.open("board/1/note.txt") as file:
        assert file.read() == b"changed"


def restore_fails(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), *args, stdout=io.StringIO())
    assert_unchanged()
    return str(error.value)


def rewrite_manifest(path: Path, change) -> None:
    with tarfile.open(path) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(path, "w") as tar:
        for member, data in members:
            if member.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def test_a_flipped_byte_is_refused_by_its_checksum(archive):
    with tarfile.open(archive) as tar:
        offset = tar.getmember("media/board/1/note.txt").offset_data
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))

    message = restore_fails(archive, "--yes")
    assert "Nothing was restored" in message
    assert "checksum mismatch for media/board/1/note.txt" in message


def test_a_truncated_archive_is_refused(archive):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    assert "damaged or truncated" in restore_fails(archive, "--yes")


def test_another_format_version_is_refused(archive):
    rewrite_manifest(archive, lambda manifest: manifest.update(format_version=99))
    assert "format version 99" in restore_fails(archive, "--yes")


def test_an_archive_of_another_engine_is_refused(archive):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    rewrite_manifest(archive, lambda manifest: manifest["database"].update(engine=other))
    message = restore_fails(archive, "--yes")
    assert f"holds a {other} database" in message and "--format json" in message


def test_a_database_that_is_not_empty_needs_yes(archive):
    assert "not empty. Pass --yes" in restore_fails(archive)

"""`orbis backup`: the database and the media files in one tar archive (restoring it:
orbis/ops/restore.py).

An archive holds `manifest.json` (written last, once every member's sha256 is known), one
database member and `media/<name>` for every file of the default storage. The database member
is, by format:

- `sqlite`: a copy made with SQLite's online backup API (consistent while the site runs);
- `pg_dump`: `pg_dump --format=custom` of the PostgreSQL database;
- `json`: Django's `dumpdata` with natural keys, which loads into either engine (slower, and
  held in memory on restore: meant for moving a site between SQLite and PostgreSQL).
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib import metadata
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {
    "sqlite": "database.sqlite3",
    "pg_dump": "database.pgdump",
    "json": "database.json",
}
# Rows these models hold are rebuilt by `migrate` (or are throwaway sessions): a json dump leaves
# them out, and they don't make a database "not empty".
DERIVED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


# --- Facts about the current site -------------------------------------------------------------


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def counted_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def model_counts() -> dict[str, int]:
    """Rows per model; a table that doesn't exist yet (unmigrated database) counts 0."""
    tables = set(connection.introspection.table_names())
    counts = {}
    for model in counted_models():
        present = model._meta.db_table in tables
        counts[model._meta.label_lower] = model._default_manager.count() if present else 0
    return dict(sorted(counts.items()))


def database_is_empty() -> bool:
    return not any(count for label, count in model_counts().items() if label not in DERIVED_MODELS)


def migration_state() -> dict[str, str]:
    """The latest applied migration of each app (names sort by their number)."""
    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        latest[app_label] = max(latest.get(app_label, ""), name)
    return dict(sorted(latest.items()))


def orbis_version() -> str:
    try:
        return metadata.version("orbis")
    except metadata.PackageNotFoundError:
        return "unknown"


def media_backend() -> str:
    return settings.STORAGES["default"]["BACKEND"]


def media_names(storage=None, path: str = ""):
    """Every file name in the storage, walked through the storage API (works on S3 too)."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{path}/{name}" if path else name
    for directory in sorted(directories):
        yield from media_names(storage, f"{path}/{directory}" if path else directory)


# --- PostgreSQL client tools ---------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    """Connection settings for pg_dump/pg_restore, passed in the environment (never argv)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for variable, value in (
        ("PGDATABASE", db.get("NAME")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGHOST", db.get("HOST")),
        ("PGPORT", str(db.get("PORT") or "")),
        ("PGSSLMODE", db.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            env[variable] = value
        else:
            env.pop(variable, None)
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} is not on PATH: install the PostgreSQL client tools (Debian: "
            f"postgresql-client, of the server's major version or newer)."
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"(\d+)(?:\.\d+)?", output.stdout)
    client_major = int(match.group(1)) if match else 0
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if client_major < server_major:
        raise BackupError(
            f"{name} {client_major} is older than the PostgreSQL {server_major} server: "
            f"install postgresql-client-{server_major} (or newer)."
        )
    return path


def run_pg_tool(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


# --- Backup --------------------------------------------------------------------------------------


class _Hashing(io.RawIOBase):
    """Reads through to `source` while hashing, so each member is read once."""

    def __init__(self, source):
        self.source = source
        self.sha256 = hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.source.read(size)
        self.sha256.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, source, size: int, checksums: dict) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o640
    reader = _Hashing(source)
    archive.addfile(info, reader)
    checksums[name] = reader.sha256.hexdigest()


def _dump_database(fmt: str, path: Path) -> None:
    if fmt == "sqlite":
        if connection.in_atomic_block:
            # The backup would wait forever for this connection's own open transaction.
            raise BackupError("A SQLite backup cannot run inside a transaction.")
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif fmt == "pg_dump":
        tool = pg_tool("pg_dump")
        run_pg_tool([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"])
    else:
        # Models of not-yet-migrated apps have no table to dump (migrate recreates them).
        tables = set(connection.introspection.table_names())
        missing = [m._meta.label for m in counted_models() if m._meta.db_table not in tables]
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=["contenttypes", "auth.permission", "sessions", *missing],
            output=str(path),
            verbosity=0,
        )


def archive_path(output: str | None, gzip: bool) -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    suffix = ".tar.gz" if gzip else ".tar"
    if output and not Path(output).is_dir() and output.endswith((".tar", ".tar.gz")):
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        return Path(output)
    directory = Path(output) if output else Path(settings.VAR_DIR) / "backups"
    directory.mkdir(parents=True, exist_ok=True)
    return directory / f"orbis-backup-{stamp}{suffix}"


def backup(output: str | None = None, fmt: str | None = None, gzip: bool = False) -> dict:
    """Write one archive; returns its manifest (with the archive's path under "path")."""
    vendor = engine()
    fmt = fmt or ("sqlite" if vendor == "sqlite" else "pg_dump")
    if fmt != "json" and fmt != {"sqlite": "sqlite", "postgresql": "pg_dump"}[vendor]:
        raise BackupError(f"The {fmt} format needs a {fmt} database; this one is {vendor}.")
    target = archive_path(output, gzip)
    gzip = gzip or target.name.endswith(".gz")
    manifest = {
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "orbis_version": orbis_version(),
        "database": {"engine": vendor, "format": fmt, "member": DATABASE_MEMBERS[fmt]},
        "migrations": migration_state(),
        "media_storage": media_backend(),
        "counts": model_counts(),
    }
    checksums: dict[str, str] = {}
    # Written under a temporary name: a failed backup never leaves a plausible-looking archive.
    partial = target.with_name(target.name + ".partial")
    try:
        with (
            tempfile.TemporaryDirectory(dir=target.parent) as scratch,
            tarfile.open(partial, "w:gz" if gzip else "w") as archive,
        ):
            dump = Path(scratch) / DATABASE_MEMBERS[fmt]
            _dump_database(fmt, dump)
            with dump.open("rb") as source:
                _add(archive, dump.name, source, dump.stat().st_size, checksums)
            dump.unlink()
            for name in media_names():
                with default_storage.open(name, "rb") as source:
                    size = default_storage.size(name)
                    _add(archive, MEDIA_PREFIX + name, source, size, checksums)
            manifest["media_files"] = sum(1 for n in checksums if n.startswith(MEDIA_PREFIX))
            manifest["sha256"] = checksums
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add(archive, MANIFEST, io.BytesIO(data), len(data), {})
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    manifest["path"] = str(target)
    return manifest

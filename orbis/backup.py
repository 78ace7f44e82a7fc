"""`orbis backup` and `orbis restore`: the database and the media files in one tar archive.

An archive holds `manifest.json` (written last, once every member's sha256 is known), one
database member and `media/<name>` for every file of the default storage. The database member
is, by format:

- `sqlite`: a copy made with SQLite's online backup API (consistent while the site runs);
- `pg_dump`: `pg_dump --format=custom` of the PostgreSQL database;
- `json`: Django's `dumpdata` with natural keys, which loads into either engine (slower, and
  held in memory on restore: meant for moving a site between SQLite and PostgreSQL).

Restoring checks the whole archive before touching anything, then replaces the database,
writes the media files over the storage's (files that are not in the archive are left alone)
and migrates if the archive predates the code's migrations.
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
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
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


def _pg_tool(name: str) -> str:
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


def _run(command: list[str]) -> None:
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
        tool = _pg_tool("pg_dump")
        _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"])
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


# --- Restore -------------------------------------------------------------------------------------


@dataclass
class Checked:
    path: Path
    manifest: dict

    @property
    def format(self) -> str:
        return self.manifest["database"]["format"]


def _safe_member(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts


def verify(path: str | Path) -> Checked:
    """Read the whole archive and check it against its manifest; changes nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    try:
        with tarfile.open(path, "r:*") as archive:
            members = archive.getmembers()
            by_name = {member.name: member for member in members}
            if MANIFEST not in by_name:
                raise BackupError(f"{path} is not an Orbis backup: it has no {MANIFEST}.")
            try:
                manifest = json.load(archive.extractfile(by_name[MANIFEST]))
            except ValueError as error:
                raise BackupError(f"The manifest of {path} is not valid JSON.") from error
            if manifest.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"{path} has backup format version {manifest.get('format_version')!r}; "
                    f"this Orbis reads version {FORMAT_VERSION}."
                )
            checksums = manifest.get("sha256", {})
            database = manifest.get("database", {})
            if database.get("member") not in checksums:
                raise BackupError(f"The manifest of {path} names no database dump.")
            names = set(by_name) - {MANIFEST}
            if names != set(checksums):
                missing = sorted(set(checksums) - names)[:3]
                extra = sorted(names - set(checksums))[:3]
                raise BackupError(
                    f"{path} does not match its manifest (missing: {missing}, unlisted: {extra})."
                )
            for name in sorted(names):
                member = by_name[name]
                if not member.isfile() or not _safe_member(name):
                    raise BackupError(f"{path} holds an unsafe member: {name!r}.")
                digest = hashlib.sha256()
                source = archive.extractfile(member)
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                if digest.hexdigest() != checksums[name]:
                    raise BackupError(f"{path} is damaged: checksum mismatch for {name}.")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{path} is damaged or truncated ({error}).") from error
    return Checked(path, manifest)


def check_compatible(checked: Checked) -> None:
    """Refuse an archive from another engine (unless json) or from newer code."""
    vendor = engine()
    source = checked.manifest["database"]["engine"]
    if checked.format != "json" and source != vendor:
        raise BackupError(
            f"This archive holds a {source} database and this site runs on {vendor}: restore "
            f"it into {source}, or make a portable backup with `orbis backup --format json`."
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, name in checked.manifest.get("migrations", {}).items()
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"This archive comes from a newer Orbis (migrations unknown here: "
            f"{', '.join(unknown[:5])}): upgrade Orbis first."
        )


def _restore_database(checked: Checked, archive: tarfile.TarFile, scratch: Path) -> None:
    member = checked.manifest["database"]["member"]
    dump = scratch / member
    with archive.extractfile(member) as source, dump.open("wb") as target:
        shutil.copyfileobj(source, target, CHUNK)
    if checked.format == "sqlite":
        # The backup API in reverse: the live file is rewritten in place, under SQLite's own
        # locking, so no stale -wal/-shm file can outlive a swapped database file.
        connections.close_all()
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connections.close_all()
    elif checked.format == "pg_dump":
        tool = _pg_tool("pg_restore")
        connections.close_all()
        _run(
            [
                tool,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={settings.DATABASES['default']['NAME']}",
                str(dump),
            ]
        )
    else:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(dump), verbosity=0)
    dump.unlink()


def _restore_media(archive: tarfile.TarFile) -> int:
    restored = 0
    for member in archive:
        if not member.name.startswith(MEDIA_PREFIX):
            continue
        name = member.name[len(MEDIA_PREFIX) :]
        # Overwrite: the storage would otherwise pick another name next to the existing file.
        if default_storage.exists(name):
            default_storage.delete(name)
        with archive.extractfile(member) as source:
            saved = default_storage.save(name, File(source, name=name))
        if saved != name:
            raise BackupError(f"The media storage stored {name} as {saved}.")
        restored += 1
    return restored


def needs_migrate() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def restore(checked: Checked) -> dict:
    """Restore a verified archive: database, media, then migrations. Returns what was done."""
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(checked.path, "r:*") as archive:
        _restore_database(checked, archive, Path(scratch))
        media = _restore_media(archive)
    migrated = needs_migrate()
    if migrated:
        call_command("migrate", interactive=False, verbosity=0)
    return {"media": media, "migrated": migrated, "counts": model_counts()}


def compare_counts(expected: dict[str, int], actual: dict[str, int], fmt: str) -> list[tuple]:
    """(model, in archive, now) rows; json archives don't carry the derived models."""
    rows = []
    for label in sorted(set(expected) | set(actual)):
        if fmt == "json" and label in DERIVED_MODELS:
            continue
        rows.append((label, expected.get(label), actual.get(label)))
    return rows

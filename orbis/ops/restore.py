"""`orbis restore`: put back an archive written by `orbis backup` (orbis/ops/backup.py).

Restoring checks the whole archive before touching anything, then replaces the database,
writes the media files over the storage's (files that are not in the archive are left alone)
and migrates if the archive predates the code's migrations.
"""

import hashlib
import json
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from orbis.ops.backup import (
    CHUNK,
    DERIVED_MODELS,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    BackupError,
    engine,
    model_counts,
    pg_tool,
    run_pg_tool,
)


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
        tool = pg_tool("pg_restore")
        connections.close_all()
        run_pg_tool(
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

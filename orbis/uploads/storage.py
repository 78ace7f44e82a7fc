"""Storing checked uploads through Django's storage API (local files or S3-compatible object
storage, see STORAGES in settings), and taking them away again when the surrounding work fails.

Files are not part of the database transaction: when the transaction rolls back, the rows go
but the files would stay. `stored_files_rollback()` closes that gap. Put it OUTSIDE the
outermost `transaction.atomic()`, so that an error raised at commit also passes through it:

    with stored_files_rollback(), transaction.atomic():
        path, thumbnail_path = store_upload(clean, folder="board")
        Attachment.objects.create(file=path, thumbnail=thumbnail_path or "", ...)

Every file `store_upload` saves inside the block is deleted if the block raises (the exception
goes on). Blocks nest; a file saved in an inner block belongs to the outer ones as well.
"""

import logging
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.files.storage import default_storage

from .types import CleanUpload

logger = logging.getLogger(__name__)

# The lists of paths saved in the active `stored_files_rollback` blocks, outermost first.
_saved_in_blocks: ContextVar[tuple[list[str], ...]] = ContextVar("orbis_uploads_saved", default=())


def store_upload(clean: CleanUpload, *, folder: str) -> tuple[str, str | None]:
    """Save a checked upload (and its thumbnail) under `folder/<random>/<name>` in the default
    storage; return (path, thumbnail path or None) for FileFields. The random part keeps names
    unguessable and unique; the name itself is the sanitized one."""
    if not re.fullmatch(r"[a-z0-9_-]+(/[a-z0-9_-]+)*", folder):
        raise ValueError(f"folder must be a relative path of plain names, not {folder!r}")
    directory = f"{folder}/{secrets.token_urlsafe(12)}"
    clean.file.seek(0)
    path = _save(f"{directory}/{clean.name}", clean.file)
    if clean.thumbnail is None:
        return path, None
    try:
        clean.thumbnail.seek(0)
        thumbnail_name = clean.thumbnail.name.rsplit("/", 1)[-1]
        thumbnail_path = _save(f"{directory}/{thumbnail_name}", clean.thumbnail)
    except BaseException:
        delete_stored(path)
        raise
    return path, thumbnail_path


def delete_stored(*paths: str | None) -> None:
    """Delete stored files; empty paths are skipped, and a file that is already gone (or that the
    storage can't delete now) doesn't stop the others: it is logged."""
    for path in paths:
        if not path:
            continue
        try:
            default_storage.delete(path)
        except Exception:
            logger.exception("Could not delete the stored file %s", path)


@contextmanager
def stored_files_rollback() -> Iterator[list[str]]:
    """Delete the files `store_upload` saves inside this block if the block raises. Yields the
    list of those paths (read-only use)."""
    saved: list[str] = []
    token = _saved_in_blocks.set((*_saved_in_blocks.get(), saved))
    try:
        yield saved
    except BaseException:
        delete_stored(*saved)
        raise
    finally:
        _saved_in_blocks.reset(token)


def _save(name: str, content) -> str:
    path = default_storage.save(name, content)
    for saved in _saved_in_blocks.get():
        saved.append(path)
    return path

"""Checking an upload before anything is stored: what it really is, whether it may come in,
and for images a clean re-encoded copy without metadata (children's photos must never tell
where their school is) and a thumbnail.

    clean = clean_upload(form.cleaned_data["file"], allowed_kinds=("image", "pdf"))
    with stored_files_rollback(), transaction.atomic():
        path, thumbnail_path = store_upload(clean, folder="board")
        Attachment.objects.create(file=path, thumbnail=thumbnail_path or "", ...)

`clean_upload` raises `UploadRefused` whose message tells the person why; nothing has been
stored then. Storing lives in orbis/uploads/storage.py and is re-exported here.
"""

import re
import struct
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from orbis.core import filenames, filetypes
from orbis.core.filetypes import KINDS, Sniffed

from .images import clean_image
from .messages import (
    DESCRIPTIONS,
    LIMIT_MESSAGES,
    MB,
    REFUSALS,
    UploadRefused,
    kind_list,
    shown_name,
    sizes,
)
from .storage import delete_stored, store_upload, stored_files_rollback
from .types import CleanUpload

__all__ = [
    "KINDS",
    "CleanUpload",
    "UploadRefused",
    "clean_upload",
    "delete_stored",
    "store_upload",
    "stored_files_rollback",
]

# A zip whose entries claim more than this when unpacked is refused as a document.
MAX_DOCUMENT_ENTRIES = 10_000
MAX_DOCUMENT_UNPACKED = 1024 * MB
# An MP4's index of tracks is read to tell sound from video when it is no larger than this.
MAX_MOOV_READ = 16 * MB


def clean_upload(uploaded: UploadedFile, *, allowed_kinds: Iterable[str] = KINDS) -> CleanUpload:
    """Check `uploaded` by its content and return what may be stored; raise UploadRefused."""
    allowed = tuple(kind for kind in KINDS if kind in set(allowed_kinds))
    size = uploaded.size or 0
    head = _read_at(uploaded, 0, filetypes.HEAD_SIZE)
    if size == 0 or not head:
        raise UploadRefused(_("This file is empty."))

    zip_names = None
    if head.startswith(b"PK\x03\x04"):
        # A zip can only be an office document: its size is checked before its entries are read.
        limit = settings.ORBIS_UPLOAD_MAX_BYTES["document"]
        if size > limit:
            raise UploadRefused(str(LIMIT_MESSAGES["document"]) % sizes(size, limit))
        zip_names = _zip_names(uploaded, size)
    sniffed = filetypes.sniff(head, zip_names=zip_names)
    if sniffed is None:
        reason = filetypes.refusal(head, zip_names=zip_names)
        if reason is not None:
            raise UploadRefused(str(REFUSALS[reason]))
        if allowed == KINDS:
            raise UploadRefused(
                _(
                    "Orbis accepts images, PDF, audio, video and office documents; "
                    "this file is none of them."
                )
            )
        raise UploadRefused(
            _("Here you can attach %(kinds)s; this file is none of them.")
            % {"kinds": kind_list(allowed)}
        )
    is_mp4 = sniffed in (filetypes.MP4, filetypes.M4A)
    moov = _mp4_moov(uploaded, size) if is_mp4 else None
    if sniffed is filetypes.MP4 and _mp4_sound_only(uploaded, moov):
        sniffed = filetypes.M4A
    description = DESCRIPTIONS[sniffed.content_type]
    if sniffed.kind not in allowed:
        raise UploadRefused(
            _("Here you can attach %(kinds)s; this file is %(description)s.")
            % {"kinds": kind_list(allowed), "description": description}
        )
    name = uploaded.name or ""
    if not filetypes.extension_matches(name, sniffed):
        raise UploadRefused(
            _("The file is called “%(name)s” but it is %(description)s.")
            % {"name": shown_name(name), "description": description}
        )
    limit = settings.ORBIS_UPLOAD_MAX_BYTES[sniffed.kind]
    if size > limit:
        raise UploadRefused(str(LIMIT_MESSAGES[sniffed.kind]) % sizes(size, limit))

    clean_name = filenames.safe_filename(name, sniffed.extension)
    display_name = filenames.display_filename(name, sniffed.extension)
    if sniffed.kind == "image":
        image = clean_image(uploaded, sniffed)
        stem = clean_name.rsplit(".", 1)[0]
        return CleanUpload(
            kind="image",
            content_type=sniffed.content_type,
            name=clean_name,
            file=ContentFile(image.encoded, name=clean_name),
            size=len(image.encoded),
            thumbnail=ContentFile(
                image.thumbnail, name=f"{stem[: filenames.MAX_NAME - 11]}-thumb.webp"
            ),
            width=image.width,
            height=image.height,
            display_name=display_name,
        )
    if is_mp4 and moov is None:
        raise _damaged(sniffed)
    _check_structure(uploaded, sniffed, size, zip_names)
    uploaded.seek(0)
    clean_file = File(uploaded.file, name=clean_name)
    clean_file.size = size
    return CleanUpload(
        kind=sniffed.kind,
        content_type=sniffed.content_type,
        name=clean_name,
        file=clean_file,
        size=size,
        thumbnail=None,
        width=None,
        height=None,
        display_name=display_name,
    )


# --- Reading ---------------------------------------------------------------------------------


def _read_at(uploaded: File, offset: int, length: int) -> bytes:
    uploaded.seek(offset)
    return uploaded.read(length) or b""


def _zip_names(uploaded: File, size: int) -> list[str]:
    """The entries of a zip's central directory (read from its end, nothing is unpacked)."""
    # The end record (within the last 64 KB) counts the entries: too many are refused before
    # the zip module builds an object for each.
    tail = _read_at(uploaded, max(0, size - 65_557), 65_557)
    end = tail.rfind(b"PK\x05\x06")
    if end != -1 and int.from_bytes(tail[end + 10 : end + 12], "little") > MAX_DOCUMENT_ENTRIES:
        raise UploadRefused(_("This document is built in a way that can't be opened safely."))
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # an unknown zip version or compression
        OSError,
        ValueError,
        EOFError,
        struct.error,
    ):
        raise UploadRefused(
            _("This document is damaged or incomplete, so it can't be opened.")
        ) from None
    if len(infos) > MAX_DOCUMENT_ENTRIES or (
        sum(info.file_size for info in infos) > MAX_DOCUMENT_UNPACKED
    ):
        # A "zip bomb": tiny on disk, enormous when the reader's office suite unpacks it.
        raise UploadRefused(_("This document is built in a way that can't be opened safely."))
    return [info.filename for info in infos]


# --- Audio, video, PDF, documents: a sanity check of the structure ---------------------------


def _damaged(sniffed: Sniffed) -> UploadRefused:
    return UploadRefused(
        _("This file, %(description)s, is damaged or incomplete, so it can't be used.")
        % {"description": DESCRIPTIONS[sniffed.content_type]}
    )


def _check_structure(uploaded: File, sniffed: Sniffed, size: int, zip_names) -> None:
    if sniffed is filetypes.PDF:
        # The trailer ends with %%EOF; some writers add a few bytes of padding after it.
        if b"%%EOF" not in _read_at(uploaded, max(0, size - 2048), 2048):
            raise _damaged(sniffed)
    elif sniffed is filetypes.WEBM:
        _check_webm_segment(uploaded, sniffed, size)
    elif sniffed is filetypes.OGG:
        # Ogg pages are at most 65,307 bytes: the last one starts within that of the end.
        if b"OggS" not in _read_at(uploaded, max(4, size - 65_307), 65_307):
            raise _damaged(sniffed)
    elif sniffed.kind == "document" and not zip_names:
        raise _damaged(sniffed)


def _mp4_moov(uploaded: File, size: int) -> tuple[int, int] | None:
    """Walk the top-level boxes: they must tile the file exactly and include the `moov` box
    (without it nothing plays; a cut-off upload usually loses it). Its place, or None."""
    position, moov = 0, None
    for _step in range(10_000):
        if position == size:
            return moov
        header = _read_at(uploaded, position, 16)
        if len(header) < 8:
            return None
        box_size, box_type = struct.unpack(">I4s", header[:8])
        if box_size == 1 and len(header) == 16:
            box_size = struct.unpack(">Q", header[8:16])[0]
        elif box_size == 0:  # the last box runs to the end of the file
            box_size = size - position
        if box_size < 8 or position + box_size > size or not re.fullmatch(rb"[ -~]{4}", box_type):
            return None
        if box_type == b"moov":
            moov = (position, box_size)
        position += box_size
    return None


def _mp4_sound_only(uploaded: File, moov: tuple[int, int] | None) -> bool:
    """Whether all the tracks are sound: a generic-brand file is then audio (a voice recorded
    in Safari or on a phone)."""
    return (
        moov is not None
        and moov[1] <= MAX_MOOV_READ
        and filetypes.mp4_track_kinds(_read_at(uploaded, *moov)) == {"audio"}
    )


def _check_webm_segment(uploaded: File, sniffed: Sniffed, size: int) -> None:
    """After the EBML header comes the Segment; a known segment size must fit in the file.
    (Recordings made in a browser leave the size "unknown", which is allowed.)"""
    head = _read_at(uploaded, 0, filetypes.HEAD_SIZE)
    header_size = filetypes.ebml_vint(head, 4)
    if header_size is None:
        raise _damaged(sniffed)
    position = 4 + header_size[1] + header_size[0]
    element = filetypes.ebml_vint(head, position, keep_marker=True)
    if element is None or element[0] != 0x18538067:
        raise _damaged(sniffed)
    segment_size = filetypes.ebml_vint(head, position + element[1])
    if segment_size is None:
        raise _damaged(sniffed)
    value, length = segment_size
    end = position + element[1] + length + value
    if value not in filetypes.EBML_UNKNOWN_SIZES and end > size:
        raise _damaged(sniffed)

"""Serving stored uploads. Media have no public URL (there is no MEDIA_URL route, not even in
development): each app's view decides who may see a file, then answers with `file_response`.

    @require_GET
    def attachment_download(request, token, pk):
        project, viewer = member_project(request, token)
        attachment = get_object_or_404(Attachment, pk=pk, post__project=project)
        return file_response(attachment.file, name=attachment.display_name,
                             content_type=attachment.content_type, inline=True, request=request)

The headers make sure an uploaded file can never act as a page of our site: the type is the one
found by content, browsers must not guess another (nosniff), and the Content-Security-Policy
forbids scripts, forms and plugins and sandboxes the document.
"""

import hashlib
import re
import unicodedata
from urllib.parse import quote

from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)

from orbis.core import filetypes

INLINE_KINDS = ("image", "pdf", "audio", "video")
# Thumbnails are WebP whatever the original was; every type Orbis stores is known here.
_KIND_BY_CONTENT_TYPE = {sniffed.content_type: sniffed.kind for sniffed in filetypes.ALL}

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"
)
# Chrome and Safari refuse to run their PDF viewers in a sandboxed document, so an inline PDF
# goes without `sandbox`. That is safe: the type is fixed to application/pdf by content and
# nosniff, and a PDF viewer runs apart from our origin (no access to its cookies or pages).
PDF_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
# Browsers keep a file an hour (pages stay light on slow connections), then ask again with its
# ETag: the view checks access once more, and an unchanged file costs a 304 without a body.
CACHE_CONTROL = "private, max-age=3600"


def file_response(
    path_or_fieldfile: str | FieldFile,
    *,
    name: str,
    content_type: str,
    inline: bool,
    request: HttpRequest | None = None,
) -> HttpResponse:
    """Stream a stored file. `inline` shows images, audio, video and PDF in the browser; other
    documents are always downloads. Pass `request` to answer byte ranges (206), which lets
    browsers seek in audio and video, and which Safari needs to play video at all.
    A missing file is a 404."""
    if isinstance(path_or_fieldfile, FieldFile):
        storage, path = path_or_fieldfile.storage, path_or_fieldfile.name
    else:
        storage, path = default_storage, path_or_fieldfile
    if not path:
        raise Http404("No file.")
    kind = _KIND_BY_CONTENT_TYPE.get(content_type)
    if kind is None:
        # Not a type Orbis stores: never let a browser interpret it.
        content_type, kind = "application/octet-stream", None
    inline = inline and kind in INLINE_KINDS

    size = _size(storage, path)
    # Stored files never change (each lives in its own random folder and is never overwritten),
    # so the path and size name the content.
    digest = hashlib.sha256(f"{path}:{size}".encode()).hexdigest()[:32]
    etag = f'"{digest}"'
    byte_range = _requested_range(request, size)
    if request is not None and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    elif byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response.headers["Content-Range"] = f"bytes */{size}"
    elif byte_range is not None:
        start, end = byte_range
        response = FileResponse(_open(storage, path, start, end), content_type=content_type)
        response.status_code = 206
        response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        response.headers["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(_open(storage, path, 0, size - 1), content_type=content_type)
        response.headers["Content-Length"] = str(size)
    response.headers["Content-Disposition"] = content_disposition(
        "inline" if inline else "attachment", name
    )
    response.headers["ETag"] = etag
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = (
        PDF_CONTENT_SECURITY_POLICY if inline and kind == "pdf" else CONTENT_SECURITY_POLICY
    )
    response.headers["Cache-Control"] = CACHE_CONTROL
    # Other sites can't embed our members' files (with the visitor's cookies).
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def content_disposition(disposition: str, name: str) -> str:
    """`inline` or `attachment` with the name twice: an ASCII `filename` for old clients and
    the exact UTF-8 name as RFC 5987/6266 `filename*`."""
    name = "".join(char for char in re.split(r"[/\\]", name or "")[-1] if char.isprintable())
    name = name.strip() or "file"
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    fallback = _ascii(stem) or "file"
    if _ascii(extension):
        fallback = f"{fallback}.{_ascii(extension)}"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r'["\\;]', "", text).strip()


def _requested_range(request: HttpRequest | None, size: int):
    """(start, end) of a single `Range: bytes=…` request, "unsatisfiable", or None for the
    whole file (no request, no header, several ranges or a header we don't read)."""
    header = request.headers.get("Range", "") if request is not None else ""
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
    if not match or not any(match.groups()) or size == 0:
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
        if last and int(last) < start:
            return None
    else:  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
    if start >= size:
        return "unsatisfiable"
    return start, end


def _size(storage: Storage, path: str) -> int:
    try:
        return storage.size(path)
    except (FileNotFoundError, NotADirectoryError):
        raise Http404("No such file.") from None
    except Exception as error:
        # S3 answers a missing key with a ClientError "404"; anything else is a real failure.
        code = getattr(error, "response", {}).get("Error", {}).get("Code")
        if code in ("404", "NoSuchKey", "NotFound"):
            raise Http404("No such file.") from None
        raise


def _open(storage: Storage, path: str, start: int, end: int) -> "_Slice":
    """The bytes start..end (inclusive) as a readable stream. From S3 they come straight from
    the object (the storage's own file would first download all of a 200 MB video)."""
    if hasattr(storage, "bucket") and hasattr(storage, "_normalize_name"):
        from storages.utils import clean_name

        s3_object = storage.bucket.Object(storage._normalize_name(clean_name(path)))
        body = s3_object.get(Range=f"bytes={start}-{end}")["Body"] if end >= start else None
        return _Slice(body, end - start + 1)
    handle = storage.open(path, "rb")
    handle.seek(start)
    return _Slice(handle, end - start + 1)


class _Slice:
    """`length` bytes read from a stream; FileResponse reads it in blocks and closes it. It has
    no `seek`/`tell`, so FileResponse doesn't measure it (we set Content-Length)."""

    def __init__(self, handle, length: int):
        self.handle, self.remaining = handle, length

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0 or self.handle is None:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()

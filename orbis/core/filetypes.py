"""What kind of file an upload really is, from its first bytes (magic numbers); names: filenames.py.

Pure module (no Django): orbis/uploads uses it to check every upload by content, never by the
name or the type a browser declares.

`sniff(head)` takes the first `HEAD_SIZE` bytes of a file. Zip containers need their list of
entries as well: an OpenDocument file names its type in a first, uncompressed `mimetype` entry
(readable from the head alone), but an Office Open XML file (docx, xlsx, pptx) is only told apart
from any other zip by the entries of its central directory, at the end of the file. The caller
reads those (`zipfile.ZipFile(f).namelist()`) and passes them as `zip_names`; without them such a
zip is not recognised.

`refusal(head)` names what a file that `sniff` does not accept is, when that can be told (a
program, a web page, an SVG drawing, an old Office file …), so that the message can say why.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from orbis.core.filenames import presented_extension

KINDS = ("image", "pdf", "audio", "video", "document")

# Enough for every signature below: ftyp and EBML headers are short, an ODF's `mimetype` entry
# comes first, and an MP3's second frame starts within 1,441 bytes of its first.
HEAD_SIZE = 8192


@dataclass(frozen=True)
class Sniffed:
    kind: str
    content_type: str
    extension: str


JPEG = Sniffed("image", "image/jpeg", "jpg")
PNG = Sniffed("image", "image/png", "png")
GIF = Sniffed("image", "image/gif", "gif")
WEBP = Sniffed("image", "image/webp", "webp")
PDF = Sniffed("pdf", "application/pdf", "pdf")
MP3 = Sniffed("audio", "audio/mpeg", "mp3")
M4A = Sniffed("audio", "audio/mp4", "m4a")
OGG = Sniffed("audio", "audio/ogg", "ogg")
MP4 = Sniffed("video", "video/mp4", "mp4")
WEBM = Sniffed("video", "video/webm", "webm")
DOCX = Sniffed(
    "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = Sniffed(
    "document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
)
PPTX = Sniffed(
    "document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
)
ODT = Sniffed("document", "application/vnd.oasis.opendocument.text", "odt")
ODS = Sniffed("document", "application/vnd.oasis.opendocument.spreadsheet", "ods")
ODP = Sniffed("document", "application/vnd.oasis.opendocument.presentation", "odp")

ALL = (JPEG, PNG, GIF, WEBP, PDF, MP3, M4A, OGG, MP4, WEBM, DOCX, XLSX, PPTX, ODT, ODS, ODP)
BY_CONTENT_TYPE = {sniffed.content_type: sniffed for sniffed in ALL}

# The names each type may carry. The MP4 container holds audio-only (m4a) and video files alike,
# and whether a generic-brand file has a picture is not in its header: a name from the family
# does not contradict either.
_MP4_FAMILY = ("mp4", "m4a", "m4v", "m4b")
EXTENSIONS = {
    JPEG: ("jpg", "jpeg", "jpe", "jfif"),
    PNG: ("png",),
    GIF: ("gif",),
    WEBP: ("webp",),
    PDF: ("pdf",),
    MP3: ("mp3",),
    M4A: _MP4_FAMILY,
    OGG: ("ogg", "oga", "opus"),
    MP4: _MP4_FAMILY,
    WEBM: ("webm", "weba"),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    ODT: ("odt",),
    ODS: ("ods",),
    ODP: ("odp",),
}

# Why a file is refused, when its content says what it is (see `refusal`).
PROGRAM = "program"
WEB_PAGE = "web_page"
SVG = "svg"
OLD_OFFICE = "old_office"
MACROS = "macros"
ARCHIVE = "archive"
HEIC = "heic"
QUICKTIME = "quicktime"
MATROSKA = "matroska"


def sniff(head: bytes, *, zip_names: Iterable[str] | None = None) -> Sniffed | None:
    """The accepted type `head` (a file's first bytes) starts with, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if re.match(rb"%PDF-\d\.\d", head):
        return PDF
    if head[4:8] == b"ftyp":
        return _mp4(head)[0]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM if _ebml_doctype(head) == b"webm" else None
    if head.startswith(b"OggS"):
        return OGG if _ogg_codec_is_audio(head) else None
    if head.startswith(b"PK\x03\x04"):
        return _zip(head, zip_names)[0]
    if _is_mp3(head):
        return MP3
    return None


def refusal(head: bytes, *, zip_names: Iterable[str] | None = None) -> str | None:
    """For a file `sniff` refuses: what it is, when its content says so (one of the constants
    PROGRAM, WEB_PAGE, SVG, OLD_OFFICE, MACROS, ARCHIVE, HEIC, QUICKTIME, MATROSKA), else None."""
    if sniff(head, zip_names=zip_names) is not None:
        return None
    if head.startswith((b"MZ", b"\x7fELF", b"#!", b"\x00asm", b"dex\n")) or head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        return PROGRAM
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLD_OFFICE
    if head[4:8] == b"ftyp":
        return _mp4(head)[1]
    if head.startswith(b"\x1a\x45\xdf\xa3") and _ebml_doctype(head) == b"matroska":
        return MATROSKA
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        reason = _zip(head, zip_names)[1]
        # Another OpenDocument type (a drawing, a template) is not an archive to unpack.
        if reason is None and _odf_mimetype(head) is None:
            reason = ARCHIVE
        return reason
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return ARCHIVE
    return _markup(head)


def extension_matches(name: str, sniffed: Sniffed) -> bool:
    """Whether a file's name agrees with its content: true without an extension, false when the
    extension names another type (`photo.pdf` for a JPEG, `song.exe` for an MP3)."""
    extension = presented_extension(name)
    return extension is None or extension in EXTENSIONS.get(sniffed, (sniffed.extension,))


# --- MP4 / M4A (ISO base media) -----------------------------------------------------------

_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"F4A ", b"F4B "}
_VIDEO_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9",
    b"mp41", b"mp42", b"mp71", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4",
    b"MSNV", b"f4v ", b"XAVC",
}  # fmt: skip
_GENERIC_BRANDS = {b"isom", b"iso2", b"mp41", b"mp42"}
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}


def _mp4(head: bytes) -> tuple[Sniffed | None, str | None]:
    size = int.from_bytes(head[:4], "big")
    if size < 16 or size > min(len(head), 4096) or (size - 16) % 4:
        return None, None
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, size, 4)}
    if major in _AUDIO_BRANDS or (major in _GENERIC_BRANDS and compatible & _AUDIO_BRANDS):
        return M4A, None
    if major in _VIDEO_BRANDS:
        return MP4, None
    if major in _HEIF_BRANDS:
        return None, HEIC
    if major == b"qt  ":
        return None, QUICKTIME
    return None, None


_HANDLER_KINDS = {b"vide": "video", b"soun": "audio"}


def mp4_track_kinds(moov: bytes) -> set[str]:
    """The kinds of the tracks in an MP4 `moov` box ("video", "audio"), from each track's
    handler (`hdlr`) box. The brand alone can't tell: phones and browsers record sound-only
    files with the same generic brands as videos."""
    kinds, position = set(), moov.find(b"hdlr")
    while position != -1:
        # size, "hdlr", version and flags, pre-defined, then the handler type
        handler = moov[position + 12 : position + 16]
        if handler in _HANDLER_KINDS:
            kinds.add(_HANDLER_KINDS[handler])
        position = moov.find(b"hdlr", position + 4)
    return kinds


# --- WebM (EBML) ----------------------------------------------------------------------------


def ebml_vint(data: bytes, pos: int, *, keep_marker: bool = False) -> tuple[int, int] | None:
    """An EBML variable-length integer at `pos`: (value, its length in bytes), or None."""
    if pos >= len(data) or data[pos] == 0:
        return None
    first = data[pos]
    length = 8 - first.bit_length() + 1
    if pos + length > len(data):
        return None
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1 : pos + length]:
        value = (value << 8) | byte
    return value, length


EBML_UNKNOWN_SIZES = {(1 << (7 * n)) - 1 for n in range(1, 9)}


def _ebml_doctype(head: bytes) -> bytes | None:
    header_size = ebml_vint(head, 4)
    if header_size is None:
        return None
    size, length = header_size
    pos, end = 4 + length, min(4 + length + size, len(head))
    while pos < end:
        element = ebml_vint(head, pos, keep_marker=True)
        if element is None:
            return None
        element_id, id_length = element
        element_size = ebml_vint(head, pos + id_length)
        if element_size is None:
            return None
        value_size, size_length = element_size
        start = pos + id_length + size_length
        if element_id == 0x4282:
            return head[start : start + value_size].rstrip(b"\x00")
        pos = start + value_size
    return None


# --- Ogg --------------------------------------------------------------------------------------

_OGG_AUDIO_CODECS = (b"\x01vorbis", b"OpusHead", b"\x7fFLAC", b"Speex   ")


def _ogg_codec_is_audio(head: bytes) -> bool:
    if len(head) < 28 or head[4] != 0 or not head[5] & 0x02:  # version 0, first page of stream
        return False
    packet = head[27 + head[26] :]
    return packet.startswith(_OGG_AUDIO_CODECS)


# --- MP3 --------------------------------------------------------------------------------------

_MP3_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MP3_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mp3_frame_length(head: bytes, pos: int) -> int | None:
    """The length of the MPEG-1/2/2.5 Layer III frame whose header is at `pos`, or None."""
    if pos + 4 > len(head) or head[pos] != 0xFF or head[pos + 1] & 0xE0 != 0xE0:
        return None
    version = (head[pos + 1] >> 3) & 0x03
    layer = (head[pos + 1] >> 1) & 0x03
    bitrate_index = head[pos + 2] >> 4
    rate_index = (head[pos + 2] >> 2) & 0x03
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _MP3_BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    rate = _MP3_SAMPLE_RATES[version][rate_index]
    padding = (head[pos + 2] >> 1) & 0x01
    return (144 if version == 3 else 72) * bitrate // rate + padding


def _is_mp3(head: bytes) -> bool:
    # An ID3v2 tag: version 2-4 and a "syncsafe" size (high bits clear).
    if head[:3] == b"ID3" and len(head) >= 10:
        return 2 <= head[3] <= 4 and all(byte < 0x80 for byte in head[6:10])
    # Bare frames: two valid headers in a row, so that random bytes starting 0xFF don't pass.
    length = _mp3_frame_length(head, 0)
    return length is not None and _mp3_frame_length(head, length) is not None


# --- Zip: OpenDocument and Office Open XML --------------------------------------------------

_ODF_TYPES = {sniffed.content_type.encode(): sniffed for sniffed in (ODT, ODS, ODP)}
_OOXML_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}


def _zip(head: bytes, zip_names: Iterable[str] | None) -> tuple[Sniffed | None, str | None]:
    names = None if zip_names is None else list(zip_names)
    if names is not None and any(
        name.lower().endswith("vbaproject.bin") or name.startswith("Basic/") for name in names
    ):
        return None, MACROS
    odf = _odf_mimetype(head)
    if odf is not None:
        if names is not None and (
            not names or names[0] != "mimetype" or "content.xml" not in names
        ):
            return None, None
        return _ODF_TYPES.get(odf), None
    if names is None or "[Content_Types].xml" not in names:
        return None, None
    found = {
        sniffed
        for folder, sniffed in _OOXML_FOLDERS.items()
        if any(n.startswith(folder) for n in names)
    }
    return (found.pop(), None) if len(found) == 1 else (None, None)


def _odf_mimetype(head: bytes) -> bytes | None:
    """The type an OpenDocument file names in its first entry, stored uncompressed."""
    if len(head) < 30:
        return None
    method = int.from_bytes(head[8:10], "little")
    size = int.from_bytes(head[18:22], "little")
    name_length = int.from_bytes(head[26:28], "little")
    extra_length = int.from_bytes(head[28:30], "little")
    if method != 0 or head[30 : 30 + name_length] != b"mimetype" or size > 100:
        return None
    start = 30 + name_length + extra_length
    return head[start : start + size]


# --- Markup: HTML and SVG (SVG can carry script) --------------------------------------------


def _markup(head: bytes) -> str | None:
    # UTF-16 text has a NUL beside each ASCII letter: dropping NULs reads it as well.
    text = head[:2048].replace(b"\x00", b"").lower()
    text = text.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    if b"<svg" in text:
        return SVG
    if text.lstrip().startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body", b"<script")
    ) or any(tag in text for tag in (b"<script", b"<html", b"<iframe", b"<body", b"javascript:")):
        return WEB_PAGE
    return None

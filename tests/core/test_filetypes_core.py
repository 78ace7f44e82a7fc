"""The pure content sniffing and file naming of orbis/core/filetypes.py."""

import io
import string
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbis.core import filenames, filetypes
from orbis.core.filenames import display_filename, safe_filename
from orbis.core.filetypes import (
    DOCX,
    GIF,
    JPEG,
    M4A,
    MP3,
    MP4,
    ODP,
    ODS,
    ODT,
    OGG,
    PDF,
    PNG,
    PPTX,
    WEBM,
    WEBP,
    XLSX,
    Sniffed,
    extension_matches,
    sniff,
)
from tests import samples


def _sniff(data: bytes) -> Sniffed | None:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() if data[:2] == b"PK" else None
    return sniff(data[: filetypes.HEAD_SIZE], zip_names=names)


def _refusal(data: bytes) -> str | None:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist() if data[:2] == b"PK" else None
    return filetypes.refusal(data[: filetypes.HEAD_SIZE], zip_names=names)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.jpeg(), JPEG),
        (samples.png(), PNG),
        (samples.gif(), GIF),
        (samples.webp(), WEBP),
        (samples.pdf(), PDF),
        (samples.mp3(), MP3),
        (samples.mp3(id3=True), MP3),
        (samples.ogg(), OGG),
        (samples.ogg(b"OpusHead"), OGG),
        (samples.mp4(), MP4),
        (samples.m4a(), M4A),
        (samples.mp4(b"mp42", (b"mp42", b"M4A ")), M4A),
        (samples.webm(), WEBM),
        (samples.docx(), DOCX),
        (samples.xlsx(), XLSX),
        (samples.pptx(), PPTX),
        (samples.odf(), ODT),
        (samples.odf("application/vnd.oasis.opendocument.spreadsheet"), ODS),
        (samples.odf("application/vnd.oasis.opendocument.presentation"), ODP),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(data, expected):
    assert _sniff(data) == expected
    assert _refusal(data) is None
    assert expected.kind in filetypes.KINDS


def test_mp4_brands_tell_audio_from_video():
    assert sniff(samples.m4a()).kind == "audio"
    assert sniff(samples.mp4()).kind == "video"
    assert sniff(samples.mp4(b"M4V ", (b"M4V ",))).kind == "video"


def test_mp4_tracks_are_read_from_the_handler_boxes():
    moov = samples.mp4()[24:-508]
    assert filetypes.mp4_track_kinds(moov) == {"video", "audio"}
    assert filetypes.mp4_track_kinds(samples.m4a()[28:-508]) == {"audio"}
    assert filetypes.mp4_track_kinds(b"hdlr") == set()


def test_an_opendocument_file_is_known_from_its_head_alone():
    assert sniff(samples.odf()[:200]) == ODT


def test_office_open_xml_needs_the_zip_entries():
    assert sniff(samples.docx()) is None
    assert _sniff(samples.docx()) == DOCX


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (samples.HTML, filetypes.WEB_PAGE),
        (b"\n  <html><body>hi</body></html>", filetypes.WEB_PAGE),
        ("<html><script>x</script></html>".encode("utf-16"), filetypes.WEB_PAGE),
        (samples.SVG, filetypes.SVG),
        (samples.EXE, filetypes.PROGRAM),
        (samples.ELF, filetypes.PROGRAM),
        (b"#!/bin/sh\nrm -rf /\n", filetypes.PROGRAM),
        (samples.OLE2, filetypes.OLD_OFFICE),
        (samples.plain_zip(), filetypes.ARCHIVE),
        (samples.docx(macros=True), filetypes.MACROS),
        (samples.webm(b"matroska"), filetypes.MATROSKA),
        (samples.mp4(b"qt  ", (b"qt  ",)), filetypes.QUICKTIME),
        (samples.mp4(b"heic", (b"mif1", b"heic")), filetypes.HEIC),
    ],
)
def test_refused_files_are_named_for_the_message(data, reason):
    assert _sniff(data) is None
    assert _refusal(data) == reason


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, this is plain text",
        b"\xff\xfb\x90\x00" + b"\x00" * 20,  # one MP3 frame header and then nothing like a frame
        samples.ogg(b"\x80theora"),  # Ogg video: not one of the accepted audio codecs
        samples.odf("application/vnd.oasis.opendocument.graphics"),
        b"%PDF",
    ],
)
def test_unknown_content_is_not_accepted(data):
    assert _sniff(data) is None


def test_a_zip_with_word_and_excel_parts_is_no_document():
    data = samples._zip(
        [("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b""), ("xl/a.xml", b"")]
    )
    assert _sniff(data) is None


@pytest.mark.parametrize(
    ("name", "sniffed", "matches"),
    [
        ("photo.jpg", JPEG, True),
        ("photo.JPEG", JPEG, True),
        ("photo", JPEG, True),
        ("Class 6.B photo", JPEG, True),
        ("IMG_2024.03.15", JPEG, True),
        ("photo.pdf", JPEG, False),
        ("report.jpg", PDF, False),
        ("song.exe", MP3, False),
        ("song.m4a", MP4, True),
        ("film.mp4", M4A, True),
        ("voice.opus", OGG, True),
        ("dir.png/inside.pdf", PNG, False),
        ("C:\\Users\\ana\\photo.png", PNG, True),
    ],
)
def test_extension_matches(name, sniffed, matches):
    assert extension_matches(name, sniffed) is matches


def test_safe_filename_examples():
    assert (
        safe_filename("../../etc/Niños en la plaza.php.JPG", "jpg") == "Ninos-en-la-plaza-php.jpg"
    )
    assert safe_filename("", "png") == "file.png"
    assert safe_filename("....", "png") == "file.png"
    assert safe_filename("学校の写真.jpg", "jpg") == "file.jpg"
    assert safe_filename("nul.pdf", "pdf") == "file-nul.pdf"
    assert safe_filename("C:\\fakepath\\scan.PDF", "pdf") == "scan.pdf"


@given(st.text(), st.sampled_from([sniffed.extension for sniffed in filetypes.ALL]))
def test_safe_filename_is_always_safe(name, extension):
    result = safe_filename(name, extension)
    assert result.endswith(f".{extension}")
    assert result.count(".") == 1
    assert not result.startswith((".", "-", "_"))
    assert "/" not in result and "\\" not in result
    assert all(char in string.ascii_letters + string.digits + "-_." for char in result)
    assert 1 + len(extension) < len(result) <= filenames.MAX_NAME


@given(st.text(), st.sampled_from(["jpg", "pdf", "docx"]))
def test_display_filename_keeps_words_but_no_path_or_control_characters(name, extension):
    result = display_filename(name, extension)
    assert result.endswith(f".{extension}")
    assert "/" not in result and "\\" not in result
    assert all(char.isprintable() for char in result)
    assert not result.startswith(".")
    assert len(result) <= filenames.MAX_DISPLAY_NAME + 1 + len(extension)


def test_display_filename_keeps_other_scripts():
    assert display_filename("Niños\u202e en la plaza.JPG", "jpg") == "Niños en la plaza.jpg"
    assert display_filename("学校の写真.jpeg", "jpg") == "学校の写真.jpg"


@given(st.binary(max_size=64))
def test_sniff_never_fails_on_arbitrary_bytes(data):
    result = sniff(data, zip_names=["[Content_Types].xml", "x"])
    assert result is None or result in filetypes.ALL
    filetypes.refusal(data)

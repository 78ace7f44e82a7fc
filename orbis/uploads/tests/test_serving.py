"""file_response: the headers that keep an uploaded file from acting as a page of our site."""

from urllib.parse import unquote

import pytest
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from orbis.core import filetypes
from orbis.uploads.processing import clean_upload, store_upload
from orbis.uploads.serving import content_disposition, file_response
from tests import samples
from tests.samples import uploaded


def stored(data: bytes, name: str) -> str:
    return store_upload(clean_upload(uploaded(data, name)), folder="tests")[0]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_image_inline_with_all_protective_headers():
    path = stored(samples.png(), "yard.png")
    response = file_response(path, name="yard.png", content_type="image/png", inline=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert csp.startswith("default-src 'none'") and csp.endswith("; sandbox")
    assert "script-src" not in csp
    assert response["Cache-Control"].startswith("private")
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Content-Disposition"].startswith("inline; ")
    with default_storage.open(path, "rb") as handle:
        content = handle.read()
    assert body(response) == content
    assert response["Content-Length"] == str(len(content))


def test_non_ascii_name_is_sent_as_rfc_5987_filename_star():
    path = stored(samples.pdf(), "plan.pdf")
    response = file_response(
        path, name="Niños en la plaza — 6°B.pdf", content_type="application/pdf", inline=False
    )
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Ninos en la plaza  6B.pdf"; ')
    star = disposition.split("filename*=")[1]
    assert star.startswith("UTF-8''")
    assert unquote(star.removeprefix("UTF-8''")) == "Niños en la plaza — 6°B.pdf"
    assert " " not in star


def test_disposition_drops_paths_quotes_and_line_breaks():
    value = content_disposition("attachment", '../x"\r\nSet-Cookie: a=b;.pdf')
    assert "\r" not in value and "\n" not in value
    fallback = value.split('filename="')[1].split('"')[0]
    assert '"' not in fallback and ";" not in fallback and "/" not in fallback
    assert content_disposition("inline", "学校.pdf").startswith('inline; filename="file.pdf"')


@pytest.mark.parametrize(
    "content_type",
    [filetypes.DOCX.content_type, filetypes.ODT.content_type, filetypes.XLSX.content_type],
)
def test_documents_are_always_downloads(content_type):
    path = stored(samples.docx(), "essay.docx")
    response = file_response(path, name="essay.docx", content_type=content_type, inline=True)
    assert response["Content-Disposition"].startswith("attachment; ")


def test_a_type_orbis_does_not_store_is_sent_as_bytes_to_download():
    path = stored(samples.pdf(), "plan.pdf")
    response = file_response(path, name="page.html", content_type="text/html", inline=True)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment; ")


def test_inline_pdf_is_not_sandboxed_so_browsers_can_show_it():
    path = stored(samples.pdf(), "plan.pdf")
    response = file_response(path, name="plan.pdf", content_type="application/pdf", inline=True)
    assert response["Content-Disposition"].startswith("inline; ")
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" not in response["Content-Security-Policy"]
    attached = file_response(path, name="plan.pdf", content_type="application/pdf", inline=False)
    assert attached["Content-Security-Policy"].endswith("sandbox")


def test_field_file_is_served_from_its_storage():
    path = stored(samples.mp3(), "song.mp3")
    field = FileField()
    field.storage = default_storage
    fieldfile = FieldFile(None, field, path)
    response = file_response(fieldfile, name="song.mp3", content_type="audio/mpeg", inline=True)
    assert body(response) == samples.mp3()


@pytest.mark.parametrize("path", ["", "tests/none/missing.pdf"])
def test_missing_file_is_a_404(path):
    with pytest.raises(Http404):
        file_response(path, name="x.pdf", content_type="application/pdf", inline=False)


@pytest.mark.parametrize(
    ("header", "status", "content_range", "part"),
    [
        ("bytes=0-9", 206, "bytes 0-9/{size}", slice(0, 10)),
        ("bytes=100-", 206, "bytes 100-{last}/{size}", slice(100, None)),
        ("bytes=-50", 206, "bytes {tail}-{last}/{size}", slice(-50, None)),
        ("bytes=20-999999", 206, "bytes 20-{last}/{size}", slice(20, None)),
        ("bytes=0-1,5-6", 200, None, slice(None)),
        ("items=0-9", 200, None, slice(None)),
        ("bytes=9-2", 200, None, slice(None)),
    ],
)
def test_byte_ranges(rf, header, status, content_range, part):
    data = samples.mp4()
    path = stored(data, "film.mp4")
    request = rf.get("/", HTTP_RANGE=header)
    response = file_response(
        path, name="film.mp4", content_type="video/mp4", inline=True, request=request
    )
    size = len(data)
    assert response.status_code == status
    assert response["Accept-Ranges"] == "bytes"
    if content_range:
        expected = content_range.format(size=size, last=size - 1, tail=size - 50)
        assert response["Content-Range"] == expected
    assert body(response) == data[part]
    assert response["Content-Length"] == str(len(data[part]))


def test_range_past_the_end_is_416(rf):
    path = stored(samples.pdf(), "plan.pdf")
    request = rf.get("/", HTTP_RANGE="bytes=99999-")
    response = file_response(
        path, name="plan.pdf", content_type="application/pdf", inline=True, request=request
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(samples.pdf())}"


def test_media_have_no_public_url():
    # Files are reachable only through views that check who may see them.
    from django.urls import Resolver404, resolve

    path = stored(samples.png(), "yard.png")
    with pytest.raises(Resolver404):
        resolve(f"/media/{path}")


def test_unchanged_file_answers_304_to_its_etag(rf):
    path = stored(samples.png(), "yard.png")
    first = file_response(path, name="yard.png", content_type="image/png", inline=True)
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    request = rf.get("/", HTTP_IF_NONE_MATCH=etag)
    again = file_response(
        path, name="yard.png", content_type="image/png", inline=True, request=request
    )
    assert again.status_code == 304
    assert not again.content
    assert again["ETag"] == etag
    other = rf.get("/", HTTP_IF_NONE_MATCH='"something-else"')
    fresh = file_response(
        path, name="yard.png", content_type="image/png", inline=True, request=other
    )
    assert fresh.status_code == 200

"""store_upload, delete_stored and stored_files_rollback, on local files and on S3 (moto)."""

import boto3
import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from moto import mock_aws

from orbis.uploads.processing import (
    clean_upload,
    delete_stored,
    store_upload,
    stored_files_rollback,
)
from orbis.uploads.serving import file_response
from tests import samples
from tests.samples import uploaded

BUCKET = "orbis-test-media"
S3_STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "region_name": "us-east-1",
            "access_key": "testing",
            "secret_key": "testing",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "max_memory_size": 1024 * 1024,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_store_upload_saves_file_and_thumbnail_under_a_random_folder():
    clean = clean_upload(uploaded(samples.jpeg(), "yard.jpg"))
    path, thumbnail_path = store_upload(clean, folder="board/posts")
    folder, random, name = path.rsplit("/", 2)
    assert folder == "board/posts" and len(random) >= 16 and name == "yard.jpg"
    assert thumbnail_path == f"board/posts/{random}/yard-thumb.webp"
    clean.file.seek(0)
    with default_storage.open(path, "rb") as stored:
        assert stored.read() == clean.file.read()
    assert default_storage.exists(thumbnail_path)


def test_the_same_name_twice_gets_two_files():
    first = store_upload(clean_upload(uploaded(samples.pdf(), "plan.pdf")), folder="board")[0]
    second = store_upload(clean_upload(uploaded(samples.pdf(), "plan.pdf")), folder="board")[0]
    assert first != second
    assert default_storage.exists(first) and default_storage.exists(second)


def test_non_images_have_no_thumbnail():
    path, thumbnail_path = store_upload(
        clean_upload(uploaded(samples.mp3(), "song.mp3")), folder="reflections"
    )
    assert thumbnail_path is None
    assert default_storage.size(path) == len(samples.mp3())


@pytest.mark.parametrize("folder", ["../etc", "/abs", "board/../x", "", "Board Posts"])
def test_folder_must_be_plain(folder):
    clean = clean_upload(uploaded(samples.pdf(), "plan.pdf"))
    with pytest.raises(ValueError):
        store_upload(clean, folder=folder)


def test_rollback_deletes_files_stored_in_a_block_that_raises():
    clean_image = clean_upload(uploaded(samples.jpeg(), "yard.jpg"))
    clean_pdf = clean_upload(uploaded(samples.pdf(), "plan.pdf"))
    with pytest.raises(RuntimeError), stored_files_rollback() as saved:
        stored = [
            *store_upload(clean_image, folder="board"),
            store_upload(clean_pdf, folder="board")[0],
        ]
        assert all(default_storage.exists(path) for path in stored)
        raise RuntimeError("the database said no")
    assert len(saved) == 3
    assert not any(default_storage.exists(path) for path in saved)


def test_rollback_keeps_files_when_the_block_succeeds():
    with stored_files_rollback():
        path, thumbnail_path = store_upload(
            clean_upload(uploaded(samples.png(), "a.png")), folder="board"
        )
    assert default_storage.exists(path) and default_storage.exists(thumbnail_path)


def test_rollback_wraps_a_failing_transaction(db):
    from django.db import IntegrityError, transaction

    from orbis.accounts.models import User

    clean = clean_upload(uploaded(samples.pdf(), "plan.pdf"))
    with pytest.raises(IntegrityError), stored_files_rollback() as saved, transaction.atomic():
        store_upload(clean, folder="board")
        User.objects.create(email="same@school.test")
        User.objects.create(email="same@school.test")
    assert saved and not default_storage.exists(saved[0])


def test_nested_blocks_an_outer_failure_removes_inner_files():
    with pytest.raises(KeyError), stored_files_rollback() as outer:
        with stored_files_rollback() as inner:
            store_upload(clean_upload(uploaded(samples.pdf(), "a.pdf")), folder="board")
        raise KeyError("later failure")
    assert inner == outer and len(outer) == 1
    assert not default_storage.exists(outer[0])


def test_files_stored_outside_a_block_are_not_tracked():
    path, _ = store_upload(clean_upload(uploaded(samples.pdf(), "a.pdf")), folder="board")
    with pytest.raises(RuntimeError), stored_files_rollback():
        raise RuntimeError
    assert default_storage.exists(path)


def test_delete_stored_skips_empty_and_missing_paths():
    path, thumbnail_path = store_upload(
        clean_upload(uploaded(samples.jpeg(), "a.jpg")), folder="board"
    )
    delete_stored(None, "", "board/never/was.pdf", path, thumbnail_path)
    assert not default_storage.exists(path) and not default_storage.exists(thumbnail_path)


# --- S3-compatible object storage ------------------------------------------------------------


@pytest.fixture
def s3_bucket(monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        # override_settings(STORAGES=…) makes Django drop its cached storages, so
        # default_storage is built again from these settings (and again after the block).
        with override_settings(STORAGES=S3_STORAGES):
            yield client


def test_s3_storage_stores_objects_and_serves_them_back(s3_bucket):
    from storages.backends.s3 import S3Storage

    clean = clean_upload(uploaded(samples.jpeg(), "yard.jpg"))
    path, thumbnail_path = store_upload(clean, folder="board")
    assert isinstance(default_storage._wrapped, S3Storage)

    keys = {item["Key"] for item in s3_bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {path, thumbnail_path}
    stored = s3_bucket.get_object(Bucket=BUCKET, Key=path)["Body"].read()
    clean.file.seek(0)
    assert stored == clean.file.read()
    assert b"GPS" not in stored

    response = file_response(path, name="Niños.jpg", content_type="image/jpeg", inline=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Length"] == str(len(stored))
    assert response["X-Content-Type-Options"] == "nosniff"


def test_s3_byte_range_comes_straight_from_the_object(s3_bucket, rf):
    data = samples.mp4()
    path, _ = store_upload(clean_upload(uploaded(data, "film.mp4")), folder="board")
    request = rf.get("/", HTTP_RANGE="bytes=10-29")
    response = file_response(
        path, name="film.mp4", content_type="video/mp4", inline=True, request=request
    )
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 10-29/{len(data)}"
    assert b"".join(response.streaming_content) == data[10:30]


def test_s3_rollback_deletes_objects(s3_bucket):
    with pytest.raises(RuntimeError), stored_files_rollback():
        store_upload(clean_upload(uploaded(samples.jpeg(), "a.jpg")), folder="board")
        raise RuntimeError
    assert s3_bucket.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0


def test_s3_missing_object_is_a_404(s3_bucket):
    from django.http import Http404

    with pytest.raises(Http404):
        file_response(
            "board/none/x.pdf", name="x.pdf", content_type="application/pdf", inline=False
        )


def test_after_the_override_local_storage_is_back():
    from django.core.files.storage import FileSystemStorage

    store_upload(clean_upload(uploaded(samples.pdf(), "a.pdf")), folder="board")
    assert isinstance(default_storage._wrapped, FileSystemStorage)

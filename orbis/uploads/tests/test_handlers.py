"""The upload handler: big uploads go to disk, never past the largest limit, and keep their
real size so that the refusal can say it."""

import os
import subprocess
import sys

from django.core.files.uploadedfile import TemporaryUploadedFile

from orbis.uploads.processing import UploadRefused, clean_upload
from tests import samples

KB = 1024


def parsed_upload(rf, data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = rf.post("/", {"file": SimpleUploadedFile(name, data)})
    return request.FILES["file"]


def test_big_upload_goes_to_a_temporary_file_and_is_accepted(rf, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 4 * KB
    # The sample MP4 with a 20 KB mdat box in place of its small one.
    data = samples.mp4()[:-508] + (8 + 20 * KB).to_bytes(4, "big") + b"mdat" + b"\x00" * (20 * KB)
    upload = parsed_upload(rf, data, "film.mp4")
    assert isinstance(upload, TemporaryUploadedFile)
    assert not upload.size_exceeded
    clean = clean_upload(upload)
    clean.file.seek(0)
    assert clean.file.read() == data


def test_oversize_upload_stops_being_written_but_keeps_its_real_size(rf, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 4 * KB
    settings.ORBIS_UPLOAD_MAX_BYTES = dict.fromkeys(settings.ORBIS_UPLOAD_MAX_BYTES, 16 * KB)
    data = samples.pdf() + b" " * (200 * KB)
    upload = parsed_upload(rf, data, "big.pdf")
    assert upload.size == len(data)
    assert upload.size_exceeded
    assert os.path.getsize(upload.temporary_file_path()) == 16 * KB + 1
    try:
        clean_upload(upload)
    except UploadRefused as refused:
        assert refused.message == "PDF documents can be at most 0.02 MB; this one is 0.2 MB."
    else:
        raise AssertionError("an oversize upload was accepted")


def _settings_in(env: dict) -> str:
    code = (
        "import orbis.settings as s; "
        "print(s.STORAGES['default']['BACKEND']); "
        "print(s.STORAGES['default'].get('OPTIONS', {}).get('bucket_name')); "
        "print(s.STORAGES['default'].get('OPTIONS', {}).get('endpoint_url')); "
        "print(s.ORBIS_UPLOAD_MAX_BYTES['image'], s.ORBIS_UPLOAD_MAX_BYTES['video']); "
        "print(s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr


def test_settings_from_the_environment(tmp_path):
    local = _settings_in({"ORBIS_VAR_DIR": str(tmp_path), "UPLOAD_MAX_MB": "10"})
    assert local.splitlines() == [
        "django.core.files.storage.FileSystemStorage",
        "None",
        "None",
        f"{10 * 1024 * 1024} {200 * 1024 * 1024}",
        "django.contrib.staticfiles.storage.StaticFilesStorage",
    ]
    s3 = _settings_in(
        {
            "ORBIS_VAR_DIR": str(tmp_path),
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "orbis-media",
            "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
            "UPLOAD_MAX_VIDEO_MB": "500",
        }
    )
    assert s3.splitlines()[:4] == [
        "storages.backends.s3.S3Storage",
        "orbis-media",
        "http://127.0.0.1:9000",
        f"{25 * 1024 * 1024} {500 * 1024 * 1024}",
    ]
    missing = _settings_in({"ORBIS_VAR_DIR": str(tmp_path), "MEDIA_STORAGE": "s3"})
    assert "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in missing

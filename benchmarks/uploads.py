"""How long checking an upload takes and how much memory it needs: a phone photo (JPEG with
EXIF and GPS, re-encoded without them, scaled to the longest side allowed and thumbnailed), a
PNG drawing, a PDF, and a video whose content is only sniffed (it is streamed, never decoded).

    uv run python benchmarks/uploads.py [--runs N] [--megapixels M ...]

Prints one JSON object per run, one per line:

    kind, megapixels, input_mb   what was uploaded
    seconds                      clean_upload() only (sniffing, checks, re-encoding, thumbnail)
    peak_mb                      the process's peak RSS after the run (Django included)
    output_mb, thumbnail_kb      what would be stored

The photos are generated with noise so that JPEG compression can't make them trivially small.
"""

import argparse
import io
import json
import os
import resource
import sys
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbis.settings")
os.environ.setdefault("ORBIS_VAR_DIR", tempfile.mkdtemp(prefix="orbis-bench-"))
django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from PIL import Image  # noqa: E402

from orbis.uploads.processing import clean_upload  # noqa: E402
from tests.samples import gps_exif, mp4, pdf  # noqa: E402


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def photo(megapixels: float) -> bytes:
    width = int((megapixels * 1_000_000 * 4 / 3) ** 0.5)
    height = int(width * 3 / 4)
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=88, exif=gps_exif())
    return buffer.getvalue()


def drawing() -> bytes:
    image = Image.new("RGB", (1600, 1200), (186, 224, 250))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def video(megabytes: int) -> bytes:
    """A well-formed MP4 (ftyp, moov with a video and a sound track) with a large media box:
    the content is checked by its structure and streamed to storage, never decoded."""
    header = mp4()
    payload = b"\x00" * (megabytes * 1024 * 1024)
    return header + (len(payload) + 8).to_bytes(4, "big") + b"mdat" + payload


def measure(kind: str, name: str, data: bytes, megapixels: float | None) -> dict:
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    started = time.perf_counter()
    try:
        clean = clean_upload(upload)
    except Exception as error:  # a refusal is a figure too: how fast bad files are turned away
        seconds = round(time.perf_counter() - started, 4)
        return {"benchmark": "uploads", "kind": kind, "refused": str(error), "seconds": seconds}
    seconds = time.perf_counter() - started
    thumbnail = clean.thumbnail.size if clean.thumbnail else 0
    return {
        "benchmark": "uploads",
        "kind": kind,
        "megapixels": megapixels,
        "input_mb": round(len(data) / 1_000_000, 2),
        "seconds": round(seconds, 4),
        "peak_mb": peak_mb(),
        "output_mb": round(clean.size / 1_000_000, 2),
        "thumbnail_kb": round(thumbnail / 1000, 1),
        "stored_kind": clean.kind,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--megapixels", type=float, nargs="+", default=[12.0, 24.0])
    args = parser.parse_args(argv)
    cases = [
        *((f"photo {mp:g} MP", "photo.jpg", photo(mp), mp) for mp in args.megapixels),
        ("drawing", "drawing.png", drawing(), 1.92),
        ("pdf", "report.pdf", pdf(), None),
        ("video 50 MB", "clip.mp4", video(50), None),
    ]
    for kind, name, data, megapixels in cases:
        for run in range(1, args.runs + 1):
            row = measure(kind, name, data, megapixels)
            print(json.dumps({**row, "run": run}), flush=True)


if __name__ == "__main__":
    sys.exit(main())

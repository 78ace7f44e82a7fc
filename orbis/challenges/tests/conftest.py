"""Challenges for the tests of this app: one open today, files that pass the upload checks and
one that doesn't, and entries made through the service."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fpdf import FPDF
from PIL import Image

from orbis.challenges import services
from orbis.challenges.models import Challenge
from orbis.uploads.processing import clean_upload


def png(name="drawing.png", colour=(200, 40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="story.pdf") -> SimpleUploadedFile:
    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Our game")
    return SimpleUploadedFile(name, bytes(document.output()), content_type="application/pdf")


def hostile_file() -> SimpleUploadedFile:
    """A web page dressed as a picture: the upload checks refuse it."""
    return SimpleUploadedFile(
        "cat.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def open_challenge(**options) -> Challenge:
    today = timezone.localdate()
    values = {
        "title": "International Day of Play 2026",
        "theme": "Build and share your creation",
        "description": "Invent a **game** that a class far away can play.",
        "rules": "- One creation per team\n- No surnames",
        "starts_on": today - timedelta(days=1),
        "ends_on": today + timedelta(days=10),
        "status": Challenge.Status.OPEN,
    }
    return services.challenge_create(**{**values, **options})


@pytest.fixture
def challenge(db):
    return open_challenge()


def enter(challenge, classroom, *, student=None, files=None, title="Our paper city", **options):
    """An entry through the service: by the class's teacher unless a student is given."""
    uploads = [clean_upload(f) for f in (files or [png()])]
    author = {"student": student} if student else {"teacher": classroom.teacher}
    return services.entry_create(
        challenge=challenge, classroom=classroom, title=title, uploads=uploads, **author, **options
    )

"""Challenges for the tests of this app: one open today (`challenge`), and the files an entry
stored (`open_challenge`, `enter` and the sample uploads are in tests/builders.py and
tests/samples.py)."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.builders import open_challenge


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def challenge(db):
    return open_challenge()

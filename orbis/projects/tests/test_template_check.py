"""A broken project template is reported by name when Orbis starts (Django's system checks,
which `orbis check`, `runserver` and `migrate` run)."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from orbis.core.plans import library
from orbis.projects.checks import template_library_check


def test_the_shipped_library_passes_the_check():
    assert template_library_check(None) == []


def test_a_broken_template_is_reported_by_name(tmp_path, monkeypatch):
    for path in library.DEFAULT_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "my-school.toml"
    broken.write_text(broken.read_text().replace('approach = "connect"', 'approach = "lecture"'))
    monkeypatch.setattr(library, "DEFAULT_DIR", tmp_path)
    errors = template_library_check(None)
    assert [error.id for error in errors] == ["orbis.E001"]
    assert "my-school.toml" in errors[0].msg and "approach" in errors[0].msg
    with pytest.raises(SystemCheckError, match=r"my-school\.toml"):
        call_command("check")

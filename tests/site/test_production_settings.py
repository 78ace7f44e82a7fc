"""Production settings: SECRET_KEY rules and the deploy check."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "orbis" / "settings.py"
STRONG_KEY = "k7Vq-3pLx_9ZrT2mWc8Yb4NfHs6Jd1Ge5Ra0Uo_QiPzXyLvKtBn-MwCe7Sj2Dh"


# ---- SECRET_KEY in production, and the deploy check -------------------------------------------


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name in {"DEBUG", "DATABASE_URL", "MEDIA_STORAGE", "SECURE_SSL_REDIRECT"}:
            monkeypatch.delenv(name)
    monkeypatch.setenv("ORBIS_ENV", "production")
    monkeypatch.setenv("ALLOWED_HOSTS", "orbis.example")
    monkeypatch.setenv("ORBIS_VAR_DIR", str(tmp_path / "var"))
    return monkeypatch


@pytest.mark.parametrize(
    "key",
    [
        "short-but-random-Xy7Q",
        "a" * 30 + "b" * 30,  # long, but 2 different characters
        "django-insecure-" + "k7Vq3pLx9ZrT2mWc8Yb4NfHs6Jd1Ge5Ra0UoQiPzXyLvKtBn",
    ],
)
def test_production_refuses_a_weak_secret_key(production_env, key):
    production_env.setenv("SECRET_KEY", key)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is too weak"):
        runpy.run_path(str(SETTINGS))


def test_production_requires_a_secret_key(production_env):
    production_env.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        runpy.run_path(str(SETTINGS))


def test_production_accepts_a_strong_secret_key(production_env):
    production_env.setenv("SECRET_KEY", STRONG_KEY)
    loaded = runpy.run_path(str(SETTINGS))
    assert loaded["SECRET_KEY"] == STRONG_KEY
    assert loaded["SESSION_COOKIE_SECURE"] and loaded["CSRF_COOKIE_SECURE"]
    assert loaded["SECURE_SSL_REDIRECT"] and loaded["SECURE_HSTS_SECONDS"] >= 31536000


def test_development_keeps_its_own_key(monkeypatch, tmp_path):
    monkeypatch.setenv("ORBIS_ENV", "development")
    monkeypatch.setenv("ORBIS_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SECRET_KEY", "short")  # only production enforces the rules
    assert runpy.run_path(str(SETTINGS))["SECRET_KEY"] == "short"


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests of the same run set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a
        # production server never has it.
        if key
        not in {
            "DEBUG",
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        ORBIS_ENV="production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="orbis.example",
        ORBIS_VAR_DIR=str(tmp_path / "var"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "orbis.cli", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout

"""Site-wide security: response headers and the Content-Security-Policy, SECRET_KEY rules in
production, the deploy check, login throttling, open redirects and CSRF on every URL."""

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.utils import timezone

from orbis.board import services as board_services
from orbis.board.models import Post
from orbis.projects.models import Project
from orbis.uploads import serving
from tests.builders import build_project
from tests.samples import png_upload
from tests.site.test_permissions import REDIRECTS, ROUTES, TEACHER_ROUTES, url_for, world  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "orbis" / "settings.py"
PASSWORD = "correct horse battery"
STRONG_KEY = "k7Vq-3pLx_9ZrT2mWc8Yb4NfHs6Jd1Ge5Ra0Uo_QiPzXyLvKtBn-MwCe7Sj2Dh"
EVIL = "https://evil.example/steal"

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "media-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_page_is_locked_down(response, url: str = "") -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert directives(csp) == EXPECTED_CSP, (url, csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url


# ---- headers ---------------------------------------------------------------------------------


def test_every_page_sends_the_security_headers(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert_page_is_locked_down(response)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_error_pages_and_redirects_carry_the_policy_too(client, teacher_client, db):
    assert_page_is_locked_down(client.get("/no-such-page/"))
    assert_page_is_locked_down(client.get(reverse("dashboard")))  # a login redirect


def test_every_teacher_page_has_the_policy_without_unsafe_inline(teacher_client, world):  # noqa: F811
    seen = 0
    for name in TEACHER_ROUTES:
        if "GET" not in ROUTES[name].methods:
            continue
        url = url_for(name, world)
        response = teacher_client.get(url, follow=name in REDIRECTS)
        if response.headers.get("Content-Type", "").startswith("text/html"):
            assert_page_is_locked_down(response, url)
            seen += 1
    assert seen > 20


@pytest.mark.parametrize(
    "name", ["home", "account_login", "account_signup", "student_join", "learn:index"]
)
def test_public_pages_have_the_policy(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_page_is_locked_down(response, name)


def test_project_space_pages_have_the_policy(teacher_client, classroom, student_client):
    project = build_project(classroom, status=Project.Status.RUNNING)
    for name in ("project_detail", "board", "live_sessions", "live_session_new", "reflections"):
        response = teacher_client.get(reverse(name, args=[project.token]))
        assert response.status_code == 200, name
        assert_page_is_locked_down(response, name)


def test_uploaded_files_keep_their_own_stricter_policy(teacher_client, classroom):
    """The site-wide middleware must not replace the sandboxing policy of a served file."""
    project = build_project(classroom, status=Project.Status.RUNNING)
    post = board_services.post_create(
        project=project, classroom=classroom, phase="definition", title="Drawing", body="",
        uploads=[png_upload()], teacher=classroom.teacher,
    )  # fmt: skip
    attachment = post.attachments.get()
    response = teacher_client.get(reverse("board_file", args=[project.token, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == serving.CONTENT_SECURITY_POLICY


def test_no_template_has_inline_script_or_style():
    """What the policy forbids must not be in a template: it would silently not work."""
    offenders = []
    for path in (ROOT / "orbis").rglob("templates/**/*"):
        if path.suffix not in {".html", ".svg", ".txt"} or not path.is_file():
            continue
        text = path.read_text()
        lowered = text.lower()
        if " style=" in lowered or "<style" in lowered or "javascript:" in lowered:
            offenders.append(str(path))
        for line in lowered.splitlines():
            if "<script" in line and " src=" not in line:
                offenders.append(str(path))
            if any(f" on{event}=" in line for event in ("click", "load", "submit", "change")):
                offenders.append(str(path))
    assert offenders == []


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


# ---- login throttling (django-axes) -----------------------------------------------------------


def log_in(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def three_tries(settings):
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_wrong_passwords_lock_the_email_out_from_that_address(
    client, teacher, outsider, three_tries
):
    assert log_in(client, teacher.email, "wrong-1").status_code == 200
    assert log_in(client, teacher.email, "wrong-2").status_code == 200
    locked = log_in(client, teacher.email, "wrong-3")
    assert locked.status_code == 429
    assert "Too many failed login attempts. Try again later." in locked.content.decode()
    assert_page_is_locked_down(locked)
    # Even the right password, and in another case, is refused during the cool-off.
    assert log_in(client, teacher.email.upper(), PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (teacher.email, "203.0.113.7")
    # Another teacher at the same school address is not locked out.
    assert log_in(Client(), outsider.email, PASSWORD).status_code == 302


def test_lockout_is_per_address_and_ends_after_the_cool_off(client, teacher, three_tries):
    for attempt in range(3):
        log_in(client, teacher.email, f"wrong-{attempt}")
    assert log_in(Client(), teacher.email, PASSWORD, ip="198.51.100.9").status_code == 302
    with time_machine.travel(timezone.now() + django_settings.AXES_COOLOFF_TIME, tick=False):
        assert log_in(Client(), teacher.email, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, teacher, three_tries):
    log_in(client, teacher.email, "wrong-1")
    log_in(client, teacher.email, "wrong-2")
    assert log_in(client, teacher.email, PASSWORD).status_code == 302
    fresh = Client()
    assert log_in(fresh, teacher.email, "wrong-3").status_code == 200
    assert log_in(fresh, teacher.email, "wrong-4").status_code == 200
    assert log_in(fresh, teacher.email, PASSWORD).status_code == 302


def test_default_limits():
    assert django_settings.AXES_FAILURE_LIMIT == 10
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert django_settings.AXES_RESET_ON_SUCCESS


# ---- open redirects ----------------------------------------------------------------------------


def assert_stays_on_site(response) -> None:
    assert response.status_code in {301, 302, 303}, response.status_code
    location = urlsplit(response["Location"])
    assert not location.netloc or location.netloc == "testserver", response["Location"]
    assert not location.scheme or location.scheme in {"http", "https"}
    assert not response["Location"].startswith("//")


HOSTILE_NEXTS = [
    EVIL,
    "//evil.example/",
    "/\\evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_login_never_sends_off_site(client, teacher, target):
    response = client.post(
        reverse("account_login") + "?next=" + target,
        {"login": teacher.email, "password": PASSWORD, "next": target},
    )
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_language_switch_never_sends_off_site(client, db, target):
    response = client.post(reverse("set_language"), {"language": "es", "next": target})
    assert_stays_on_site(response)
    response = client.post(reverse("set_language"), {"language": "es"}, headers={"referer": target})
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_logout_never_sends_off_site(teacher_client, target):
    response = teacher_client.post(reverse("account_logout"), {"next": target})
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_notification_read_never_sends_off_site(teacher_client, world, target):  # noqa: F811
    url = reverse("notification_read", args=[world["notification"]])
    assert_stays_on_site(teacher_client.post(url, {"next": target}))


def test_notification_pointing_off_site_is_not_followed(teacher_client, world):  # noqa: F811
    from orbis.notifications.models import Notification

    Notification.objects.filter(pk=world["notification"]).update(url=EVIL)
    response = teacher_client.get(reverse("notification_open", args=[world["notification"]]))
    assert_stays_on_site(response)


@pytest.mark.parametrize("target", HOSTILE_NEXTS)
def test_board_back_links_never_send_off_site(teacher_client, classroom, student, target):
    project = build_project(classroom, status=Project.Status.RUNNING)
    mine = board_services.post_create(
        project=project, classroom=classroom, phase="definition", title="Hello", body="",
        uploads=[], teacher=classroom.teacher,
    )  # fmt: skip
    theirs = board_services.post_create(
        project=project, classroom=classroom, phase="execution", title="Our school", body="",
        student=student,
    )  # fmt: skip
    assert Post.objects.get(pk=theirs.pk).status == "pending"
    posts = [
        (reverse("board_react", args=[project.token, mine.pk]), {"kind": "heart"}),
        (reverse("board_approve", args=[project.token, "post", theirs.pk]), {}),
        (reverse("board_flag", args=[project.token, "post", mine.pk]), {}),
    ]
    for url, data in posts:
        assert_stays_on_site(teacher_client.post(url, {**data, "next": target}))


# ---- CSRF on every URL -------------------------------------------------------------------------

# Values for URL arguments: a 403 for a missing CSRF token comes before the view, so the objects
# need not exist. The first candidate the converter accepts is used.
CANDIDATES = ["post", "abcdefghijkl", "execution", "activity", "how-a-collaboration-runs", "x"]


def _all_patterns(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _all_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry, prefix


def _value_for(converter) -> str:
    if isinstance(converter, IntConverter):
        return "987654"
    for value in CANDIDATES:
        if re.fullmatch(converter.regex, value):
            return value
    raise AssertionError(f"no sample value for {converter!r}")


def orbis_urls() -> list[str]:
    """One URL per pattern whose view is ours, with made-up arguments, plus the allauth and
    Django views a teacher posts to."""
    urls = set()
    for pattern, prefix in _all_patterns(get_resolver().url_patterns):
        if not pattern.callback.__module__.startswith("orbis."):
            continue
        route = prefix + str(pattern.pattern)
        converters = {**getattr(pattern.pattern, "converters", {})}
        url = "/" + re.sub(
            r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>",
            lambda m, converters=converters: _value_for(converters[m.group("name")]),
            route,
        )
        urls.add(url.replace("^", "").replace("$", ""))
    return sorted(urls)


EXTERNAL = ["account_login", "account_logout", "account_signup", "set_language"]


def test_the_walk_covers_the_project(db):
    urls = orbis_urls()
    assert len(urls) > 80
    assert any(url.startswith("/board/") for url in urls)
    assert any(url.startswith("/students/") or "/join" in url for url in urls)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_state_changing_request_needs_a_csrf_token(teacher, method):
    """No view is csrf_exempt: a request without a token is refused before any view runs."""
    teacher_browser = Client(enforce_csrf_checks=True)
    teacher_browser.force_login(teacher)
    urls = orbis_urls() + [reverse(name) for name in EXTERNAL]
    failures = []
    for url in urls:
        response = getattr(teacher_browser, method)(url)
        if response.status_code != 403:
            failures.append((url, response.status_code))
    assert failures == []


def test_csrf_failure_happens_before_the_view(teacher, classroom):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    name_before = classroom.name
    response = browser.post(reverse("classroom_edit", args=[classroom.pk]), {"name": "Hijacked"})
    assert response.status_code == 403
    classroom.refresh_from_db()
    assert classroom.name == name_before


# ---- HTML from users ---------------------------------------------------------------------------

# The only values a template may print unescaped: HTML made by orbis.board.markdown, which renders
# Markdown with raw HTML off and then cleans the result with nh3 (tested in the board's tests).
SAFE_VALUES = {
    "post.body_html",
    "row.post.body_html",
    "challenge.description_html",
    "challenge.rules_html",
    "translation.html",  # PostTranslation.html: a machine translation through render_markdown
}


def test_only_cleaned_markdown_is_printed_unescaped():
    unescaped = set()
    for path in (ROOT / "orbis").rglob("templates/**/*"):
        if not path.is_file() or path.suffix not in {".html", ".svg", ".txt"}:
            continue
        text = path.read_text()
        assert "{% autoescape off" not in text, path
        unescaped |= {match.strip() for match in re.findall(r"\{\{\s*([^}|]+)\|safe", text)}
    assert unescaped <= SAFE_VALUES
    python = "\n".join(
        path.read_text()
        for path in (ROOT / "orbis").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )
    assert "mark_safe(" not in python and "SafeString(" not in python

"""Test personas and fixtures shared by every app's tests, defined here once: Gisel (`teacher`)
and her class 6th grade B in Rosario (`classroom`, with Puma, `student`); Jhansi
(`partner_teacher`) and her Class of Delhi (`delhi`, with Tiger, `tiger`); an `outsider`; a
`staff` member; a running `project` of Gisel's class and the same project with Delhi as
partner (`partnered`); a client for each of them. An app's conftest keeps only what that app
alone uses; plain builders are in tests/builders.py, sample files in tests/samples.py.

`ORBIS_TEST_DATE=2027-01-01 pytest …` runs the tests as if on that day (the clock starts there
and ticks): a test must pass on any day, or freeze its own clock. Also the real-browser
fixtures."""

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from orbis.partners import index as partner_index
from orbis.projects.models import Project
from orbis.students.middleware import SESSION_KEY
from tests.builders import add_partner, build_project
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.helpers import classroom_post, counts


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # allauth keeps rate limits and email cooldowns in the cache: every test starts clean.
    cache.clear()
    partner_index.forget()  # it was built from another test's rows
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "en"


def _test_date() -> datetime | None:
    """ORBIS_TEST_DATE: a day (its noon, UTC) or a UTC time, `2027-03-28` or `2027-03-28T01:30`."""
    value = os.environ.get("ORBIS_TEST_DATE", "").strip()
    if not value:
        return None
    moment = datetime.fromisoformat(value if "T" in value else f"{value}T12:00")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


TEST_DATE = _test_date()


@pytest.fixture(autouse=True)
def _on_test_date(request):
    # A live server and a real browser keep the real clock (Chromium's own clock can't travel).
    if TEST_DATE is None or request.node.get_closest_marker("browser"):
        yield
        return
    if "live_server" in request.fixturenames:
        yield
        return
    with time_machine.travel(TEST_DATE, tick=True):
        yield


@pytest.fixture
def teacher(db):
    school = SchoolFactory(
        name="Escuela Rosario", country="AR", city="Rosario", time_zone="America/Argentina/Cordoba"
    )
    return TeacherFactory(email="gisel@school.test", display_name="Gisel", school=school)


@pytest.fixture
def classroom(teacher):
    room = ClassroomFactory(teacher=teacher, name="6th grade B")
    AvailabilityPeriodFactory(
        classroom=room, weekday=1, start_minute=13 * 60, end_minute=14 * 60 + 10
    )
    return room


@pytest.fixture
def partner_teacher(db):
    school = SchoolFactory(
        name="Delhi Public School",
        country="IN",
        city="Delhi",
        time_zone="Asia/Kolkata",
        weekend_days=[6],
    )
    return TeacherFactory(
        email="jhansi@school.test", display_name="Jhansi", school=school, languages=["en", "hi"]
    )


@pytest.fixture
def outsider(db):
    return TeacherFactory(email="outsider@school.test", display_name="Outsider")


@pytest.fixture
def student(classroom):
    return StudentFactory(classroom=classroom, nickname="Puma")


@pytest.fixture
def staff(db):
    return TeacherFactory(email="staff@orbis.test", is_staff=True, school=None)


@pytest.fixture
def delhi(partner_teacher):
    """Jhansi's class (no timetable: a test or an app's conftest adds the one it needs)."""
    return ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])


@pytest.fixture
def tiger(delhi):
    """A student of Jhansi's class."""
    return StudentFactory(classroom=delhi, nickname="Tiger")


@pytest.fixture
def project(classroom):
    """A running project of Gisel's class, planned by the generator."""
    return build_project(classroom, status=Project.Status.RUNNING)


@pytest.fixture
def partnered(project, delhi):
    """The running project with Jhansi's class as partner."""
    add_partner(project, delhi)
    return project


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def student_client(client, student):
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client


# ---- real browser (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture
def browser_page(live_server):
    """Open pages in headless Chromium: `browser_page(javascript=False)` for a no-JS visitor."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: scripts/test installs it.")
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )

        def new_page(*, javascript: bool = True, width: int = 1000, locale: str = "en-GB"):
            context = browser.new_context(
                java_script_enabled=javascript,
                locale=locale,
                viewport={"width": width, "height": 900},
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            return page

        yield new_page
        browser.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot in test-artifacts/ for a person to look at."""

    def save(page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def login_client(db):
    """A fresh Client logged in as the given user (to use several roles in one test)."""

    def make(user) -> Client:
        new = Client()
        new.force_login(user)
        return new

    return make


@pytest.fixture
def outsider_client(outsider, login_client):
    return login_client(outsider)


@pytest.fixture
def partner_client(partner_teacher, login_client):
    return login_client(partner_teacher)


@pytest.fixture
def staff_client(staff, login_client):
    return login_client(staff)


@pytest.fixture
def classroom_data():
    """A valid classroom form submission; call it with overrides."""
    return classroom_post


@pytest.fixture
def row_counts():
    """Counts of the rows the school, classroom and student forms write."""
    return counts


@pytest.fixture(autouse=True, scope="session")
def _local_folders():
    """Pages are served here without DEBUG, through WhiteNoise, which warns for every client
    while STATIC_ROOT is missing: made as the `orbis` command makes it."""
    from orbis.cli import make_local_folders

    make_local_folders()

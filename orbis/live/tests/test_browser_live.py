"""In a real Chromium: a teacher in Argentina opens the slot finder for a project with a
partner class in Ukraine, picks a proposed time, schedules it, and sees the session with both
classes' local times."""

from zoneinfo import ZoneInfo

import pytest

from orbis.live.models import LiveSession
from orbis.projects.models import Project
from tests.builders import MEET, add_partner, build_project, weekdays

pytestmark = pytest.mark.browser


def test_find_a_time_and_schedule_a_session(browser_page, screenshot, live_server, classroom, kyiv):
    weekdays(classroom, "08:00", "12:00")
    project = build_project(classroom, status=Project.Status.RUNNING)
    add_partner(project, kyiv)
    url = live_server.url
    page = browser_page()
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill("gisel@school.test")
    page.locator("#id_password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Your classrooms").wait_for()

    page.goto(f"{url}/live/{project.token}/")
    page.get_by_role("link", name="Schedule a live session").click()
    page.get_by_role("heading", name="1. Find a time").wait_for()
    page.get_by_role("button", name="Find times").click()
    page.get_by_role("heading", name="Proposed times").wait_for()
    assert "everyone can attend" in page.content()
    first = page.locator("#results ol.slots > li").first
    proposed = first.locator("p").first.inner_text()
    screenshot(page, "live-slot-finder")
    first.get_by_role("link", name="Use this time").click()

    page.get_by_role("heading", name="2. Schedule it").wait_for()
    page.get_by_label("Title").fill("Rivers we live by")
    page.get_by_label("Agenda").fill("Hello from Rosario and Kyiv; each class shows its river.")
    page.get_by_label("Meeting link").fill(MEET)
    page.get_by_role("button", name="Schedule the session").click()
    page.get_by_text("The session is scheduled; the other teachers are told.").wait_for()

    session = LiveSession.objects.get()
    assert set(session.classrooms.all()) == {classroom, kyiv}
    body = page.locator("main").inner_text()
    for zone in ("America/Argentina/Cordoba", "Europe/Kyiv"):
        local = session.starts_at.astimezone(ZoneInfo(zone))
        assert f"{local:%H:%M}–" in body, zone
    assert proposed.split(" your time")[0] in body  # the time she picked, in her zone
    assert "6th grade B" in body and "Kyiv 7-A" in body
    assert "Europe/Kyiv" in body and "America/Argentina/Cordoba" in body
    screenshot(page, "live-session")

    page.get_by_role("link", name="All live sessions").click()
    page.get_by_role("heading", name="Upcoming").wait_for()
    assert "Rivers we live by" in page.locator("main").inner_text()
    screenshot(page, "live-sessions-list")
    page.get_by_role("link", name="Your sessions in your calendar app").click()
    feed_url = page.get_by_label("Your private calendar address").input_value()
    assert feed_url.startswith(f"{url}/live/calendar/") and feed_url.endswith(".ics")
    screenshot(page, "live-calendar-feed")

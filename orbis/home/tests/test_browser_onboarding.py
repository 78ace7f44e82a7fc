"""A new teacher, in a real Chromium: sign up, confirm the email from the outbox, add a school
and a classroom with its timetable, and find the classroom on the dashboard."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def confirmation_link(outbox: Path) -> str:
    for message in sorted(outbox.iterdir()):
        match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.read_text())
        if match:
            return match.group(0)
    raise AssertionError("no confirmation email in the outbox")


def test_new_teacher_signs_up_and_sees_classroom_on_dashboard(
    browser_page, screenshot, live_server, settings, tmp_path
):
    page = browser_page()
    settings.EMAIL_BACKEND = "orbis.mail.OutboxBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    url = live_server.url

    page.goto(f"{url}/")
    page.get_by_role("link", name="I am a teacher: sign up").click()
    page.locator("#id_email").fill("ana@school.test")
    page.locator("#id_password1").fill("a long pass phrase 42")
    page.locator("#id_password2").fill("a long pass phrase 42")
    page.get_by_label("I accept the rules of collaboration").check()
    page.get_by_role("button", name="Sign up").click()
    page.get_by_role("heading", name="Check your email").wait_for()

    link = confirmation_link(settings.EMAIL_FILE_PATH)
    assert link.startswith(url)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Welcome, ana@school.test").wait_for()

    page.get_by_role("link", name="Add your school").first.click()
    page.get_by_role("link", name="Add my school").click()
    page.get_by_label("School name").fill("Liceo Galilei")
    page.get_by_label("Country").select_option("IT")
    # htmx fills in the country's only time zone and its weekend.
    # (expect, not wait_for_function: the Content Security Policy forbids evaluating strings)
    expect(page.locator("#id_time_zone")).to_have_value("Europe/Rome")
    page.get_by_label("City or town").fill("Florence")
    page.get_by_role("button", name="Add school").click()
    page.get_by_role("heading", name="Liceo Galilei").wait_for()

    page.goto(f"{url}/classrooms/new/")
    page.get_by_label("Name").fill("3A Science")
    page.get_by_label("Grade").fill("Year 8")
    page.get_by_label("Youngest students (years)").fill("12")
    page.get_by_label("Oldest students (years)").fill("13")
    page.get_by_label("Number of students").fill("22")
    page.get_by_label("Science", exact=True).check()
    page.get_by_label("Languages of instruction").select_option(["it", "en"])
    page.get_by_label("13. Climate action").check()
    page.get_by_label("Collaborate").check()
    page.get_by_label("Tuesday").fill("9-10:30, 13:00-14:10")
    page.get_by_label("Thursday").fill("11:00-12:00")
    page.get_by_role("button", name="Add classroom").click()
    page.get_by_role("heading", name="3A Science").wait_for()
    assert "09:00–10:30, 13:00–14:10" in page.content()

    page.get_by_role("link", name="Dashboard").click()
    page.get_by_role("link", name="3A Science", exact=True).wait_for()
    screenshot(page, "dashboard-after-onboarding")

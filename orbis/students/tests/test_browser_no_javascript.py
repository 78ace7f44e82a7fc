"""Every page works with JavaScript off: a teacher adds her school and a student joins her class,
in a Chromium with JavaScript disabled (on a phone-sized screen)."""

import pytest

from orbis.classrooms.codes import display_code
from orbis.classrooms.models import Classroom

pytestmark = pytest.mark.browser


def test_teacher_adds_school_without_javascript(browser_page, screenshot, live_server, outsider):
    outsider.school = None
    outsider.save(update_fields=["school"])
    page = browser_page(javascript=False, width=390)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(outsider.email)
    page.locator("#id_password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Welcome, Outsider").wait_for()

    page.goto(f"{live_server.url}/school/new/")
    page.get_by_label("School name").fill("Dhaka Model School")
    page.get_by_label("Country").select_option("BD")
    page.get_by_label("City or town").fill("Dhaka")
    # No JavaScript: the time zone and weekend are left empty and filled in by the server.
    page.get_by_role("button", name="Add school").click()
    page.get_by_role("heading", name="Dhaka Model School").wait_for()
    assert "Asia/Dhaka" in page.content()
    assert "Friday, Saturday" in page.content()

    # A wrong term is refused with a message, and nothing is added.
    page.get_by_label("Name").fill("First term")
    page.get_by_label("First day").fill("2026-06-30")
    page.get_by_label("Last day").fill("2026-01-15")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator(".error-summary").get_by_text(
        "The last day comes before the first day."
    ).wait_for()
    assert "No terms or breaks yet." in page.content()
    screenshot(page, "school-without-javascript")


def test_student_joins_and_comes_back_without_javascript(
    browser_page, screenshot, live_server, classroom
):
    code = display_code(classroom.join_code).lower()  # typed loosely, as children do
    page = browser_page(javascript=False, width=390)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="I am a student: join my class").click()
    page.get_by_label("Class code").fill(code)
    page.get_by_label("Nickname").fill("Cóndor")
    page.get_by_text("Use only your nickname").wait_for()  # the rules come before the form
    page.get_by_label("I'll follow these rules").check()
    page.get_by_role("button", name="Join").click()
    page.get_by_role("heading", name="Hello, Cóndor!").wait_for()
    secret = page.locator("strong.code").inner_text()
    assert classroom.students.get(nickname="Cóndor").secret == secret
    screenshot(page, "student-space-without-javascript")

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="I am a student: join my class").click()
    page.get_by_label("Class code").fill(code)
    page.get_by_label("Nickname").fill("cóndor")
    page.get_by_role("button", name="Join").click()
    page.locator(".error-summary").get_by_text(
        "Someone in this class already uses this nickname"
    ).wait_for()
    page.get_by_label("Secret word (only if you joined before)").fill(secret)
    page.get_by_role("button", name="Join").click()
    page.get_by_role("heading", name="Hello, Cóndor!").wait_for()
    assert Classroom.objects.get(pk=classroom.pk).students.count() == 1

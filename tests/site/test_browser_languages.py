"""A visitor whose browser speaks Arabic or Ukrainian sees Orbis in her language, with the
layout mirrored for Arabic (right to left). Screenshots in test-artifacts/."""

import pytest
from django.utils import translation

from tests.builders import build_project

pytestmark = pytest.mark.browser


def translated(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_an_arabic_browser_gets_arabic_right_to_left(browser_page, screenshot, live_server):
    page = browser_page(locale="ar-EG")
    page.goto(f"{live_server.url}/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    heading = translated("ar", "Classrooms that learn with each other, across countries")
    assert heading != "Classrooms that learn with each other, across countries"
    page.get_by_role("heading", name=heading).wait_for()
    # Mirrored: the brand sits at the right end of the header, the menu to its left.
    brand = page.locator("header.site .brand").bounding_box()
    menu = page.locator("header.site nav a").first.bounding_box()
    assert brand["x"] > menu["x"]
    screenshot(page, "home-arabic")

    phone = browser_page(locale="ar", width=400)
    phone.goto(f"{live_server.url}/join/")
    phone.get_by_role("button", name=translated("ar", "Join")).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "student-join-arabic-phone")


def test_a_ukrainian_teacher_sees_her_dashboard_in_ukrainian(
    browser_page, screenshot, live_server, teacher, classroom
):
    teacher.language = ""
    teacher.save(update_fields=["language"])
    page = browser_page(locale="uk-UA")
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("html").get_attribute("dir") == "ltr"
    page.locator("#id_login").fill(teacher.email)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("#id_password").press("Enter")
    page.get_by_role("heading", name=translated("uk", "Your classrooms")).wait_for()
    page.get_by_role("link", name=translated("uk", "Find partners")).first.wait_for()
    screenshot(page, "dashboard-ukrainian")


def test_user_text_keeps_its_own_direction_in_an_arabic_page(
    browser_page, live_server, teacher, classroom
):
    """An English project title in an Arabic page is laid out left to right (its question
    mark at its end), an Arabic one right to left, whatever the page's direction."""
    project = build_project(classroom)
    project.central_question = "What is a school day like for our partner class?"
    project.save(update_fields=["central_question"])
    teacher.language = ""
    teacher.save(update_fields=["language"])
    page = browser_page(locale="ar")
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_login").fill(teacher.email)
    page.locator("#id_password").fill("correct horse battery")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(lambda address: "/accounts/login/" not in address)
    page.goto(f"{live_server.url}/projects/{project.token}/")
    question = page.locator("p.question")
    assert question.evaluate("element => getComputedStyle(element).direction") == "ltr"
    assert page.locator("html").get_attribute("dir") == "rtl"

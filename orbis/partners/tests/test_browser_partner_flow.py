"""In a real Chromium, a demo teacher finds a partner class abroad and connects with it in a
few clicks; the partner teacher accepts; both dashboards show the partnership."""

import pytest
from django.core.management import call_command

from orbis.accounts.models import User
from orbis.core.world import DEMO_TEACHER_EMAIL

pytestmark = pytest.mark.browser


def log_in(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill("orbis-demo")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Getting started").or_(
        page.get_by_role("heading", name="Your classrooms")
    ).first.wait_for()


def test_demo_teacher_connects_with_a_partner_abroad(browser_page, screenshot, live_server):
    call_command("demo", "--no-serve")
    url = live_server.url
    gisel = browser_page()
    log_in(gisel, url, DEMO_TEACHER_EMAIL)

    gisel.get_by_role("link", name="Find partners").first.click()
    gisel.get_by_role("heading", name="Find partner classes").wait_for()
    first = gisel.locator("ol.results li").first
    assert "your time" in first.inner_text() or "asynchronous" in first.inner_text()
    partner_name = first.locator("h2 a").inner_text()
    screenshot(gisel, "find-partners")
    first.locator("h2 a").click()

    gisel.get_by_label("A short introduction").fill(
        "Hola! We are a 6th grade in Rosario, Argentina, studying rivers and climate. "
        "Would your class like to compare our cities with us?"
    )
    gisel.get_by_role("button", name="Send request").click()
    gisel.get_by_text("Your request is sent.").wait_for()

    partner = User.objects.get(classrooms__name=partner_name)
    assert partner.school.country != "AR"
    other = browser_page()
    log_in(other, url, partner.email)
    other.get_by_role("link", name="1 partner request waits for your answer.").click()
    other.get_by_role("button", name="Accept").click()
    other.get_by_text("You are partners now.").wait_for()

    gisel.goto(f"{url}/dashboard/")
    gisel.get_by_text(f"with {partner_name}").wait_for()
    gisel.goto(f"{url}/notifications/")
    gisel.get_by_text("are now partners").wait_for()
    screenshot(gisel, "notifications-after-partnership")

"""On a 390-pixel phone, a classroom saved with a wrong timetable (the last fieldset of a very
long form) comes back with the error summary focused, on the first screen, with or without
JavaScript; its link takes the teacher to the wrong day."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
TOP = "el => el.getBoundingClientRect().top + window.scrollY"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_wrong_timetable_is_reported_at_the_top_and_focused(
    browser_page, live_server, login_client, teacher, classroom, screenshot, javascript
):
    page = browser_page(width=WIDTH, javascript=javascript)
    session = login_client(teacher).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("classroom_edit", args=[classroom.pk]))
    tuesday = page.locator("#id_day_1")
    tuesday.fill("13:00-12:00")
    assert tuesday.evaluate(TOP) > 2000  # far below the first screen
    page.get_by_role("button", name="Save classroom").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("There is 1 problem")
    assert summary.evaluate(TOP) < 800
    assert summary.evaluate("el => el.getBoundingClientRect().top") >= 0  # on screen
    screenshot(page, f"error-summary-classroom-390px-{'js' if javascript else 'nojs'}")

    summary.get_by_role("link", name="Tuesday").click()
    expect(tuesday).to_be_in_viewport()
    assert page.url.endswith("#id_day_1")

"""In a real Chromium, under the site's Content-Security-Policy: Jhansi translates a Spanish post
on the board in place (htmx), and without JavaScript on the post's page."""

import pytest

from .test_browser_board import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_post_is_translated_in_place_and_without_javascript(
    browser_page, live_server, spanish_post, partner_teacher, translator
):
    url = f"{live_server.url}/board/{spanish_post.project.token}/"
    jhansi = signed_in(browser_page, live_server, user=partner_teacher)
    jhansi.goto(url)
    assert jhansi.get_by_text("Written in Spanish").is_visible()
    jhansi.get_by_role("button", name="Translate").click()
    jhansi.locator(".translated").get_by_text("[es>en] Nuestro río").wait_for()
    assert jhansi.url == url  # swapped in place, no page change
    assert len(translator.requests) == 1

    plain = browser_page(javascript=False)
    plain.context.add_cookies(jhansi.context.cookies())
    plain.goto(url)
    plain.get_by_role("button", name="Translate").click()
    plain.locator(".translated").get_by_text("[es>en] Nuestro río").wait_for()
    assert "translated=1" in plain.url
    assert len(translator.requests) == 1  # the second time comes from the cache

"""In a real Chromium, with and without JavaScript: marking one notification read in place
(htmx swaps the row and the header's count) and choosing notification emails."""

import pytest

from orbis.notifications.models import Notification, NotificationPreference

from .conftest import REQUEST_PARAMS, REQUEST_TEXT

pytestmark = pytest.mark.browser


def log_in(page, url):
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill("gisel@school.test")
    page.locator("#id_password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Log out").or_(
        page.get_by_role("button", name="Log out")
    ).wait_for()


@pytest.fixture
def two_unread(teacher):
    return [
        Notification.objects.create(
            recipient=teacher,
            kind=Notification.Kind.PARTNER_REQUEST,
            params=REQUEST_PARAMS,
            url="/",
        )
        for _ in range(2)
    ]


@pytest.mark.parametrize("javascript", [True, False])
def test_mark_one_read_from_the_list(browser_page, live_server, screenshot, two_unread, javascript):
    page = browser_page(javascript=javascript)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/notifications/")
    header = page.locator("header.site")
    header.get_by_label("2 unread").wait_for()
    first = page.locator(f"#notification-{two_unread[1].pk}")
    assert REQUEST_TEXT in first.inner_text()
    first.get_by_role("button", name="Mark as read").click()
    header.get_by_label("1 unread").wait_for()
    page.locator(f"#notification-{two_unread[1].pk}:not(.unread)").wait_for()
    row = page.locator(f"#notification-{two_unread[1].pk}")
    assert row.get_by_role("button", name="Mark as read").count() == 0
    screenshot(page, f"notifications-one-read-{'js' if javascript else 'nojs'}")
    page.locator(f"#notification-{two_unread[0].pk}").get_by_role(
        "button", name="Mark as read"
    ).click()
    page.locator("header.site").get_by_role("link", name="Notifications", exact=True).wait_for()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_choose_notification_emails(browser_page, live_server, teacher, screenshot):
    page = browser_page(javascript=False)
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("link", name="Choose which emails you get").click()
    board = page.get_by_role("group", name="New post on a project board")
    board.get_by_label("Off").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Your notification emails are saved.").wait_for()
    screenshot(page, "notification-preferences")
    assert NotificationPreference.objects.get(user=teacher, kind="board_post").email == "off"

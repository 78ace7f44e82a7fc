"""The notification centre: marking one read without leaving (plain form or htmx), the
unread-only filter, and the header count that follows."""

import pytest
from django.urls import reverse

from orbis.notifications.models import Notification

from .conftest import REQUEST_TEXT

HTMX = {"HX-Request": "true"}


def read_url(notification) -> str:
    return reverse("notification_read", args=[notification.pk])


def test_unread_rows_are_highlighted_with_a_mark_read_button(teacher_client, teacher, note):
    unread = note(teacher)
    read = note(teacher, read_at="2026-01-01T00:00Z")
    page = teacher_client.get(reverse("notification_list")).text
    assert f'id="notification-{unread.pk}" class="card unread"' in page
    assert f'id="notification-{read.pk}" class="card"' in page
    assert f'action="{read_url(unread)}"' in page
    assert f'hx-post="{read_url(unread)}"' in page
    assert read_url(read) not in page


def test_marking_one_read_with_a_plain_form_goes_back_to_the_list(teacher_client, teacher, note):
    notification = note(teacher)
    other = note(teacher)
    response = teacher_client.post(read_url(notification))
    assert response.status_code == 302
    assert response["Location"] == reverse("notification_list")
    notification.refresh_from_db()
    other.refresh_from_db()
    assert notification.read_at is not None
    assert other.read_at is None
    assert teacher_client.get(reverse("dashboard")).context["unread_notifications"] == 1


def test_marking_read_returns_to_the_page_she_was_on(teacher_client, teacher, note):
    back = reverse("notification_list") + "?unread=1&page=2"
    response = teacher_client.post(read_url(note(teacher)), {"next": back})
    assert response["Location"] == back
    # Only the list's own parameters come back, escaped.
    odd = reverse("notification_list") + "?page=2%22%3E&evil=1&unread="
    response = teacher_client.post(read_url(note(teacher)), {"next": odd})
    assert response["Location"] == reverse("notification_list") + "?page=2%22%3E"


@pytest.mark.parametrize(
    "back",
    [
        "https://evil.example/notifications/",
        "//evil.example/notifications/",
        "/notifications/\\\\evil.example",
        "/dashboard/",
        "/notifications/x/",
        "/notifications/" + "x" * 5000,
        "javascript:alert(1)",
        "",
    ],
)
def test_marking_read_never_goes_elsewhere(teacher_client, teacher, note, back):
    response = teacher_client.post(read_url(note(teacher)), {"next": back})
    assert response.status_code == 302
    assert response["Location"] == reverse("notification_list")


def test_marking_read_again_keeps_the_first_time(teacher_client, teacher, note):
    notification = note(teacher, read_at="2026-01-01T00:00Z")
    assert teacher_client.post(read_url(notification)).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at.isoformat().startswith("2026-01-01T00:00")


def test_marking_read_with_htmx_returns_the_row_and_the_new_count(teacher_client, teacher, note):
    notification = note(teacher)
    note(teacher)
    note(teacher)
    response = teacher_client.post(read_url(notification), headers=HTMX)
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html
    assert f'<li id="notification-{notification.pk}" class="card">' in html
    assert REQUEST_TEXT in html
    assert read_url(notification) not in html  # no button on a read row
    # The header's link gets the new count in place (an out-of-band swap).
    assert """hx-swap-oob='innerHTML:header.site a[href="/notifications/"]'""" in html
    assert 'aria-label="2 unread">2</span>' in html
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_marking_the_last_one_read_with_htmx_clears_the_count(teacher_client, teacher, note):
    response = teacher_client.post(read_url(note(teacher)), headers=HTMX)
    assert "unread" not in response.text.split("hx-swap-oob", 1)[1]


def test_the_header_link_the_swap_targets_exists(teacher_client, teacher, note):
    note(teacher)
    page = teacher_client.get(reverse("dashboard")).text
    header = page.split('<header class="site">', 1)[1].split("</header>", 1)[0]
    assert header.count('href="/notifications/"') == 1


def test_unread_filter_shows_only_unread(teacher_client, teacher, outsider, note):
    unread = note(teacher)
    note(teacher, read_at="2026-01-01T00:00Z")
    note(outsider)
    response = teacher_client.get(reverse("notification_list"), {"unread": "1"})
    assert list(response.context["page"].object_list) == [unread]
    assert response.context["unread_only"] is True
    everything = teacher_client.get(reverse("notification_list"))
    assert len(everything.context["page"].object_list) == 2
    assert "?unread=1" in everything.text


def test_unread_filter_says_when_all_is_read(teacher_client, teacher, note):
    note(teacher, read_at="2026-01-01T00:00Z")
    response = teacher_client.get(reverse("notification_list"), {"unread": "1"})
    assert "You have read everything." in response.text


def test_unread_filter_keeps_itself_across_pages(teacher_client, teacher, note):
    for _ in range(31):
        note(teacher)
    response = teacher_client.get(reverse("notification_list"), {"unread": "1"})
    assert "unread=1&amp;page=2" in response.text
    second = teacher_client.get(reverse("notification_list"), {"unread": "1", "page": "2"})
    assert len(second.context["page"].object_list) == 1


@pytest.mark.parametrize(
    "query",
    [
        {"unread": "yes"},
        {"unread": "0"},
        {"unread": "\x00"},
        {"unread": "1" * 10_000},
        {"unread": ["1", "x"]},
        {"unread": "1", "page": "-5"},
        {"unread": "1", "page": "1e9"},
    ],
)
def test_hostile_filters_answer_a_page(teacher_client, teacher, note, query):
    note(teacher)
    response = teacher_client.get(reverse("notification_list"), query)
    assert response.status_code == 200


def test_an_off_site_url_in_a_row_is_still_a_link_to_open_it(teacher_client, teacher, note):
    """Rows link to the open view, which refuses to redirect off site (tested there)."""
    note(teacher, url="https://evil.example/")
    page = teacher_client.get(reverse("notification_list")).text
    assert "evil.example" not in page
    assert Notification.objects.count() == 1

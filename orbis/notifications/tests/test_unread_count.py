"""The header's unread count is asked once per page, and only by pages that show it."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from orbis.notifications.context_processors import UnreadCount, unread_notifications
from orbis.notifications.models import Notification

pytestmark = pytest.mark.django_db

SHOWN = (
    "{% load i18n %}{% if unread_notifications %}{% blocktranslate count "
    "counter=unread_notifications %}{{ counter }} unread{% plural %}{{ counter }} unread"
    "{% endblocktranslate %} {{ unread_notifications }}{% endif %}"
)


def _unread(teacher, n):
    for _ in range(n):
        Notification.objects.create(recipient=teacher, kind="suggestions", params={}, url="/")


@pytest.mark.parametrize("language", ["en", "ar"])  # Arabic's plural rule computes with it
def test_a_page_that_shows_it_counts_once(rf, teacher, language):
    _unread(teacher, 3)
    request = rf.get("/")
    request.user = teacher
    with translation.override(language), CaptureQueriesContext(connection) as queries:
        html = engines["django"].from_string(SHOWN).render({}, request)
    assert len(queries) == 1
    assert html.endswith(" 3")


def test_a_fragment_that_does_not_show_it_asks_nothing(rf, teacher):
    _unread(teacher, 2)
    request = rf.get("/")
    request.user = teacher
    with CaptureQueriesContext(connection) as queries:
        engines["django"].from_string("<p>{{ request.path }}</p>").render({}, request)
    assert len(queries) == 0


def test_the_count_compares_as_a_number(rf, teacher):
    _unread(teacher, 1)
    request = rf.get("/")
    request.user = teacher
    count = unread_notifications(request)["unread_notifications"]
    assert isinstance(count, UnreadCount)
    assert count == 1 and count() == 1
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert unread_notifications(request) == {}

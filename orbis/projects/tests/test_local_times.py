"""The project page says what time it is now at each class's school, in that school's zone
(never in the server's)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_each_class_shows_its_own_wall_clock_time_now(teacher_client, partnered):
    # 22:51 UTC on Monday 14 December 2026: 19:51 on Monday in Rosario (UTC-3), 04:21 on
    # Tuesday in Delhi (UTC+5:30).
    with time_machine.travel(datetime(2026, 12, 14, 22, 51, tzinfo=UTC), tick=False):
        page = teacher_client.get(reverse("project_detail", args=[partnered.token])).text
    assert "Mon 19:51 there now" in page
    assert "Tue 04:21 there now" in page
    assert "22:51" not in page

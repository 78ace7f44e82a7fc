"""What several of the partners app's test files use: the week the partner search is frozen on,
Jhansi's class as a partner fits Gisel's, and Jhansi's client."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.factories import AvailabilityPeriodFactory, ClassroomFactory

# A Tuesday; Monday 9 March 00:00 UTC starts the week the search looks at. Before 29 March, so
# Paris and Madrid are on winter time (UTC+1).
FROZEN = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen_time():
    with time_machine.travel(FROZEN, tick=False):
        yield


@pytest.fixture
def jhansis_class(partner_teacher):
    """Jhansi's class, ages 11-13, English and Hindi, Tuesday 21:00-23:00 in Delhi (a file that
    wants it as `delhi` says so in one line).

    Argentina is UTC−3 all year and India UTC+5:30 all year (neither changes its clocks), so:
      Gisel:  Tue 13:00–14:10 in Rosario = Tue 16:00–17:10 UTC
      Jhansi: Tue 21:00–23:00 in Delhi   = Tue 15:30–17:30 UTC
      both:   Tue 16:00–17:10 UTC = 70 minutes = "1 h 10 min", which is
              Tue 13:00–14:10 for Gisel (16:00 − 3 h) and Tue 21:30–22:40 for Jhansi
              (16:00 + 5 h 30 min).
    """
    room = ClassroomFactory(
        teacher=partner_teacher,
        name="Class of Delhi",
        age_min=11,
        age_max=13,
        languages=["en", "hi"],
    )
    AvailabilityPeriodFactory(classroom=room, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    return room


@pytest.fixture
def jhansi_client(partner_teacher, login_client):
    return login_client(partner_teacher)

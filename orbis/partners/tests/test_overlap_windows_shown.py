"""The live overlap a teacher reads beside a partner lists only windows long enough for a
session (issue 16): a 5-minute overlap is no meeting time, on the search results, the partner
classroom page and the suggestions of `orbis match`.

Rosario (UTC−3) and Delhi (UTC+5:30) keep one offset all year; time is frozen on Tuesday
10 March 2026 (conftest.py):
  Gisel:  Tue, Thu 07:40–08:30 in Rosario = 10:40–11:30 UTC; Wed 13:00–14:10 = 16:00–17:10 UTC
  Jhansi: Tue, Thu 16:00–17:00 in Delhi   = 10:30–11:30 UTC; Wed 22:35–23:00 = 17:05–17:30 UTC
  both:   Tue, Thu 50 minutes (Rosario 07:40–08:30, Delhi 16:10–17:00) and, on Wednesday,
          5 minutes (Rosario 14:05–14:10), too short for a session.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.usefixtures("frozen_time")

GISEL_SEES = "1 h 40 min a week overlap, Tue, Thu 07:40–08:30 your time"
JHANSI_SEES = "1 h 40 min a week overlap, Tue, Thu 16:10–17:00 your time"


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def with_periods(room, *periods):
    for weekday, start, end in periods:
        AvailabilityPeriodFactory(
            classroom=room, weekday=weekday, start_minute=hm(start), end_minute=hm(end)
        )
    return room


@pytest.fixture
def rosario(teacher):
    room = ClassroomFactory(teacher=teacher, name="6th grade B", languages=["es", "en"])
    return with_periods(room, (1, "07:40", "08:30"), (3, "07:40", "08:30"), (2, "13:00", "14:10"))


@pytest.fixture
def delhi(partner_teacher):
    room = ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])
    return with_periods(room, (1, "16:00", "17:00"), (3, "16:00", "17:00"), (2, "22:35", "23:00"))


def test_search_results_list_only_windows_long_enough(teacher_client, rosario, delhi):
    response = teacher_client.get(reverse("partner_search"))
    [(result, why)] = response.context["page"].object_list
    assert result.classroom == delhi
    assert result.compatibility.overlap_minutes == 100
    assert why[2] == GISEL_SEES
    assert GISEL_SEES in response.text
    assert "14:05" not in response.text


def test_the_other_side_reads_the_same_windows_in_her_time(jhansi_client, rosario, delhi):
    [(_result, why)] = jhansi_client.get(reverse("partner_search")).context["page"].object_list
    assert why[2] == JHANSI_SEES


def test_the_partner_classroom_page_lists_only_windows_long_enough(teacher_client, rosario, delhi):
    response = teacher_client.get(reverse("partner_classroom", args=[delhi.pk]))
    [(mine, why)] = response.context["fits"]
    assert mine == rosario
    assert why[2] == GISEL_SEES
    assert GISEL_SEES in response.text
    assert "14:05" not in response.text


def test_suggestions_of_orbis_match_list_only_windows_long_enough(
    teacher_client, jhansi_client, rosario, delhi
):
    call_command("match", stdout=StringIO())
    response = teacher_client.get(reverse("partner_suggestions"))
    [(suggestion, why)] = response.context["rows"]
    assert suggestion.partner == delhi
    assert why[2] == GISEL_SEES
    assert GISEL_SEES in response.text
    [(_suggestion, why)] = jhansi_client.get(reverse("partner_suggestions")).context["rows"]
    assert why[2] == JHANSI_SEES


def test_only_a_five_minute_overlap_is_no_common_live_time(teacher_client, teacher, delhi):
    with_periods(ClassroomFactory(teacher=teacher, name="Wednesday only"), (2, "13:00", "14:10"))
    [(result, why)] = teacher_client.get(reverse("partner_search")).context["page"].object_list
    assert result.classroom == delhi
    assert result.compatibility.overlap_minutes == 0
    assert why[2] == "no common live time: asynchronous exchange"


def test_a_window_across_the_week_end_reads_as_one(login_client, db):
    """Monday 00:00 UTC, where the week wraps, is Monday 09:00 in Tokyo and 13:00 in Auckland
    (NZDT, UTC+13, until 5 April): Tokyo 08:40–09:30 and Auckland 12:30–13:20 share
    Sunday 23:40 to Monday 00:20 UTC, one window of 40 minutes in two parts."""
    rooms = {}
    for country, zone, start, end in [
        ("JP", "Asia/Tokyo", "08:40", "09:30"),
        ("NZ", "Pacific/Auckland", "12:30", "13:20"),
    ]:
        school = SchoolFactory(country=country, city=zone, time_zone=zone)
        room = ClassroomFactory(teacher=TeacherFactory(school=school), name=f"Class in {zone}")
        rooms[country] = with_periods(room, (0, start, end))
    response = login_client(rooms["JP"].teacher).get(reverse("partner_search"))
    [(result, why)] = response.context["page"].object_list
    assert result.classroom == rooms["NZ"]
    assert why[2] == "40 min a week overlap, Mon 08:40–09:20 your time"

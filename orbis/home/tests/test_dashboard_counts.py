"""The dashboard reads its counts in one SQL query: each equals what the ORM counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orbis.board.selectors import waiting_count
from orbis.challenges.models import ChallengeEntry
from orbis.home.selectors import _joining, _waiting_answers, dashboard_counts
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.schools.models import SchoolTerm
from tests.site.scale import grow
from tests.site.world import build_world

pytestmark = pytest.mark.django_db


def orm_counts(teacher) -> dict:
    return {
        "partner_requests": PartnerRequest.objects.filter(
            to_classroom__teacher=teacher, status=PartnerRequest.Status.PENDING
        ).count(),
        "suggestions": PartnerSuggestion.objects.filter(
            classroom__teacher=teacher,
            status=PartnerSuggestion.Status.OPEN,
            partner__looking_for_partners=True,
        ).count(),
        "join_requests": _joining(teacher).exists(),
        "board_items": waiting_count(teacher),
        "reflections": _waiting_answers(teacher).exists(),
        "challenge_entries": ChallengeEntry.objects.filter(
            classroom__teacher=teacher, status=ChallengeEntry.Status.PENDING
        ).count(),
        "school_terms": SchoolTerm.objects.filter(school_id=teacher.school_id).exists(),
        "unread_notifications": teacher.notifications.filter(read_at__isnull=True).count(),
    }


def test_every_count_is_the_orms_for_every_teacher(settings):
    settings.NEW_ACCOUNT_DAYS = -1
    world = build_world()
    grow(world, 2)
    gisel = world.users["owner"]
    seen = orm_counts(gisel)
    # Gisel's world has something of every kind, so no count is trivially zero.
    assert all(seen.values()), seen
    for teacher in world.users.values():
        if getattr(teacher, "is_authenticated", False):
            assert vars(dashboard_counts(teacher=teacher)) == orm_counts(teacher), teacher


def test_a_teacher_without_a_school_or_anything_waiting(teacher):
    teacher.school = None
    teacher.save()
    counts = dashboard_counts(teacher=teacher)
    assert vars(counts) == orm_counts(teacher)
    assert not any(vars(counts).values())


def test_the_dashboard_asks_no_query_for_the_headers_unread_count(teacher_client, teacher):
    Notification.objects.create(recipient=teacher, kind="suggestions", params={}, url="/")
    with CaptureQueriesContext(connection) as queries:
        page = teacher_client.get(reverse("dashboard"))
    counted = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert not counted, counted
    assert page.context["unread_notifications"] == 1
    assert '<span class="tag" aria-label="1 unread">1</span>' in page.content.decode()

"""From the assistant to a shared plan: a teacher in Argentina builds a project, a teacher in
India joins it, both see the same dated plan and the clash check."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orbis.notifications.models import Notification
from orbis.projects.models import JoinRequest, Membership, Project
from tests.factories import ClassroomFactory

pytestmark = pytest.mark.django_db


def run_assistant(client, classroom, *, weeks=4, mode="live", approach="", start=None):
    start = start or timezone.localdate() + timedelta(days=10)
    steps = {
        "class": {
            "classroom": classroom.pk,
            "age_min": 10,
            "age_max": 12,
            "subject": "social-studies",
        },
        "goals": {"competencies": ["intercultural-communication", "empathy"], "sdgs": ["4"]},
        "time": {"weeks": weeks, "start": start.isoformat(), "mode": mode, "approach": approach},
        "languages": {"languages": ["es", "en"], "text_language": "en", "max_partners": 2},
    }
    for step, data in steps.items():
        response = client.post(reverse("project_assistant", args=[step]), data)
        assert response.status_code == 302, response.context["form"].errors
    preview = client.get(reverse("project_assistant_preview"))
    assert preview.status_code == 200
    response = client.post(reverse("project_assistant_preview"))
    assert response.status_code == 302
    return Project.objects.latest("pk")


def test_assistant_builds_a_dated_draft_plan(teacher_client, classroom):
    project = run_assistant(teacher_client, classroom)
    assert project.status == Project.Status.DRAFT
    assert project.template_key
    assert set(project.activities.values_list("phase", flat=True)) == {
        "definition",
        "execution",
        "reflection",
        "dissemination",
    }
    page = teacher_client.get(reverse("project_detail", args=[project.token]))
    assert page.status_code == 200
    assert b"<svg" in page.content
    assert project.title.encode() in page.content


def test_partner_joins_and_both_see_the_plan(teacher_client, classroom, teacher, partner_teacher):
    project = run_assistant(teacher_client, classroom)
    response = teacher_client.post(
        reverse("project_status", args=[project.token]), {"status": "open"}
    )
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN
    delhi = ClassroomFactory(teacher=partner_teacher, name="Class of Delhi")
    client = Client()
    client.force_login(partner_teacher)
    listing = client.get(reverse("project_list"))
    assert project.title.encode() in listing.content
    response = client.post(
        reverse("project_join", args=[project.token]),
        {"classroom": delhi.pk, "message": "Namaste!"},
    )
    assert response.status_code == 302
    join = JoinRequest.objects.get(project=project)
    assert Notification.objects.filter(recipient=teacher, kind="join_request").exists()
    teacher_client.post(reverse("project_join_accept", args=[join.pk]))
    assert Membership.objects.filter(project=project, classroom=delhi).exists()
    mine = teacher_client.get(reverse("project_detail", args=[project.token]))
    theirs = client.get(reverse("project_detail", args=[project.token]))
    for page in (mine, theirs):
        assert page.status_code == 200
        assert b"Class of Delhi" in page.content and b"6th grade B" in page.content
    ics = client.get(reverse("project_ics", args=[project.token]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert ics.content.count(b"BEGIN:VEVENT") == (
        project.activities.count() + project.milestones.count() + project.sessions.count()
    )

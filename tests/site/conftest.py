"""Fixtures of the site-wide route suites (permissions, security sweeps, open redirects): the
world every URL of the role matrix is asked in. Personas come from the root conftest."""

import pytest
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.models import JoinRequest, Membership, Project, new_token
from tests.factories import ClassroomFactory, SchoolTermFactory
from tests.site.route_world import draft_project


@pytest.fixture
def world(teacher, classroom, student, partner_teacher):
    """Gisel's objects, a term of her school, Jhansi's classroom that asked hers to be
    partners (Gisel is the one to answer), a suggestion and a notification for Gisel.
    Projects: Gisel's draft plan, with Delhi as a partner class and another of Jhansi's
    classrooms asking to join (Gisel answers), and Jhansi's open project that Gisel's
    classroom asked to join (Gisel may withdraw)."""
    term = SchoolTermFactory(school=teacher.school, name="Primer cuatrimestre")
    delhi = ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])
    partner_request = PartnerRequest.objects.create(
        from_classroom=delhi, to_classroom=classroom, introduction="Namaste from Delhi, friends!"
    )
    suggestion = PartnerSuggestion.objects.create(classroom=classroom, partner=delhi, score=80)
    notification = Notification.objects.create(
        recipient=teacher,
        kind=Notification.Kind.PARTNER_REQUEST,
        params={
            "teacher": "Jhansi",
            "country": "India",
            "classroom": "6th grade B",
            "their_classroom": "Class of Delhi",
        },
        url=reverse("partner_requests"),
    )
    project = draft_project(teacher, classroom)
    partner = Membership.objects.create(project=project, classroom=delhi)
    asking = ClassroomFactory(teacher=partner_teacher, name="7th grade C", languages=["en"])
    join = JoinRequest.objects.create(project=project, classroom=asking, message="Hello!")
    theirs = draft_project(partner_teacher, delhi, title="Festivals of light")
    Project.objects.filter(pk=theirs.pk).update(status=Project.Status.OPEN)
    sent = JoinRequest.objects.create(project=theirs, classroom=classroom, message="Hola!")
    return {
        "classroom": classroom.pk,
        "student": student.pk,
        "term": term.pk,
        "school": teacher.school_id,
        "partner_classroom": delhi.pk,
        "request": partner_request.pk,
        "suggestion": suggestion.pk,
        "notification": notification.pk,
        "project": project.token,
        "activity": project.activities.get().pk,
        "membership": partner.pk,
        "join": join.pk,
        "sent_join": sent.pk,
    }


@pytest.fixture
def missing_ids(world):
    """Ids nobody has, and a project link nobody was given."""
    return {
        kind: new_token() if isinstance(value, str) else value + 10_000
        for kind, value in world.items()
    }

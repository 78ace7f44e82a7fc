"""On Gisel's running project with Jhansi's class in Delhi as partner (`partnered`, root
conftest), one of each thing that can be reported, all by Jhansi: a post, a comment on it, a
live session, and her profile."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orbis.board.models import Comment, Post
from orbis.live.models import LiveSession, LiveSessionClass
from orbis.projects.models import Project
from tests.builders import build_project

MEET = "https://meet.jit.si/orbis-moderation"


@pytest.fixture
def post(partnered, delhi, partner_teacher):
    return Post.objects.create(
        project=partnered,
        classroom=delhi,
        author_teacher=partner_teacher,
        phase="definition",
        title="Our river",
        body="Call me on +91 5555 5555",
    )


@pytest.fixture
def comment(post, delhi, partner_teacher):
    return Comment.objects.create(
        post=post, classroom=delhi, author_teacher=partner_teacher, body="Nasty words here"
    )


@pytest.fixture
def session(partnered, classroom, delhi, partner_teacher):
    found = LiveSession.objects.create(
        project=partnered,
        title="River talk",
        starts_at=timezone.now() + timedelta(days=3),
        minutes=45,
        meeting_url=MEET,
        created_by=partner_teacher,
    )
    for room in (classroom, delhi):
        LiveSessionClass.objects.create(session=found, classroom=room)
    return found


@pytest.fixture
def jhansi_project(delhi):
    """A project Jhansi owns, open to anyone holding its link."""
    return build_project(delhi, status=Project.Status.OPEN)


@pytest.fixture
def targets(post, comment, session, jhansi_project, partner_teacher) -> dict:
    """Every kind of target with the reference its report URL takes."""
    return {
        "post": (post, str(post.pk)),
        "comment": (comment, str(comment.pk)),
        "session": (session, str(session.pk)),
        "project": (jhansi_project, jhansi_project.token),
        "profile": (partner_teacher, str(partner_teacher.pk)),
    }


def report_url(kind, ref) -> str:
    return reverse("moderation_report", args=[kind, ref])

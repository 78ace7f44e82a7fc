"""A small world around Gisel: her class (Puma, Zorrito) shares projects with Jhansi's class
(Tigre). Work, files, notifications, login records and a session exist on both sides."""

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from orbis.board import services as board
from orbis.board.models import Post
from orbis.live.models import CalendarFeed, LiveSession
from orbis.notifications.models import Notification, NotificationPreference
from orbis.notifications.services import notify
from orbis.projects.models import Project
from tests.builders import add_partner, build_project, enter, open_challenge
from tests.factories import ClassroomFactory, StudentFactory
from tests.samples import png_upload

# What must not survive Gisel's deletion, anywhere in the database.
GISEL_STRINGS = ["gisel@school.test", "Gisel", "Puma", "Zorrito"]


@dataclass
class World:
    gisel: object
    jhansi: object
    gisel_class: object
    jhansi_class: object
    puma: object
    gisels_project: Project  # owned by Gisel, Jhansi's class is a partner
    jhansis_project: Project  # owned by Jhansi, Gisel's class is a partner
    solo_project: Project  # only Gisel's class
    gisel_post: Post  # Gisel's own post in Jhansi's project
    puma_post: Post
    jhansi_post: Post


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return set()
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def post(project, classroom, title, *, teacher=None, student=None, files=True):
    name = title.lower().replace(" ", "-")
    uploads = [png_upload(f"{name}.png")] if files else []
    return board.post_create(
        project=project,
        classroom=classroom,
        phase="execution",
        title=title,
        body=f"About {title}.",
        uploads=uploads,
        teacher=teacher,
        student=student,
    )


def identifying_rows(strings) -> list[str]:
    """Every text, char and JSON value of every model that contains one of the strings."""
    found = []
    for model in apps.get_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not names:
            continue
        for row in model.objects.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                for string in strings:
                    if string.lower() in text.lower():
                        found.append(f"{model._meta.label}.{name} #{row[0]}: {string}")
    return found


@pytest.fixture
def world(teacher, classroom, student, partner_teacher, client):
    zorrito = StudentFactory(classroom=classroom, nickname="Zorrito")
    delhi = ClassroomFactory(teacher=partner_teacher, name="Delhi 7A")
    tigre = StudentFactory(classroom=delhi, nickname="Tigre")
    classroom.student_posts_need_approval = False
    classroom.save()
    gisels = build_project(classroom, status=Project.Status.RUNNING)
    add_partner(gisels, delhi)
    jhansis = build_project(delhi, status=Project.Status.RUNNING)
    add_partner(jhansis, classroom)
    solo = build_project(classroom, status=Project.Status.RUNNING)

    gisel_post = post(jhansis, classroom, "Our river", teacher=teacher)
    puma_post = post(jhansis, classroom, "My drawing", student=student)
    jhansi_post = post(jhansis, delhi, "Delhi river", teacher=partner_teacher)
    post(jhansis, delhi, "Tiger drawing", student=tigre)
    post(gisels, classroom, "Plan notes", teacher=teacher)
    post(gisels, delhi, "Hello from Delhi", teacher=partner_teacher)
    post(solo, classroom, "Solo work", student=zorrito)
    board.comment_create(post=jhansi_post, starter="like", body="Lovely!", student=student)
    board.comment_create(post=jhansi_post, starter="", body="Thank you all", teacher=teacher)
    board.comment_create(post=gisel_post, starter="", body="Great", teacher=partner_teacher)
    board.reaction_toggle(post=jhansi_post, kind="heart", teacher=teacher)
    board.reaction_toggle(post=jhansi_post, kind="clap", student=zorrito)
    enter(open_challenge(), classroom, student=student, files=[png_upload("city.png")])

    LiveSession.objects.create(
        project=jhansis,
        title="First call",
        starts_at=timezone.now() + timedelta(days=3),
        minutes=40,
        meeting_url="https://meet.example.org/abc",
        created_by=teacher,
    )
    CalendarFeed.objects.create(teacher=teacher)
    NotificationPreference.objects.create(user=teacher, kind="board_post", email="off")
    notify(
        recipient=partner_teacher,
        kind=Notification.Kind.BOARD_COMMENT,
        params={"author": "Puma", "classroom": classroom.name, "title": "x", "project": "y"},
        url="/x/",
    )
    EmailAddress.objects.get_or_create(
        user=teacher, email=teacher.email, defaults={"verified": True, "primary": True}
    )
    AccessAttempt.objects.create(
        username=teacher.email, ip_address="10.0.0.1", user_agent="test", failures_since_start=1
    )
    client.force_login(teacher)
    return World(
        gisel=teacher,
        jhansi=partner_teacher,
        gisel_class=classroom,
        jhansi_class=delhi,
        puma=student,
        gisels_project=gisels,
        jhansis_project=jhansis,
        solo_project=solo,
        gisel_post=gisel_post,
        puma_post=puma_post,
        jhansi_post=jhansi_post,
    )

"""A completed project with classes in Argentina, India and Ukraine, and board posts to show:
a student's post with a picture and a PDF, a teacher's post, a pending and a flagged one."""

import pytest
from django.utils import timezone

from orbis.board import services as board
from orbis.board.models import Post
from orbis.projects.models import Project
from orbis.showcase import services
from orbis.showcase.models import Showcase
from tests.builders import add_partner, foreign_classroom
from tests.factories import StudentFactory
from tests.samples import pdf_upload, png_upload

TITLE = "Water in our lives"


def make_post(project, classroom, *, title, student=None, teacher=None, uploads=(), approve=True):
    post = board.post_create(
        project=project,
        classroom=classroom,
        phase="execution",
        title=title,
        body=f"Text of {title}",
        uploads=list(uploads),
        teacher=teacher if student is None else None,
        student=student,
    )
    if approve:
        Post.objects.filter(pk=post.pk).update(status=Post.Status.APPROVED)
        post.refresh_from_db()
    return post


@pytest.fixture
def kyiv():
    return foreign_classroom("UA", "Клас 5-А")


@pytest.fixture
def project(project, delhi, kyiv):
    """Gisel's running project with Delhi and Kyiv as partners: running while its board fills,
    then completed (the board's services write only to a project that is not archived)."""
    Project.objects.filter(pk=project.pk).update(title=TITLE, sdgs=[6, 13])
    project.refresh_from_db()
    add_partner(project, delhi)
    add_partner(project, kyiv)
    return project


@pytest.fixture
def posts(project, classroom, student, teacher, delhi, partner_teacher):
    tiger = StudentFactory(classroom=delhi, nickname="Tigre")
    return {
        "puma": make_post(
            project,
            classroom,
            title="Our river",
            student=student,
            uploads=[png_upload("river.png"), pdf_upload()],
        ),
        "teacher": make_post(project, classroom, title="Plan of the week", teacher=teacher),
        "tiger": make_post(
            project, delhi, title="The Yamuna", student=tiger, uploads=[png_upload("yamuna.png")]
        ),
        "pending": make_post(
            project, classroom, title="Not yet approved", student=student, approve=False
        ),
        "flagged": _flagged(
            make_post(project, delhi, title="Flagged post", teacher=partner_teacher),
            partner_teacher,
        ),
    }


def _flagged(post, by):
    Post.objects.filter(pk=post.pk).update(flagged_at=timezone.now(), flagged_by=by)
    post.refresh_from_db()
    return post


@pytest.fixture
def completed(project, posts):
    Project.objects.filter(pk=project.pk).update(status=Project.Status.COMPLETED)
    project.refresh_from_db()
    return project


@pytest.fixture
def showcase(completed):
    return services.showcase_of(completed)


@pytest.fixture
def published(showcase, posts, teacher):
    """Puma's post (a picture and a PDF) and the Delhi class's post, no consent yet."""
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk, posts["tiger"].pk])
    services.publish(showcase, by=teacher)
    showcase.refresh_from_db()
    assert showcase.status == Showcase.Status.PUBLISHED
    return showcase

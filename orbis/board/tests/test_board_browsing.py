"""Browsing the board: its filters, what is new since the last visit, the gallery and the
files, served only to whoever may see their post."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from orbis.board import services
from tests.helpers import student_client_for
from tests.samples import pdf_upload, png_upload

from .test_board_views import board_url, post_as_teacher

pytestmark = pytest.mark.django_db


# ---- filters ------------------------------------------------------------------------------------


@pytest.fixture
def mixed_board(partnered, classroom, delhi):
    return {
        "text": post_as_teacher(partnered, classroom, title="Only words", phase="definition"),
        "image": post_as_teacher(
            partnered, classroom, title="A drawing", uploads=[png_upload()], phase="execution"
        ),
        "pdf": post_as_teacher(
            partnered, delhi, title="Delhi report", uploads=[pdf_upload()], phase="execution"
        ),
    }


def titles(response) -> set[str]:
    return {card.post.title for card in response.context["cards"]}


def test_filters_by_phase_class_and_type(teacher_client, partnered, delhi, mixed_board):
    get = teacher_client.get
    assert titles(get(board_url(partnered))) == {"Only words", "A drawing", "Delhi report"}
    assert titles(get(board_url(partnered, phase="execution"))) == {"A drawing", "Delhi report"}
    assert titles(get(board_url(partnered, classroom=delhi.pk))) == {"Delhi report"}
    assert titles(get(board_url(partnered, kind="text"))) == {"Only words"}
    assert titles(get(board_url(partnered, kind="image"))) == {"A drawing"}
    assert titles(get(board_url(partnered, kind="pdf", phase="execution"))) == {"Delhi report"}


@pytest.mark.parametrize(
    "query",
    [
        "phase=%3Cscript%3E",
        "classroom=abc",
        "classroom=999999999999999999999999",
        "classroom=-1",
        "kind=exe",
        "new=maybe",
        "page=-3",
        "page=abc",
        "phase=" + "x" * 5000,
        "classroom=1e5&kind[]=image",
        "phase=execution&phase=definition",
        "classroom=%00",
    ],
)
def test_hostile_filters_are_ignored_never_a_500(teacher_client, partnered, mixed_board, query):
    response = teacher_client.get(board_url(partnered) + "?" + query)
    assert response.status_code == 200
    assert len(response.context["cards"]) >= 1


def test_a_class_that_is_not_a_member_is_not_a_filter(teacher_client, partnered, mixed_board):
    from tests.factories import ClassroomFactory

    elsewhere = ClassroomFactory()
    response = teacher_client.get(board_url(partnered, classroom=elsewhere.pk))
    assert response.context["filter_form"].errors["classroom"]
    assert len(response.context["cards"]) == 3


# ---- new since your last visit ----------------------------------------------------------------


def test_new_since_your_last_visit(partner_client, partnered, classroom, delhi):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        post_as_teacher(partnered, classroom, title="Old news")
        first = partner_client.get(board_url(partnered))
        assert first.context["since"] is None and first.context["new_count"] == 0
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        post_as_teacher(partnered, classroom, title="Fresh news")
        post_as_teacher(partnered, delhi, title="Her own post")  # never "new" for its author
    with time_machine.travel(start + timedelta(days=1), tick=False):
        response = partner_client.get(board_url(partnered))
        assert response.context["new_count"] == 1
        cards = {card.post.title: card for card in response.context["cards"]}
        assert cards["Fresh news"].is_new and not cards["Old news"].is_new
        assert not cards["Her own post"].is_new
        assert "1 new post since your last visit" in response.content.decode()
    # Within the same visit, what was new stays new (the "only new" link shows it).
    with time_machine.travel(start + timedelta(days=1, minutes=5), tick=False):
        only_new = partner_client.get(board_url(partnered, new=1))
        assert titles(only_new) == {"Fresh news"}
    # The next visit, later, starts from this one.
    with time_machine.travel(start + timedelta(days=2), tick=False):
        assert partner_client.get(board_url(partnered)).context["new_count"] == 0


def test_new_comments_are_counted_on_their_post(partner_client, partnered, classroom, teacher):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        post = post_as_teacher(partnered, classroom, title="Question")
        partner_client.get(board_url(partnered))
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        services.comment_create(post=post, starter="", body="An answer", teacher=teacher)
    with time_machine.travel(start + timedelta(days=1), tick=False):
        response = partner_client.get(board_url(partnered, new=1))
        (card,) = response.context["cards"]
        assert card.new_comments == 1


# ---- gallery and files ---------------------------------------------------------------------------


def test_the_gallery_shows_media_of_visible_posts(student_client, partnered, classroom, tiger):
    post_as_teacher(partnered, classroom, title="Pictures", uploads=[png_upload(), pdf_upload()])
    services.post_create(
        project=partnered, classroom=tiger.classroom, phase="execution", title="Waiting",
        body="", uploads=[png_upload("hidden.png")], student=tiger,
    )  # fmt: skip
    response = student_client.get(reverse("board_gallery", args=[partnered.token]))
    names = sorted(a.name for a in response.context["page"])
    assert names == ["drawing.png", "report.pdf"]
    images = student_client.get(reverse("board_gallery", args=[partnered.token]) + "?kind=image")
    assert [a.name for a in images.context["page"]] == ["drawing.png"]
    hostile = student_client.get(reverse("board_gallery", args=[partnered.token]) + "?kind=<x>")
    assert hostile.status_code == 200


def test_files_are_served_to_members_with_safe_headers(
    student_client, partnered, classroom, outsider_client
):
    post = post_as_teacher(partnered, classroom, uploads=[png_upload(), pdf_upload()])
    image = post.attachments.get(kind="image")
    url = reverse("board_file", args=[partnered.token, image.pk])
    response = student_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    thumb = student_client.get(reverse("board_thumbnail", args=[partnered.token, image.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/webp"
    document = post.attachments.get(kind="pdf")
    no_thumb = student_client.get(reverse("board_thumbnail", args=[partnered.token, document.pk]))
    assert no_thumb.status_code == 404
    assert outsider_client.get(url).status_code == 404


def test_a_file_of_a_waiting_post_is_served_only_to_its_author_and_teacher(
    partnered, tiger, partner_client, teacher_client
):
    post = services.post_create(
        project=partnered, classroom=tiger.classroom, phase="execution", title="Waiting",
        body="", uploads=[png_upload()], student=tiger,
    )  # fmt: skip
    url = reverse("board_file", args=[partnered.token, post.attachments.get().pk])
    assert student_client_for(tiger).get(url).status_code == 200
    assert partner_client.get(url).status_code == 200  # Tiger's teacher reviews it
    assert teacher_client.get(url).status_code == 404


def test_a_file_of_another_project_is_not_found(teacher_client, partnered, classroom):
    from orbis.projects.models import Project
    from tests.builders import build_project

    other = build_project(classroom, status=Project.Status.RUNNING)
    post = post_as_teacher(other, classroom, uploads=[png_upload()])
    url = reverse("board_file", args=[partnered.token, post.attachments.get().pk])
    assert teacher_client.get(url).status_code == 404

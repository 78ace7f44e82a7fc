"""The board's pages for teachers and students: posting, approval, filters, what's new, the
gallery and files."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from orbis.board import services
from orbis.board.models import Attachment, Comment, Post, Reaction, Status
from tests.helpers import student_client_for
from tests.samples import fake_png_upload, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def board_url(project, **query):
    url = reverse("board", args=[project.token])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def create_url(project):
    return reverse("board_post_create", args=[project.token])


def post_as_teacher(project, classroom, title="Hello", uploads=(), phase="definition"):
    return services.post_create(
        project=project, classroom=classroom, phase=phase, title=title, body="",
        uploads=list(uploads), teacher=classroom.teacher,
    )  # fmt: skip


def post_as_student(project, student, title="Our school", phase="execution"):
    return services.post_create(
        project=project, classroom=student.classroom, phase=phase, title=title, body="",
        student=student,
    )  # fmt: skip


# ---- posting ---------------------------------------------------------------------------------


def test_a_teacher_posts_with_an_image_and_a_pdf(teacher_client, partnered):
    response = teacher_client.post(
        create_url(partnered),
        {"title": "Our river", "body": "It is *cold*.", "phase": "execution",
         "files": [png_upload(), pdf_upload()]},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == board_url(partnered)
    post = Post.objects.get()
    assert (post.title, post.phase, post.status) == ("Our river", "execution", Status.APPROVED)
    assert post.attachments.count() == 2
    page = teacher_client.get(board_url(partnered)).content.decode()
    assert "Our river" in page and "<em>cold</em>" in page
    image = post.attachments.get(kind="image")
    assert reverse("board_thumbnail", args=[partnered.token, image.pk]) in page


def test_a_refused_file_is_a_field_error_and_nothing_is_saved(teacher_client, partnered):
    response = teacher_client.post(
        create_url(partnered),
        {
            "title": "Our river",
            "phase": "execution",
            "files": [png_upload(), pdf_upload(), fake_png_upload()],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert not Post.objects.exists() and not Attachment.objects.exists()


def test_the_post_form_checks_its_fields(teacher_client, partnered):
    response = teacher_client.post(
        create_url(partnered), {"title": "  ", "phase": "someday", "files": [png_upload()] * 0}
    )
    form = response.context["form"]
    assert set(form.errors) == {"title", "phase"}
    too_many = teacher_client.post(
        create_url(partnered),
        {"title": "x", "phase": "execution", "files": [png_upload(f"{n}.png") for n in range(6)]},
    )
    assert "at most 5 files" in str(too_many.context["form"].errors["files"])
    assert not Post.objects.exists()


def test_the_new_post_defaults_to_the_current_phase(teacher_client, partnered):
    from orbis.board.selectors import current_phase

    execution = partnered.activities.filter(phase="execution").order_by("due_date")
    definition_ends = max(
        partnered.activities.filter(phase="definition").values_list("due_date", flat=True)
    )
    assert current_phase(partnered, definition_ends) == "definition"
    assert current_phase(partnered, definition_ends + timedelta(days=1)) == "execution"
    assert current_phase(partnered, execution.last().due_date) == "execution"
    assert current_phase(partnered, partnered.end_date + timedelta(days=60)) == "dissemination"
    form = teacher_client.get(board_url(partnered)).context["form"]
    assert form.initial["phase"] == current_phase(partnered)


def test_a_teacher_with_two_member_classes_chooses_one(teacher_client, partnered, teacher):
    from tests.builders import add_partner
    from tests.factories import ClassroomFactory

    second = ClassroomFactory(teacher=teacher, name="7th grade A")
    add_partner(partnered, second)
    form = teacher_client.get(board_url(partnered)).context["form"]
    assert {name for _pk, name in form.fields["classroom"].choices} == {
        "6th grade B",
        "7th grade A",
    }
    teacher_client.post(
        create_url(partnered), {"title": "From 7A", "phase": "definition", "classroom": second.pk}
    )
    assert Post.objects.get().classroom == second


def test_a_teacher_can_not_post_for_a_partner_class(
    teacher_client, partnered, delhi, classroom, teacher
):
    # With one member class there is nothing to choose: a forged class is ignored.
    teacher_client.post(
        create_url(partnered), {"title": "x", "phase": "definition", "classroom": delhi.pk}
    )
    assert Post.objects.get().classroom == classroom
    from tests.builders import add_partner
    from tests.factories import ClassroomFactory

    add_partner(partnered, ClassroomFactory(teacher=teacher, name="7th grade A"))
    response = teacher_client.post(
        create_url(partnered), {"title": "y", "phase": "definition", "classroom": delhi.pk}
    )
    assert response.context["form"].errors["classroom"]
    assert Post.objects.count() == 1


# ---- a student's post waits, then the partner class sees it --------------------------------------


def test_student_post_waits_for_approval_then_the_partner_class_sees_it(
    student_client, gisel_client, partnered, student, tiger, partner_client
):
    response = student_client.post(
        create_url(partnered), {"title": "Our school garden", "phase": "execution"}, follow=True
    )
    assert "waits for your teacher" in response.content.decode()
    post = Post.objects.get()
    assert post.author_student == student and post.status == Status.PENDING
    own_view = student_client.get(board_url(partnered)).content.decode()
    assert "Our school garden" in own_view and "Waiting for your teacher" in own_view
    tiger_client = student_client_for(tiger)
    assert "Our school garden" not in tiger_client.get(board_url(partnered)).content.decode()
    assert "Our school garden" not in partner_client.get(board_url(partnered)).content.decode()
    post_page = reverse("board_post", args=[partnered.token, post.pk])
    assert tiger_client.get(post_page).status_code == 404

    queue = gisel_client.get(reverse("board_queue", args=[partnered.token]))
    assert queue.context["items"]["pending_posts"] == [post]
    approve = reverse("board_approve", args=[partnered.token, "post", post.pk])
    response = gisel_client.post(approve)
    assert response["Location"] == reverse("board_queue", args=[partnered.token])
    assert "Our school garden" in tiger_client.get(board_url(partnered)).content.decode()
    assert tiger_client.get(post_page).status_code == 200


def test_a_student_comments_with_a_starter_and_it_waits(student_client, partnered, classroom):
    post = post_as_teacher(partnered, classroom)
    url = reverse("board_comment", args=[partnered.token, post.pk])
    response = student_client.post(url, {"starter": "wonder", "body": "why is the sky blue?"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.starter, comment.status) == ("wonder", Status.PENDING)
    page = student_client.get(reverse("board_post", args=[partnered.token, post.pk]))
    assert "I wonder…" in page.content.decode()
    refused = student_client.post(url, {"starter": "hate", "body": ""})
    assert refused.status_code == 200
    assert set(refused.context["comment_form"].errors) == {"starter", "body"}


def test_a_partner_teacher_comment_is_shown_at_once(partner_client, partnered, classroom):
    post = post_as_teacher(partnered, classroom)
    partner_client.post(
        reverse("board_comment", args=[partnered.token, post.pk]), {"body": "Lovely!"}
    )
    assert Comment.objects.get().visible


def test_students_never_see_another_class_pending_comment(
    partnered, classroom, student, tiger, teacher_client
):
    post = post_as_teacher(partnered, classroom)
    services.comment_create(post=post, starter="", body="secret draft", student=tiger)
    page = reverse("board_post", args=[partnered.token, post.pk])
    assert "secret draft" not in student_client_for(student).get(page).content.decode()
    assert "secret draft" not in teacher_client.get(page).content.decode()
    assert "secret draft" in student_client_for(tiger).get(page).content.decode()


# ---- reactions ----------------------------------------------------------------------------------


def test_reacting_toggles_and_htmx_gets_the_reaction_bar(student_client, partnered, classroom):
    post = post_as_teacher(partnered, classroom)
    url = reverse("board_react", args=[partnered.token, post.pk])
    response = student_client.post(url, {"kind": "heart"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div class="reactions" id="reactions-') or 'class="reactions"' in html
    assert 'aria-pressed="true"' in html and "Love it" in html
    assert Reaction.objects.count() == 1
    again = student_client.post(url, {"kind": "heart", "next": "https://evil.example/"})
    assert again["Location"] == reverse("board_post", args=[partnered.token, post.pk])
    assert Reaction.objects.count() == 0
    hostile = student_client.post(url, {"kind": "'><script>"}, follow=True)
    assert hostile.status_code == 200 and Reaction.objects.count() == 0


# ---- flags ---------------------------------------------------------------------------------------


def test_a_partner_flags_a_post_and_only_the_two_teachers_see_it(
    partner_client, teacher_client, partnered, classroom, tiger, student
):
    post = post_as_teacher(partnered, classroom, title="A photo with names")
    url = reverse("board_flag", args=[partnered.token, "post", post.pk])
    assert partner_client.post(url, {"reason": ""}).status_code == 302
    assert not Post.objects.get().flagged
    partner_client.post(url, {"reason": "Shows full names"})
    assert Post.objects.get().flagged
    assert (
        "A photo with names"
        not in student_client_for(tiger).get(board_url(partnered)).content.decode()
    )
    assert (
        "A photo with names"
        not in student_client_for(student).get(board_url(partnered)).content.decode()
    )
    assert "You flagged this" in partner_client.get(board_url(partnered)).content.decode()
    mine = teacher_client.get(board_url(partnered)).content.decode()
    assert "Shows full names" in mine
    queue = teacher_client.get(reverse("board_queue_all"))
    assert queue.context["items"]["flagged_posts"] == [post]
    decide = reverse("board_flag_decide", args=[partnered.token, "post", post.pk])
    assert partner_client.post(decide, {"outcome": "restored"}).status_code == 302
    assert Post.objects.get().flagged  # only the class's teacher decides
    teacher_client.post(decide, {"outcome": "maybe"})
    assert Post.objects.get().flagged
    teacher_client.post(decide, {"outcome": "restored"})
    assert Post.objects.get().visible


def test_a_teacher_can_not_flag_her_own_class(teacher_client, partnered, classroom):
    post = post_as_teacher(partnered, classroom)
    teacher_client.post(
        reverse("board_flag", args=[partnered.token, "post", post.pk]), {"reason": "oops"}
    )
    assert not Post.objects.get().flagged


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


# ---- editing and deleting ---------------------------------------------------------------------


def test_authors_and_their_class_teacher_edit_and_delete(
    student_client, gisel_client, partner_client, partnered, student
):
    post = post_as_student(partnered, student)
    services.item_approve(item=post, teacher=student.classroom.teacher)
    edit = reverse("board_post_edit", args=[partnered.token, post.pk])
    assert partner_client.get(edit).status_code == 404
    response = student_client.post(
        edit, {"title": "Our school garden", "phase": "execution", "body": "Now with *tomatoes*"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.PENDING and "<em>tomatoes</em>" in post.body_html
    delete = reverse("board_post_delete", args=[partnered.token, post.pk])
    assert gisel_client.get(delete).status_code == 200
    assert gisel_client.post(delete)["Location"] == board_url(partnered)
    assert not Post.objects.exists()


def test_an_archived_board_is_read_only(teacher_client, partnered, classroom):
    from orbis.projects.models import Project

    post_as_teacher(partnered, classroom, title="Memories")
    Project.objects.filter(pk=partnered.pk).update(status=Project.Status.ARCHIVED)
    response = teacher_client.get(board_url(partnered))
    assert "Memories" in response.content.decode() and response.context["form"] is None
    refused = teacher_client.post(create_url(partnered), {"title": "x", "phase": "definition"})
    assert refused.status_code == 200 and Post.objects.count() == 1


# ---- the student's space -------------------------------------------------------------------


def test_the_student_space_links_to_her_class_projects_boards(
    student_client, partnered, classroom, delhi
):
    from orbis.projects.models import Project
    from tests.builders import build_project

    build_project(classroom, status=Project.Status.DRAFT)  # not started: not shown
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        student_client.get(board_url(partnered))
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        post_as_teacher(partnered, delhi, title="Namaste")
    with time_machine.travel(start + timedelta(days=1), tick=False):
        response = student_client.get(reverse("student_space"))
    page = response.content.decode()
    assert [row["project"] for row in response.context["projects"]] == [partnered]
    assert board_url(partnered) in page
    assert "Class of Delhi" in page and "1 new post" in page


def test_the_queues_list_waiting_comments_and_approve_them(
    partner_client, partnered, classroom, tiger, partner_teacher
):
    from tests.builders import build_project

    post = post_as_teacher(partnered, classroom)
    waiting = services.comment_create(post=post, starter="what_if", body="we swap", student=tiger)
    other = build_project(tiger.classroom, status="running")
    other_post = post_as_student(other, tiger, title="Elsewhere")
    queue = partner_client.get(reverse("board_queue", args=[partnered.token]))
    assert queue.context["items"]["pending_comments"] == [waiting]
    assert queue.context["items"]["pending_posts"] == []
    assert "we swap" in queue.content.decode()
    everything = partner_client.get(reverse("board_queue_all"))
    assert everything.context["items"]["pending_posts"] == [other_post]
    assert "Elsewhere" in everything.content.decode()
    approve = reverse("board_approve", args=[partnered.token, "comment", waiting.pk])
    back = reverse("board_queue_all")
    assert partner_client.post(approve, {"next": back})["Location"] == back
    assert Comment.objects.get(pk=waiting.pk).visible
    from orbis.board.selectors import waiting_count

    assert waiting_count(partner_teacher) == 1  # the post in the other project


def test_every_id_on_the_board_is_unique_and_every_label_finds_its_field(
    teacher_client, partnered, classroom
):
    """The filters and the compose form both have a phase and a class: a label must point at
    its own form's field."""
    import re

    post_as_teacher(partnered, classroom, title="One")
    post_as_teacher(partnered, classroom, title="Two")
    html = teacher_client.get(board_url(partnered)).text
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for target in re.findall(r'<label for="([^"]+)"', html):
        assert target in ids, target

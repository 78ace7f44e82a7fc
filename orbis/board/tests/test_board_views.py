"""The board's pages for teachers and students: posting, approval, comments, reactions, flags,
editing; filters, what's new and files are in test_board_browsing.py."""

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

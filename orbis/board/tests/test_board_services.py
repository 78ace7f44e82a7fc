"""The board's writes: posts with attachments all or nothing, approval, flags, reactions."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from orbis.board import services
from orbis.board.models import Attachment, Comment, Post, Reaction, Status
from orbis.board.services import notices
from orbis.notifications.models import Notification
from orbis.projects.models import Project
from orbis.uploads.processing import UploadRefused
from tests.samples import fake_png_upload, pdf_upload, png_upload

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def teacher_post(project, classroom, **options):
    return services.post_create(
        project=project,
        classroom=classroom,
        phase="definition",
        title=options.pop("title", "Hello from Rosario"),
        body=options.pop("body", "We are **25** students."),
        teacher=classroom.teacher,
        **options,
    )


def test_a_teacher_post_with_attachments_is_stored_and_shown_at_once(partnered, classroom):
    post = teacher_post(partnered, classroom, uploads=[png_upload(), pdf_upload()])
    assert post.status == Status.APPROVED and post.visible
    assert post.body_html == "<p>We are <strong>25</strong> students.</p>\n"
    kinds = sorted(post.attachments.values_list("kind", flat=True))
    assert kinds == ["image", "pdf"]
    image = post.attachments.get(kind="image")
    assert (image.width, image.height) == (40, 30)
    assert image.file.storage.exists(image.file.name)


def test_a_refused_third_file_stores_nothing(partnered, classroom):
    with pytest.raises(UploadRefused):
        teacher_post(partnered, classroom, uploads=[png_upload(), pdf_upload(), fake_png_upload()])
    assert not Post.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files() == []
    assert not Notification.objects.exists()


def test_a_failure_after_storing_removes_the_stored_files(partnered, classroom, monkeypatch):
    def broken(post):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(notices, "announce", broken)
    with pytest.raises(RuntimeError):
        teacher_post(partnered, classroom, uploads=[png_upload(), png_upload("second.png")])
    assert not Post.objects.exists()
    assert stored_files() == []


def test_more_than_five_files_are_refused(partnered, classroom):
    with pytest.raises(services.BoardError):
        teacher_post(partnered, classroom, uploads=[png_upload(f"{n}.png") for n in range(6)])
    assert not Post.objects.exists()


def test_a_teacher_posts_only_for_her_own_member_class(partnered, classroom, delhi):
    with pytest.raises(services.BoardError):
        services.post_create(
            project=partnered, classroom=delhi, phase="definition", title="x", body="",
            teacher=classroom.teacher,
        )  # fmt: skip


def test_a_teacher_post_notifies_the_other_classes_teachers(partnered, classroom, delhi):
    post = teacher_post(partnered, classroom)
    notes = Notification.objects.filter(kind=Notification.Kind.BOARD_POST)
    assert [n.recipient for n in notes] == [delhi.teacher]
    assert notes[0].params == {
        "author": "Gisel",
        "classroom": "6th grade B",
        "title": "Hello from Rosario",
        "project": partnered.title,
    }
    assert notes[0].url == f"/board/{partnered.token}/posts/{post.pk}/"


def test_a_student_post_waits_and_one_notice_counts_the_waiting_items(
    partnered, classroom, student
):
    for title in ("One", "Two", "Three"):
        post = services.post_create(
            project=partnered, classroom=classroom, phase="execution", title=title, body="",
            student=student,
        )  # fmt: skip
        assert post.status == Status.PENDING and not post.visible
    notes = Notification.objects.filter(kind=Notification.Kind.PENDING_APPROVAL)
    assert notes.count() == 1
    assert notes[0].recipient == classroom.teacher
    assert notes[0].params == {"count": 3, "classroom": "6th grade B", "project": partnered.title}
    assert not Notification.objects.filter(kind=Notification.Kind.BOARD_POST).exists()


def test_a_read_notice_is_followed_by_a_new_one(partnered, classroom, student):
    services.comment_create(
        post=teacher_post(partnered, classroom), starter="like", body="Nice", student=student
    )
    Notification.objects.filter(kind=Notification.Kind.PENDING_APPROVAL).update(
        read_at="2026-01-01T00:00Z"
    )
    services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Two", body="",
        student=student,
    )  # fmt: skip
    counts = list(
        Notification.objects.filter(kind=Notification.Kind.PENDING_APPROVAL)
        .order_by("pk")
        .values_list("params__count", flat=True)
    )
    assert counts == [1, 2]


def test_without_approval_a_student_post_appears_at_once(partnered, classroom, student):
    classroom.student_posts_need_approval = False
    classroom.save(update_fields=["student_posts_need_approval"])
    post = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Hi", body="",
        student=student,
    )  # fmt: skip
    assert post.visible


def test_approval_and_refusal_belong_to_the_class_teacher(partnered, classroom, delhi, student):
    post = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Hi", body="",
        student=student,
    )  # fmt: skip
    with pytest.raises(services.BoardError):
        services.item_approve(item=post, teacher=delhi.teacher)
    services.item_approve(item=post, teacher=classroom.teacher)
    post.refresh_from_db()
    assert post.visible
    with pytest.raises(services.BoardError):
        services.item_approve(item=post, teacher=classroom.teacher)
    services.item_reject(item=post, teacher=classroom.teacher)  # taken down after approval
    post.refresh_from_db()
    assert post.status == Status.REJECTED


def test_an_approved_comment_tells_the_post_class_teacher(partnered, classroom, delhi, tiger):
    post = teacher_post(partnered, classroom)
    comment = services.comment_create(
        post=post, starter="wonder", body="Is it cold?", student=tiger
    )
    assert comment.status == Status.PENDING
    assert Notification.objects.get(kind=Notification.Kind.PENDING_APPROVAL).recipient == (
        delhi.teacher
    )
    services.item_approve(item=comment, teacher=delhi.teacher)
    note = Notification.objects.get(kind=Notification.Kind.BOARD_COMMENT)
    assert note.recipient == classroom.teacher
    assert note.params["author"] == "Tiger"
    # A second comment while that notice is unread adds nothing.
    services.comment_create(post=post, starter="", body="Thanks!", teacher=delhi.teacher)
    assert Notification.objects.filter(kind=Notification.Kind.BOARD_COMMENT).count() == 1


def test_a_teacher_comment_on_her_own_post_notifies_nobody(partnered, classroom):
    post = teacher_post(partnered, classroom)
    services.comment_create(post=post, starter="", body="Reply", teacher=classroom.teacher)
    assert not Notification.objects.filter(kind=Notification.Kind.BOARD_COMMENT).exists()


def test_a_flag_hides_the_item_until_its_class_teacher_decides(partnered, classroom, delhi):
    post = teacher_post(partnered, classroom)
    with pytest.raises(services.BoardError):
        services.item_flag(item=post, teacher=classroom.teacher, reason="mine")
    with pytest.raises(services.BoardError):
        services.item_flag(item=post, teacher=delhi.teacher, reason="   ")
    services.item_flag(item=post, teacher=delhi.teacher, reason="Shows a child's full name")
    post.refresh_from_db()
    assert post.flagged and not post.visible
    flagged = Notification.objects.get(kind=Notification.Kind.ITEM_FLAGGED)
    assert flagged.recipient == classroom.teacher
    assert flagged.params == {
        "teacher": "Jhansi",
        "classroom": "6th grade B",
        "project": partnered.title,
    }
    with pytest.raises(services.BoardError):
        services.flag_decide(item=post, teacher=delhi.teacher, outcome="restored")
    services.flag_decide(item=post, teacher=classroom.teacher, outcome="removed")
    post.refresh_from_db()
    assert post.status == Status.REJECTED and not post.flagged
    decided = Notification.objects.get(kind=Notification.Kind.FLAG_DECIDED)
    assert decided.recipient == delhi.teacher
    assert decided.params == {"project": partnered.title, "outcome": "removed"}


def test_a_restored_item_is_shown_again(partnered, classroom, delhi, tiger):
    delhi.student_posts_need_approval = False
    delhi.save(update_fields=["student_posts_need_approval"])
    post = teacher_post(partnered, classroom)
    comment = services.comment_create(post=post, starter="like", body="Cool", student=tiger)
    services.item_flag(item=comment, teacher=classroom.teacher, reason="rude")
    comment.refresh_from_db()
    assert not comment.visible
    services.flag_decide(item=comment, teacher=delhi.teacher, outcome="restored")
    comment.refresh_from_db()
    assert comment.visible
    assert Notification.objects.get(kind=Notification.Kind.FLAG_DECIDED).params["outcome"] == (
        "restored"
    )


def test_reactions_toggle_once_per_author_and_kind(partnered, classroom, student, delhi):
    post = teacher_post(partnered, classroom)
    assert services.reaction_toggle(post=post, kind="heart", student=student) is True
    assert services.reaction_toggle(post=post, kind="clap", student=student) is True
    assert services.reaction_toggle(post=post, kind="heart", teacher=delhi.teacher) is True
    assert Reaction.objects.count() == 3
    assert services.reaction_toggle(post=post, kind="heart", student=student) is False
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == ["clap", "heart"]
    with pytest.raises(services.BoardError):
        services.reaction_toggle(post=post, kind="<script>", student=student)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(post=post, kind="clap", author_student=student)


def test_a_post_has_exactly_one_author(partnered, classroom, student):
    with pytest.raises(IntegrityError), transaction.atomic():
        Post.objects.create(
            project=partnered, classroom=classroom, phase="definition", title="x",
            author_teacher=classroom.teacher, author_student=student,
        )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            post=teacher_post(partnered, classroom), classroom=classroom, body="x"
        )


def test_an_archived_board_takes_nothing_new(partnered, classroom, student):
    post = teacher_post(partnered, classroom)
    Project.objects.filter(pk=partnered.pk).update(status=Project.Status.ARCHIVED)
    post.project.refresh_from_db()
    with pytest.raises(services.BoardError):
        services.comment_create(post=post, starter="", body="late", student=student)
    with pytest.raises(services.BoardError):
        services.reaction_toggle(post=post, kind="heart", student=student)
    services.post_delete(post=post, teacher=classroom.teacher)  # taking down still works
    assert not Post.objects.exists()


def test_a_student_edit_waits_again(partnered, classroom, student):
    post = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Hi", body="",
        student=student,
    )  # fmt: skip
    services.item_approve(item=post, teacher=classroom.teacher)
    services.post_update(
        post=post, phase="execution", title="Hi!", body="more", editor_student=student
    )
    post.refresh_from_db()
    assert post.status == Status.PENDING and post.body_html == "<p>more</p>\n"


def test_deleting_a_post_removes_its_files_once_committed(
    partnered, classroom, django_capture_on_commit_callbacks
):
    post = teacher_post(partnered, classroom, uploads=[png_upload()])
    assert len(stored_files()) == 2  # the image and its thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        services.post_delete(post=post, teacher=classroom.teacher)
        assert len(stored_files()) == 2
    assert stored_files() == []

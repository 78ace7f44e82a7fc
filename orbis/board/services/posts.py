"""Posts with their attachments: writing, editing, deleting."""

from django.db import transaction
from django.utils.translation import gettext as _

from orbis.uploads.processing import (
    clean_upload,
    delete_stored,
    store_upload,
    stored_files_rollback,
)

from ..models import Attachment, Post, Status
from ..selectors import write_refusal
from . import notices
from .rules import (
    BoardError,
    author,
    check_may_change,
    check_speaks_for,
    check_writable,
    status_for,
)

MAX_ATTACHMENTS = 5


def post_create(
    *, project, classroom, phase, title, body, uploads=(), teacher=None, student=None
) -> Post:
    """A post with its attachments, all or nothing: every file is checked before any is stored,
    and files already stored are removed again if anything fails afterwards."""
    check_writable(project)
    check_speaks_for(project, classroom, teacher=teacher, student=student)
    if len(uploads) > MAX_ATTACHMENTS:
        raise BoardError(_("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS})
    refusal = write_refusal(classroom, teacher=teacher, student=student, uploads=len(uploads))
    if refusal:
        raise BoardError(refusal)
    cleaned = [clean_upload(upload) for upload in uploads]  # raises UploadRefused, stores nothing
    # Files aren't part of the transaction: the rollback block deletes what was stored if
    # anything fails, commit included.
    with stored_files_rollback(), transaction.atomic():
        post = Post.objects.create(
            project=project,
            classroom=classroom,
            phase=phase,
            title=title,
            body=body,
            status=status_for(classroom, student=student),
            **author(teacher=teacher, student=student),
        )
        for clean in cleaned:
            _attach(post, clean)
        notices.announce(post)
    return post


def _attach(post: Post, clean) -> Attachment:
    path, thumbnail = store_upload(clean, folder=f"board/{post.project_id}")
    return Attachment.objects.create(
        post=post,
        kind=clean.kind,
        file=path,
        thumbnail=thumbnail or "",
        name=(clean.display_name or clean.name)[:120],
        content_type=clean.content_type,
        size=clean.size,
        width=clean.width,
        height=clean.height,
    )


def post_update(*, post: Post, phase, title, body, editor_teacher=None, editor_student=None):
    """Authors and their class's teacher change the text; a student's change to an approved post
    waits again when her class needs approval (otherwise approval could be bypassed). A post
    the operators' moderators hid stays hidden: sending it back to the class's teacher would let
    her approval undo their decision."""
    check_writable(post.project)
    check_may_change(post, teacher=editor_teacher, student=editor_student)
    with transaction.atomic():
        post.phase, post.title, post.body = phase, title, body
        fields = ["phase", "title", "body", "updated_at"]
        became_pending = False
        if (
            editor_student is not None
            and post.classroom.student_posts_need_approval
            and not post.hidden_by_staff
        ):
            became_pending = post.status != Status.PENDING
            post.status = Status.PENDING
            fields.append("status")
        post.save(update_fields=fields)
        if became_pending:
            notices.notify_pending(post.project, post.classroom)
    return post


def post_delete(*, post: Post, teacher=None, student=None) -> None:
    """Deleting stays possible on an archived board: a teacher can always take something down."""
    check_may_change(post, teacher=teacher, student=student)
    paths = [p for a in post.attachments.all() for p in (a.file.name, a.thumbnail.name) if p]
    with transaction.atomic():
        post.delete()
        transaction.on_commit(lambda: delete_stored(*paths))

"""Comments and reactions on a post."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Comment, Post, Reaction, Status
from ..selectors import write_refusal
from . import notices
from .rules import BoardError, author, check_writable, status_for


def comment_create(*, post: Post, starter: str, body: str, teacher=None, student=None) -> Comment:
    check_writable(post.project)
    if not post.visible:
        raise BoardError(_("This post can't be commented on until it is approved."))
    classroom = student.classroom if student is not None else _teacher_class(post, teacher)
    if refusal := write_refusal(classroom, teacher=teacher, student=student):
        raise BoardError(refusal)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post,
            classroom=classroom,
            starter=starter,
            body=body,
            status=status_for(classroom, student=student),
            **author(teacher=teacher, student=student),
        )
        if comment.status == Status.PENDING:
            notices.notify_pending(post.project, classroom)
        else:
            notices.notify_comment(comment, approved_by=None)
    return comment


def _teacher_class(post: Post, teacher):
    """The class a teacher comments for: the post's own class if it is hers, else her first."""
    classes = [
        m.classroom
        for m in post.project.memberships.select_related("classroom")
        if m.classroom.teacher_id == teacher.pk
    ]
    if not classes:
        raise BoardError(_("Only teachers of the project's classes can comment."))
    same = [c for c in classes if c.pk == post.classroom_id]
    return (same or classes)[0]


def reaction_toggle(*, post: Post, kind: str, teacher=None, student=None) -> bool:
    """Add the viewer's reaction of this kind, or take it back; True when it is now there."""
    check_writable(post.project)
    if kind not in Reaction.Kind.values:
        raise BoardError(_("Choose one of the reactions shown."))
    if not post.visible:
        raise BoardError(_("This post can't get reactions until it is approved."))
    who = author(teacher=teacher, student=student)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, kind=kind, **who).delete()
        if deleted:
            return False
        # get_or_create: two quick clicks may race; the unique constraint keeps one reaction.
        Reaction.objects.get_or_create(post=post, kind=kind, **who)
    return True

"""Who is told what about the board, chosen so that a teacher learns what needs her without
being flooded:

- a teacher's post: BOARD_POST to the teachers of the other member classes. Students' posts
  appear as "new since your last visit" instead (a class of 30 would otherwise send 30 emails);
- a comment that becomes visible: BOARD_COMMENT to the teacher of the post's class, unless she
  wrote or approved it herself, and only while she has no unread notice about that post;
- a student's item that waits: PENDING_APPROVAL to her teacher, one unread notice per class and
  project whose count is brought up to date as more items wait (one email, not one per item);
- a partner's flag: ITEM_FLAGGED to the item's class's teacher; her decision: FLAG_DECIDED to the
  partner who flagged it (decisions.py).
"""

from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project

from ..models import Comment, Post, Status
from ..selectors import pending_count
from .rules import post_url, queue_url


def announce(post: Post) -> None:
    """Tell who must know about a new post."""
    if post.status == Status.PENDING:
        notify_pending(post.project, post.classroom)
    elif post.author_teacher_id:
        notify_new_post(post)


def notify_new_post(post: Post) -> None:
    teachers = {
        membership.classroom.teacher
        for membership in post.project.memberships.select_related("classroom__teacher")
        if membership.classroom.teacher_id != post.author_teacher_id
    }
    params = {
        "author": post.author_name,
        "classroom": post.classroom.name,
        "title": post.title,
        "project": post.project.title,
    }
    for recipient in sorted(teachers, key=lambda t: t.pk):
        notify(
            recipient=recipient,
            kind=Notification.Kind.BOARD_POST,
            params=params,
            url=post_url(post),
        )


def notify_pending(project: Project, classroom) -> None:
    """One unread notice per class and project, its count kept current."""
    url = queue_url(project)
    count = pending_count(project, classroom)
    params = {"count": count, "classroom": classroom.name, "project": project.title}
    unread = (
        Notification.objects.select_for_update()
        .filter(
            recipient_id=classroom.teacher_id,
            kind=Notification.Kind.PENDING_APPROVAL,
            url=url,
            read_at__isnull=True,
            params__classroom=classroom.name,
        )
        .first()
    )
    if unread is not None:
        unread.params = params
        unread.save(update_fields=["params"])
        return
    notify(
        recipient=classroom.teacher, kind=Notification.Kind.PENDING_APPROVAL, params=params, url=url
    )


def notify_comment(comment: Comment, *, approved_by) -> None:
    post = comment.post
    recipient = post.classroom.teacher
    if recipient.pk in (comment.author_teacher_id, getattr(approved_by, "pk", None)):
        return
    url = post_url(post)
    if Notification.objects.filter(
        recipient=recipient, kind=Notification.Kind.BOARD_COMMENT, url=url, read_at__isnull=True
    ).exists():
        return
    notify(
        recipient=recipient,
        kind=Notification.Kind.BOARD_COMMENT,
        params={
            "author": comment.author_name,
            "classroom": comment.classroom.name,
            "title": post.title,
            "project": post.project.title,
        },
        url=url,
    )

"""Writes on the board. Each runs in one transaction and raises BoardError with a message for
the person; notifications go out (by email) only once the transaction commits.

Notifications, chosen so that a teacher is told what needs her without being flooded:
- a teacher's post: BOARD_POST to the teachers of the other member classes. Students' posts
  appear as "new since your last visit" instead (a class of 30 would otherwise send 30 emails);
- a comment that becomes visible: BOARD_COMMENT to the teacher of the post's class, unless she
  wrote or approved it herself, and only while she has no unread notice about that post;
- a student's item that waits: PENDING_APPROVAL to her teacher, one unread notice per class and
  project whose count is brought up to date as more items wait (one email, not one per item);
- a partner's flag: ITEM_FLAGGED to the item's class's teacher; her decision: FLAG_DECIDED to the
  partner who flagged it.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.limits import board_refusal
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project
from orbis.uploads.processing import (
    clean_upload,
    delete_stored,
    store_upload,
    stored_files_rollback,
)

from .models import Attachment, Comment, Post, Reaction, Status
from .selectors import pending_count

MAX_ATTACHMENTS = 5


class BoardError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def writable(project: Project) -> bool:
    """An archived project's board is kept as it was: readable, nothing new."""
    return project.status != Project.Status.ARCHIVED


def _check_writable(project: Project) -> None:
    if not writable(project):
        raise BoardError(_("This project is archived: its board can be read but not changed."))


def _author(*, teacher=None, student=None) -> dict:
    if (teacher is None) == (student is None):
        raise ValueError("exactly one author: a teacher or a student")
    return {"author_teacher": teacher, "author_student": student}


def _status_for(classroom, *, student) -> str:
    if student is not None and classroom.student_posts_need_approval:
        return Status.PENDING
    return Status.APPROVED


def _check_speaks_for(project: Project, classroom, *, teacher=None, student=None) -> None:
    """Teachers post for one of their member classes, students for their own class."""
    member = project.memberships.filter(classroom=classroom).exists()
    own = classroom.teacher_id == teacher.pk if teacher else classroom.pk == student.classroom_id
    if not (member and own):
        raise BoardError(_("Choose one of your classes taking part in this project."))


def board_url(project: Project) -> str:
    return reverse("board", args=[project.token])


def post_url(post: Post) -> str:
    return reverse("board_post", args=[post.project.token, post.pk])


def queue_url(project: Project) -> str:
    return reverse("board_queue", args=[project.token])


# ---- posts --------------------------------------------------------------------------------------


def post_create(
    *, project, classroom, phase, title, body, uploads=(), teacher=None, student=None
) -> Post:
    """A post with its attachments, all or nothing: every file is checked before any is stored,
    and files already stored are removed again if anything fails afterwards."""
    _check_writable(project)
    _check_speaks_for(project, classroom, teacher=teacher, student=student)
    if len(uploads) > MAX_ATTACHMENTS:
        raise BoardError(_("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS})
    refusal = board_refusal(classroom, teacher=teacher, student=student, uploads=len(uploads))
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
            status=_status_for(classroom, student=student),
            **_author(teacher=teacher, student=student),
        )
        for clean in cleaned:
            _attach(post, clean)
        _announce(post)
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


def _announce(post: Post) -> None:
    """Tell who must know about a new post (see the module's docstring)."""
    if post.status == Status.PENDING:
        _notify_pending(post.project, post.classroom)
    elif post.author_teacher_id:
        _notify_new_post(post)


def _notify_new_post(post: Post) -> None:
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


def _notify_pending(project: Project, classroom) -> None:
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


def post_update(*, post: Post, phase, title, body, editor_teacher=None, editor_student=None):
    """Authors and their class's teacher change the text; a student's change to an approved post
    waits again when her class needs approval (otherwise approval could be bypassed)."""
    _check_writable(post.project)
    _check_may_change(post, teacher=editor_teacher, student=editor_student)
    with transaction.atomic():
        post.phase, post.title, post.body = phase, title, body
        fields = ["phase", "title", "body", "updated_at"]
        became_pending = False
        if (
            editor_student is not None
            and post.classroom.student_posts_need_approval
            and not _taken_down_by_staff(post)
        ):
            became_pending = post.status != Status.PENDING
            post.status = Status.PENDING
            fields.append("status")
        post.save(update_fields=fields)
        if became_pending:
            _notify_pending(post.project, post.classroom)
    return post


def _taken_down_by_staff(post: Post) -> bool:
    """Hidden by the operators' moderators (and not restored): an edit must not send it back to
    the class's teacher, whose approval would undo their decision."""
    if post.status != Status.REJECTED:
        return False
    from orbis.moderation.models import Action, AuditLog, TargetKind  # moderation uses the board

    return AuditLog.objects.filter(
        action=Action.HIDE, target_kind=TargetKind.POST, target_id=post.pk, undone_by__isnull=True
    ).exists()


def may_change(item, *, teacher=None, student=None) -> bool:
    if teacher is not None:
        return item.author_teacher_id == teacher.pk or item.classroom.teacher_id == teacher.pk
    if student is not None:
        return item.author_student_id == student.pk
    return False


def _check_may_change(item, *, teacher=None, student=None) -> None:
    if not may_change(item, teacher=teacher, student=student):
        raise BoardError(_("Only its author and their class's teacher can change this."))


def post_delete(*, post: Post, teacher=None, student=None) -> None:
    """Deleting stays possible on an archived board: a teacher can always take something down."""
    _check_may_change(post, teacher=teacher, student=student)
    paths = [p for a in post.attachments.all() for p in (a.file.name, a.thumbnail.name) if p]
    with transaction.atomic():
        post.delete()
        transaction.on_commit(lambda: delete_stored(*paths))


# ---- comments and reactions --------------------------------------------------------------------


def comment_create(*, post: Post, starter: str, body: str, teacher=None, student=None) -> Comment:
    _check_writable(post.project)
    if not post.visible:
        raise BoardError(_("This post can't be commented on until it is approved."))
    classroom = student.classroom if student is not None else _teacher_class(post, teacher)
    if refusal := board_refusal(classroom, teacher=teacher, student=student):
        raise BoardError(refusal)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post,
            classroom=classroom,
            starter=starter,
            body=body,
            status=_status_for(classroom, student=student),
            **_author(teacher=teacher, student=student),
        )
        if comment.status == Status.PENDING:
            _notify_pending(post.project, classroom)
        else:
            _notify_comment(comment, approved_by=None)
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


def _notify_comment(comment: Comment, *, approved_by) -> None:
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


def reaction_toggle(*, post: Post, kind: str, teacher=None, student=None) -> bool:
    """Add the viewer's reaction of this kind, or take it back; True when it is now there."""
    _check_writable(post.project)
    if kind not in Reaction.Kind.values:
        raise BoardError(_("Choose one of the reactions shown."))
    if not post.visible:
        raise BoardError(_("This post can't get reactions until it is approved."))
    author = _author(teacher=teacher, student=student)
    with transaction.atomic():
        deleted, _rows = Reaction.objects.filter(post=post, kind=kind, **author).delete()
        if deleted:
            return False
        # get_or_create: two quick clicks may race; the unique constraint keeps one reaction.
        Reaction.objects.get_or_create(post=post, kind=kind, **author)
    return True


# ---- moderation --------------------------------------------------------------------------------


def _check_class_teacher(item, teacher) -> None:
    if item.classroom.teacher_id != teacher.pk:
        raise BoardError(_("Only the teacher of this class can decide."))


def _project_of(item) -> Project:
    return item.project if isinstance(item, Post) else item.post.project


def item_approve(*, item, teacher) -> None:
    _check_class_teacher(item, teacher)
    if item.status != Status.PENDING:
        raise BoardError(_("This is not waiting for approval any more."))
    with transaction.atomic():
        item.status = Status.APPROVED
        item.save(update_fields=["status"])
        if isinstance(item, Comment):
            _notify_comment(item, approved_by=teacher)


def item_reject(*, item, teacher) -> None:
    """Refuse a waiting item, or take down one that was approved: the author still sees it,
    marked as not approved; nobody else does."""
    _check_class_teacher(item, teacher)
    if item.status == Status.REJECTED:
        raise BoardError(_("This was already taken down."))
    with transaction.atomic():
        item.status = Status.REJECTED
        item.save(update_fields=["status"])


def item_flag(*, item, teacher, reason: str) -> None:
    """A partner teacher hides another class's item until that class's teacher decides."""
    project = _project_of(item)
    _check_writable(project)
    if item.classroom.teacher_id == teacher.pk:
        raise BoardError(_("This is your class's item: take it down or edit it instead."))
    if not project.memberships.filter(classroom__teacher=teacher).exists():
        raise BoardError(_("Only teachers of the project's classes can flag."))
    if item.flagged:
        raise BoardError(_("Someone already flagged this; its class's teacher will decide."))
    if not item.visible:
        raise BoardError(_("This is not shown on the board."))
    reason = reason.strip()
    if not reason:
        raise BoardError(_("Say in a few words what is wrong, for the class's teacher."))
    with transaction.atomic():
        item.flagged_by, item.flagged_at, item.flag_reason = teacher, timezone.now(), reason[:200]
        item.save(update_fields=["flagged_by", "flagged_at", "flag_reason"])
        notify(
            recipient=item.classroom.teacher,
            kind=Notification.Kind.ITEM_FLAGGED,
            params={
                "teacher": teacher.display_name or str(teacher),
                "classroom": item.classroom.name,
                "project": project.title,
            },
            url=queue_url(project),
        )


REMOVED, RESTORED = "removed", "restored"


def flag_decide(*, item, teacher, outcome: str) -> None:
    """The class's teacher restores a flagged item (shown again) or removes it (rejected)."""
    _check_class_teacher(item, teacher)
    if not item.flagged:
        raise BoardError(_("This item is not flagged."))
    if outcome not in (REMOVED, RESTORED):
        raise BoardError(_("Choose to restore or remove the item."))
    flagger = item.flagged_by
    project = _project_of(item)
    with transaction.atomic():
        item.flagged_by, item.flagged_at, item.flag_reason = None, None, ""
        fields = ["flagged_by", "flagged_at", "flag_reason"]
        if outcome == REMOVED:
            item.status = Status.REJECTED
            fields.append("status")
        item.save(update_fields=fields)
        if flagger is not None:
            notify(
                recipient=flagger,
                kind=Notification.Kind.FLAG_DECIDED,
                params={"project": project.title, "outcome": outcome},
                url=board_url(project),
            )

"""The class teacher's decisions on her class's items (approve, take down) and a partner
teacher's flag, which hides an item until that teacher restores or removes it. (What the
operators' moderators hide is orbis/moderation's: it sets the item's hidden_by_staff.)"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project

from ..models import Comment, Post, Status
from . import notices
from .rules import BoardError, board_url, check_writable, queue_url

REMOVED, RESTORED = "removed", "restored"


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
            notices.notify_comment(item, approved_by=teacher)


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
    check_writable(project)
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

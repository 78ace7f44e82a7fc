"""Reporting, and the staff's actions on reports. Each write is one transaction that leaves an
AuditLog row for every action, so that who did what, when and why can always be answered."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.models import User
from orbis.board.models import Comment, Post, Status
from orbis.live.models import LiveSession
from orbis.live.services import cancel_session, plan_reminders
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.partners import index as partner_index
from orbis.projects.models import Project

from .models import TARGET_FIELDS, Action, AuditLog, Report, TargetKind
from .targets import Target, describe

REPORTS_PER_DAY = 20
HIDEABLE = (TargetKind.POST, TargetKind.COMMENT, TargetKind.SESSION, TargetKind.PROJECT)
UNDOABLE = (Action.HIDE, Action.CLOSE, Action.SUSPEND)


class ModerationError(Exception):
    """An action that can't be done, with a message for the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# ---- reporting ------------------------------------------------------------------------------


def already_reported(reporter, target: Target) -> bool:
    field = TARGET_FIELDS[target.kind]
    return Report.objects.filter(
        reporter=reporter, status=Report.Status.OPEN, **{field: target.obj}
    ).exists()


def report_create(*, reporter, target: Target, reason: str, details: str) -> Report:
    with transaction.atomic():
        # One reporter's reports are counted one at a time: two tabs can't pass the limit.
        User.objects.select_for_update().filter(pk=reporter.pk).first()
        since = timezone.now() - timedelta(days=1)
        if Report.objects.filter(reporter=reporter, created_at__gte=since).count() >= (
            REPORTS_PER_DAY
        ):
            raise ModerationError(
                _("You sent %(count)d reports today: please wait until tomorrow.")
                % {"count": REPORTS_PER_DAY}
            )
        if already_reported(reporter, target):
            raise ModerationError(_("You already reported this."))
        try:
            with transaction.atomic():
                return Report.objects.create(
                    reporter=reporter,
                    target_kind=target.kind,
                    **{TARGET_FIELDS[target.kind]: target.obj},
                    target_label=target.label,
                    snapshot=target.snapshot,
                    target_url=target.url,
                    reason=reason,
                    details=details.strip(),
                )
        except IntegrityError:  # the same report sent twice at once
            raise ModerationError(_("You already reported this.")) from None


# ---- what the staff may do with a report -----------------------------------------------------


def current_target(report: Report) -> Target | None:
    """The reported thing as it is now, or None when it was deleted."""
    obj = report.target
    return describe(report.target_kind, obj) if obj is not None else None


def _last_undoable(report: Report) -> AuditLog | None:
    return (
        report.audit.filter(action__in=UNDOABLE, undone_by__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


def available_actions(report: Report, target: Target | None = None) -> list[str]:
    target = target if target is not None else current_target(report)
    actions = []
    if target is not None and report.target_kind in HIDEABLE:
        actions.append(Action.HIDE)
    if _last_undoable(report) is not None:
        actions.append(Action.RESTORE)
    responsible = target.responsible if target is not None else None
    if responsible is not None:
        actions.append(Action.WARN)
        if not responsible.is_staff:
            actions.append(Action.SUSPEND)
    if target is not None and report.target_kind == TargetKind.PROJECT:
        actions.append(Action.CLOSE)
    actions.append(Action.DISMISS)
    return actions


def decide(*, report: Report, actor, action: str, reason: str) -> AuditLog:
    """Carry out one action on a report's target, log it, and close the report (and every other
    open report of the same target) telling each reporter the outcome."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        target = current_target(report)
        if action not in available_actions(report, target):
            raise ModerationError(_("This action doesn't apply to this report."))
        entry = AuditLog(
            actor=actor,
            actor_name=f"{actor} <{actor.email}>"[:200],
            action=action,
            reason=reason,
            report=report,
            target_kind=report.target_kind,
            target_id=target.obj.pk if target is not None else None,
            target_label=report.target_label,
            snapshot=target.snapshot if target is not None else report.snapshot,
        )
        _ACTIONS[action](entry, report, target)
        entry.save()
        now = timezone.now()
        if report.is_open:
            same = Report.objects.select_for_update().filter(status=Report.Status.OPEN)
            field = TARGET_FIELDS[report.target_kind]
            if target is not None:
                same = same.filter(**{field: target.obj})
            else:
                same = same.filter(pk=report.pk)
            for decided in same:
                _close(decided, actor=actor, action=action, reason=reason, now=now)
        else:  # a later action on a decided report: the latest decision is the one shown
            Report.objects.filter(pk=report.pk).update(
                decision=action, decided_by=actor, decided_at=now, outcome_note=reason
            )
    return entry


def _close(report: Report, *, actor, action, reason, now) -> None:
    report.status = Report.Status.DECIDED
    report.decision = action
    report.decided_by = actor
    report.decided_at = now
    report.outcome_note = reason
    report.save(update_fields=["status", "decision", "decided_by", "decided_at", "outcome_note"])
    if report.reporter_id is None:
        return
    # What was hidden or closed is no longer there to look at.
    shown = action not in (Action.HIDE, Action.CLOSE, Action.SUSPEND)
    notify(
        recipient=report.reporter,
        kind=Notification.Kind.REPORT_DECIDED,
        params={"label": report.target_label, "outcome": action},
        url=report.target_url if shown and report.target_url else reverse("dashboard"),
    )


# ---- the actions ------------------------------------------------------------------------------


def _hide(entry: AuditLog, report: Report, target: Target) -> None:
    obj = target.obj
    if report.target_kind in (TargetKind.POST, TargetKind.COMMENT):
        if obj.status == Status.REJECTED:
            raise ModerationError(_("It is hidden already."))
        entry.before = {"status": obj.status}
        type(obj).objects.filter(pk=obj.pk).update(status=Status.REJECTED, hidden_by_staff=True)
    elif report.target_kind == TargetKind.SESSION:
        # Cancelled as its teachers would: their calendars and reminders follow.
        if not cancel_session(obj, actor=None):
            raise ModerationError(_("It is hidden already."))
        entry.before = {"status": LiveSession.Status.SCHEDULED}
    else:  # a project leaves the public listings; its members keep working in it
        if obj.visibility == Project.Visibility.LINK:
            raise ModerationError(_("It is hidden already."))
        entry.before = {"visibility": obj.visibility}
        Project.objects.filter(pk=obj.pk).update(visibility=Project.Visibility.LINK)


def _close_project(entry: AuditLog, report: Report, target: Target) -> None:
    # The owner's status machine doesn't matter here: a staff close always archives.
    project = target.obj
    if project.status == Project.Status.ARCHIVED:
        raise ModerationError(_("The project is closed already."))
    entry.before = {"status": project.status}
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.ARCHIVED, updated_at=timezone.now()
    )


def _on_account(entry: AuditLog, target: Target) -> User:
    """Warnings and suspensions act on the responsible teacher's account: log that as the
    target, with the reported content as the snapshot."""
    user = target.responsible
    entry.target_kind = TargetKind.PROFILE
    entry.target_id = user.pk
    entry.target_label = str(user)[:200]
    return user


def _warn(entry: AuditLog, report: Report, target: Target) -> None:
    user = _on_account(entry, target)
    notify(
        recipient=user,
        kind=Notification.Kind.ACCOUNT_WARNED,
        params={"label": report.target_label, "reason": entry.reason},
        url=target.url or reverse("dashboard"),
    )


def _suspend(entry: AuditLog, report: Report, target: Target) -> None:
    user = _on_account(entry, target)
    if not user.is_active:
        raise ModerationError(_("The account is suspended already."))
    entry.before = {"is_active": True}
    User.objects.filter(pk=user.pk).update(is_active=False)
    partner_index.invalidate()  # a suspended teacher's classes leave the search
    end_sessions(user)


def end_sessions(user) -> None:
    """Sign the user out everywhere. An inactive user is refused on her next request anyway
    (ModelBackend.get_user ignores inactive users); deleting her sessions makes that final."""
    if not settings.SESSION_ENGINE.endswith(("sessions.backends.db", "backends.cached_db")):
        return
    from django.contrib.sessions.models import Session

    key = str(user.pk)
    hers = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get(SESSION_KEY)) == key
    ]
    Session.objects.filter(pk__in=hers).delete()


def _restore(entry: AuditLog, report: Report, target: Target | None) -> None:
    undone = _last_undoable(report)
    before = undone.before or {}
    entry.undoes = undone
    entry.target_kind, entry.target_id = undone.target_kind, undone.target_id
    entry.target_label = undone.target_label
    kind = undone.target_kind
    if undone.action == Action.SUSPEND:
        updated = User.objects.filter(pk=undone.target_id).update(is_active=True)
        partner_index.invalidate()
    elif kind in (TargetKind.POST, TargetKind.COMMENT):
        status = before.get("status")
        status = status if status in Status.values else Status.APPROVED
        model = Post if kind == TargetKind.POST else Comment
        updated = model.objects.filter(pk=undone.target_id).update(
            status=status, hidden_by_staff=False
        )
    elif kind == TargetKind.SESSION:
        updated = _restore_session(undone.target_id)
    elif undone.action == Action.CLOSE:
        status = before.get("status")
        status = status if status in Project.Status.values else Project.Status.COMPLETED
        updated = Project.objects.filter(pk=undone.target_id).update(status=status)
    else:
        visibility = before.get("visibility")
        if visibility not in Project.Visibility.values:
            visibility = Project.Visibility.PUBLIC
        updated = Project.objects.filter(pk=undone.target_id).update(visibility=visibility)
    if not updated:
        raise ModerationError(_("It no longer exists: there is nothing to restore."))


def _restore_session(session_id) -> int:
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None:
        return 0
    LiveSession.objects.filter(pk=session_id).update(
        status=LiveSession.Status.SCHEDULED,
        sequence=F("sequence") + 1,
        updated_at=timezone.now(),
    )
    session.refresh_from_db()
    plan_reminders(session)
    return 1


def _dismiss(entry: AuditLog, report: Report, target: Target | None) -> None:
    """Nothing changes; the log keeps the decision and its reason."""


_ACTIONS = {
    Action.HIDE: _hide,
    Action.RESTORE: _restore,
    Action.WARN: _warn,
    Action.SUSPEND: _suspend,
    Action.CLOSE: _close_project,
    Action.DISMISS: _dismiss,
}

"""Scheduling, moving and cancelling live sessions; their reminders; calendar feed tokens.

Every write is one transaction. Notifications go to the teachers of the participating classes
(students are minors without email: they see sessions on their pages, nothing more).
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.limits import email_refusal
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project

from .models import REMINDER_HOURS, CalendarFeed, LiveSession, SessionReminder, new_feed_token
from .tasks import send_reminder
from .times import zone_of

MAX_AHEAD = timedelta(days=366)
# Fields whose change the participating teachers must hear about (and calendars must update).
WATCHED = ("title", "agenda", "starts_at", "minutes", "meeting_url")


class LiveError(Exception):
    """A refused change, with a message for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def session_url(session: LiveSession) -> str:
    return reverse("live_session_detail", args=[session.project.token, session.pk])


def _check(project: Project, starts_at, classrooms) -> None:
    if project.status == Project.Status.ARCHIVED:
        raise LiveError(_("This project is archived: it has no more live sessions."))
    now = timezone.now()
    if starts_at <= now:
        raise LiveError(_("Choose a time in the future."))
    if starts_at > now + MAX_AHEAD:
        raise LiveError(_("Choose a time within the next year."))
    members = {m.classroom_id for m in project.memberships.all()}
    if len(classrooms) < 2:
        raise LiveError(_("A live session needs at least two classes."))
    if any(c.pk not in members for c in classrooms):
        raise LiveError(_("Only classes of this project can take part."))


def _teachers(classrooms) -> list:
    """Each teacher once, in the order of their classes."""
    seen, found = set(), []
    for classroom in classrooms:
        if classroom.teacher_id not in seen:
            seen.add(classroom.teacher_id)
            found.append(classroom.teacher)
    return found


def _notify_teachers(session, kind, classrooms, *, actor=None, **extra) -> None:
    for teacher in _teachers(classrooms):
        if actor is not None and teacher.pk == actor.pk:
            continue
        notify(
            recipient=teacher,
            kind=kind,
            params={
                "session": session.title,
                "project": session.project.title,
                "start": session.starts_at.isoformat(),
                "zone": zone_of(teacher.school).key,
                **extra,
            },
            url=session_url(session),
        )


def _enqueue_reminder(reminder_id: int, due_at) -> None:
    # A backend that cannot defer (the immediate one of development and tests) would send it
    # now: there the sweep (`orbis send_reminders`) sends it when it is due.
    if send_reminder.get_backend().supports_defer:
        send_reminder.using(run_after=due_at).enqueue(reminder_id, due_at.isoformat())


def plan_reminders(session: LiveSession) -> list[SessionReminder]:
    """(Re)date the session's reminders for its start: 24 h and 1 h before, those still ahead.

    A moved session keeps its reminder rows with new due times and unsent: a task queued for
    the old time looks for the old due time, finds nothing, and sends nothing.
    """
    now = timezone.now()
    planned = []
    for hours in REMINDER_HOURS:
        due_at = session.starts_at - timedelta(hours=hours)
        if due_at <= now:
            SessionReminder.objects.filter(session=session, hours_before=hours).delete()
            continue
        reminder, _created = SessionReminder.objects.update_or_create(
            session=session, hours_before=hours, defaults={"due_at": due_at, "sent_at": None}
        )
        transaction.on_commit(partial(_enqueue_reminder, reminder.pk, due_at))
        planned.append(reminder)
    return planned


def schedule_session(
    *,
    project: Project,
    actor,
    title: str,
    agenda: str,
    starts_at,
    minutes: int,
    meeting_url: str,
    classrooms: list,
    suggested_session=None,
) -> LiveSession:
    if refusal := email_refusal(actor):
        raise LiveError(refusal)
    _check(project, starts_at, classrooms)
    if suggested_session is not None and suggested_session.project_id != project.pk:
        raise LiveError(_("Choose a session of this project's plan."))
    with transaction.atomic():
        session = LiveSession(
            project=project,
            title=title,
            agenda=agenda,
            starts_at=starts_at,
            minutes=minutes,
            meeting_url=meeting_url,
            created_by=actor,
            suggested_session=suggested_session,
        )
        session.full_clean(exclude=["project", "created_by", "suggested_session"])
        session.save()
        session.classrooms.set(classrooms)
        plan_reminders(session)
        _notify_teachers(
            session,
            Notification.Kind.SESSION_SCHEDULED,
            classrooms,
            actor=actor,
            teacher=str(actor),
        )
    return session


def update_session(session: LiveSession, *, actor, classrooms: list, **fields) -> bool:
    """Change a scheduled session; True when something changed (and the teachers were told)."""
    if session.cancelled:
        raise LiveError(_("This session was cancelled: schedule a new one."))
    if session.starts_at <= timezone.now():
        raise LiveError(_("This session has already started: it can't be changed."))
    _check(session.project, fields.get("starts_at", session.starts_at), classrooms)
    suggested = fields.get("suggested_session")
    if suggested is not None and suggested.project_id != session.project_id:
        raise LiveError(_("Choose a session of this project's plan."))
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        before = list(session.classrooms.all())
        moved = fields.get("starts_at", session.starts_at) != session.starts_at
        changed = [n for n in WATCHED if n in fields and fields[n] != getattr(session, n)]
        relinked = (
            "suggested_session" in fields
            and fields["suggested_session"] != session.suggested_session
        )
        for name, value in fields.items():
            setattr(session, name, value)
        classes_changed = {c.pk for c in before} != {c.pk for c in classrooms}
        if not changed and not classes_changed:
            # Which plan session it holds is bookkeeping: nobody's calendar changes.
            if relinked:
                session.save(update_fields=["suggested_session", "updated_at"])
            return False
        session.sequence += 1
        session.full_clean(exclude=["project", "created_by", "suggested_session"])
        session.save()
        if classes_changed:
            session.classrooms.set(classrooms)
        if moved:
            plan_reminders(session)
        # A class taken out hears of the change too: its teacher had it in the calendar.
        told = list({c.pk: c for c in [*classrooms, *before]}.values())
        _notify_teachers(session, Notification.Kind.SESSION_CHANGED, told, actor=actor)
    return True


def cancel_session(session: LiveSession, *, actor) -> bool:
    """Cancel; False when it was already cancelled (a second click changes nothing)."""
    with transaction.atomic():
        updated = LiveSession.objects.filter(
            pk=session.pk, status=LiveSession.Status.SCHEDULED
        ).update(
            status=LiveSession.Status.CANCELLED,
            sequence=F("sequence") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            return False
        session.refresh_from_db()
        SessionReminder.objects.filter(session=session, sent_at__isnull=True).delete()
        _notify_teachers(
            session,
            Notification.Kind.SESSION_CANCELLED,
            list(session.classrooms.select_related("teacher__school")),
            actor=actor,
        )
    return True


def feed_of(teacher) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(teacher=teacher)
    return feed


def reset_feed(teacher) -> CalendarFeed:
    """A new secret address: the old one stops working at once."""
    with transaction.atomic():
        feed = feed_of(teacher)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed

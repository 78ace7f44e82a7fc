"""Reminders of live sessions, sent once each whatever happens to the queue.

Each reminder is a row. Sending claims it first (sets `sent_at` where it is still null and
still due at the time the job was queued for), so two jobs for one reminder send it once, and
a job queued before the session moved finds nothing to send. The sweep sends every reminder
that is due and unsent — the ones whose queued job a worker restart lost — and is run every
few minutes by `orbis send_reminders` (cron or a systemd timer).
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from orbis.notifications.models import Notification
from orbis.notifications.services import notify

from .models import REMINDER_HOURS, LiveSession, SessionReminder
from .times import zone_of


def worth_sending(reminder: SessionReminder, now: datetime) -> bool:
    """Not for a cancelled or started session, nor when a closer reminder is already due
    (a 24-hour reminder that comes 23 hours late would only repeat the 1-hour one)."""
    session = reminder.session
    if session.status != LiveSession.Status.SCHEDULED or now >= session.starts_at:
        return False
    closer = [h for h in REMINDER_HOURS if h < reminder.hours_before]
    return all(now < session.starts_at - timedelta(hours=h) for h in closer)


def deliver(reminder_id: int, due_at: datetime, now: datetime | None = None) -> bool:
    """Send one reminder if it is still unsent and still due at `due_at`; True if sent."""
    now = now or timezone.now()
    with transaction.atomic():
        reminder = (
            SessionReminder.objects.select_related("session__project")
            .filter(pk=reminder_id, sent_at__isnull=True, due_at=due_at)
            .first()
        )
        if reminder is None or not worth_sending(reminder, now):
            return False
        claimed = SessionReminder.objects.filter(
            pk=reminder_id, sent_at__isnull=True, due_at=due_at
        ).update(sent_at=now)
        if not claimed:
            return False
        session = reminder.session
        url = reverse("live_session_detail", args=[session.project.token, session.pk])
        classrooms = session.classrooms.select_related("teacher__school")
        teachers = {c.teacher_id: c.teacher for c in classrooms}  # each teacher once
        for teacher in teachers.values():
            notify(
                recipient=teacher,
                kind=Notification.Kind.SESSION_REMINDER,
                params={
                    "session": session.title,
                    "project": session.project.title,
                    "count": reminder.hours_before,
                    "start": session.starts_at.isoformat(),
                    "zone": zone_of(teacher.school).key,
                },
                url=url,
            )
    return True


def send_due(now: datetime | None = None) -> int:
    """Send every reminder that is due and unsent; how many were sent."""
    now = now or timezone.now()
    due = SessionReminder.objects.filter(
        sent_at__isnull=True,
        due_at__lte=now,
        session__status=LiveSession.Status.SCHEDULED,
        session__starts_at__gt=now,
    ).values_list("pk", "due_at")
    return sum(deliver(pk, due_at, now) for pk, due_at in list(due))


@task()
def send_reminder(reminder_id: int, due_at: str) -> bool:
    try:
        moment = datetime.fromisoformat(due_at)
    except (TypeError, ValueError):
        return False
    return deliver(reminder_id, moment)


@task()
def send_due_reminders() -> int:
    return send_due()

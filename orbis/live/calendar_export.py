"""Live sessions as iCalendar: one session's .ics, and a teacher's private feed of all her
sessions and her projects' milestones. Times are written in UTC, which every calendar app
turns into its reader's zone; milestones are all-day entries, right in every zone."""

from datetime import UTC, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from orbis.projects.calendar_export import all_day_event
from orbis.projects.models import Milestone, Project

from .models import LiveSession

FEED_PAST_DAYS = 60  # the feed keeps recent sessions: a calendar app would drop them otherwise


def _host() -> str:
    return (settings.ALLOWED_HOSTS or ["orbis"])[0].lstrip(".") or "orbis"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Orbis//Live sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def session_event(session: LiveSession, *, with_link: bool = True) -> Event:
    """The session as an event; without its meeting link for students (see views)."""
    page = settings.SITE_URL.rstrip("/") + reverse(
        "live_session_detail", args=[session.project.token, session.pk]
    )
    classes = ", ".join(c.name for c in session.classrooms.all())
    event = Event()
    event.add("uid", f"live-session-{session.pk}@{_host()}")
    event.add("sequence", session.sequence)
    event.add("summary", f"{session.project.title}: {session.title}")
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("dtstamp", timezone.now())
    event.add("last-modified", session.updated_at)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    if with_link:
        event.add("url", session.meeting_url)
        event.add("location", f"{session.tool_label}: {session.meeting_url}")
    else:
        event.add("location", session.tool_label)
    event.add(
        "description",
        "\n\n".join(
            part
            for part in (
                session.agenda,
                _("Classes: %(classes)s") % {"classes": classes},
                _("Join: %(link)s") % {"link": session.meeting_url} if with_link else "",
                _("On Orbis: %(page)s") % {"page": page},
            )
            if part
        ),
    )
    return event


def session_calendar(session: LiveSession, *, with_link: bool = True) -> bytes:
    calendar = _calendar(session.title)
    calendar.add_component(session_event(session, with_link=with_link))
    return calendar.to_ical()


def teacher_feed(teacher) -> bytes:
    """Every live session of her classes (the recent past and the future, not cancelled ones)
    and the milestones of every project her classes are members of."""
    calendar = _calendar(_("Orbis – %(teacher)s") % {"teacher": teacher})
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    sessions = (
        LiveSession.objects.filter(
            classrooms__teacher=teacher,
            status=LiveSession.Status.SCHEDULED,
            starts_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS),
        )
        .distinct()
        .select_related("project")
        .prefetch_related("classrooms")
    )
    for session in sessions:
        calendar.add_component(session_event(session))
    projects = (
        Project.objects.filter(memberships__classroom__teacher=teacher)
        .distinct()
        .prefetch_related(Prefetch("milestones", Milestone.objects.order_by("due_date", "pk")))
    )
    for project in projects:
        for milestone in project.milestones.all():
            # The same UID as in the project's own .ics, so importing both makes no duplicates.
            calendar.add_component(
                all_day_event(
                    f"project-{project.pk}-milestone-{milestone.pk}@{_host()}",
                    f"{project.title}: ◆ {milestone.title}",
                    milestone.due_date,
                )
            )
    return calendar.to_ical()

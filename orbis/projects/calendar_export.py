"""A project's dates as an iCalendar file (activities, milestones, suggested sessions)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from orbis.vocabulary import Phase

from .models import Project


def all_day_event(uid: str, summary: str, day, description: str = "") -> Event:
    """One all-day entry (a date, right in every time zone): here and in live's feed."""
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)  # a date: an all-day entry, right in every time zone
    event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", timezone.now())
    if description:
        event.add("description", description)
    return event


def project_calendar(project: Project) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Orbis//Project plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", project.title)
    host = (settings.ALLOWED_HOSTS or ["orbis"])[0].lstrip(".") or "orbis"
    for activity in project.activities.all():
        calendar.add_component(
            all_day_event(
                f"project-{project.pk}-activity-{activity.pk}@{host}",
                f"{project.title}: {activity.title}",
                activity.due_date,
                "\n\n".join(
                    part
                    for part in (
                        f"{Phase(activity.phase).label}",
                        activity.instructions,
                        _("Evidence: %(evidence)s") % {"evidence": activity.evidence}
                        if activity.evidence
                        else "",
                    )
                    if part
                ),
            )
        )
    for milestone in project.milestones.all():
        calendar.add_component(
            all_day_event(
                f"project-{project.pk}-milestone-{milestone.pk}@{host}",
                f"{project.title}: ◆ {milestone.title}",
                milestone.due_date,
            )
        )
    for session in project.sessions.all():
        calendar.add_component(
            all_day_event(
                f"project-{project.pk}-session-{session.pk}@{host}",
                _("%(project)s: live session (%(minutes)d min) – %(title)s")
                % {"project": project.title, "minutes": session.minutes, "title": session.title},
                session.on_date,
                session.purpose,
            )
        )
    return calendar.to_ical()

"""Plain builders for tests of every app: projects planned by the real generator, partners,
classes abroad, timetables, challenges and their entries, live sessions. They write through the
services (not the pages), so a test can start from a running project in one line."""

from datetime import timedelta

from django.utils import timezone

from orbis.challenges import services as challenge_services
from orbis.challenges.models import Challenge
from orbis.core.plans import generator
from orbis.live import services as live_services
from orbis.projects.access import project_with_members
from orbis.projects.models import Membership, Project
from orbis.projects.services.plans import plan_request_from_answers, project_create_from_plan
from orbis.schools.calendars import school_calendar
from orbis.uploads.processing import clean_upload
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)
from tests.samples import png_upload

MEET = "https://meet.jit.si/orbis-rivers-and-festivals"


# ---- projects ------------------------------------------------------------------------------


def plan_answers(
    classroom, *, start=None, weeks=4, mode="live", approach="", sdgs=(4,)
) -> dict:
    """The answers the assistant keeps for a project (what Project.answers holds)."""
    start = start or timezone.localdate() + timedelta(days=14)
    return {
        "classroom": classroom.pk,
        "age_min": 10,
        "age_max": 12,
        "subject": "social-studies",
        "competencies": ["intercultural-communication", "empathy"],
        "sdgs": list(sdgs),
        "weeks": weeks,
        "start": start.isoformat(),
        "mode": mode,
        "approach": approach,
        "languages": ["es", "en"],
        "text_language": "en",
        "max_partners": 2,
    }


def build_project(classroom, *, status=Project.Status.DRAFT, max_partners=2, **answer_options):
    """A project planned by the generator for the classroom's teacher, stored by the service."""
    answers = plan_answers(classroom, **answer_options)
    calendar = school_calendar(classroom.teacher.school)
    plan = generator.generate_plan(plan_request_from_answers(answers, [calendar]))
    project = project_create_from_plan(
        owner=classroom.teacher,
        classroom=classroom,
        answers=answers,
        plan=plan,
        max_partners=max_partners,
    )
    if status != Project.Status.DRAFT:
        Project.objects.filter(pk=project.pk).update(status=status)
        project.refresh_from_db()
    return project


def add_partner(project, classroom, role=Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(project=project, classroom=classroom, role=role)


def foreign_classroom(country: str, name: str, **school_options):
    """A classroom of a new teacher whose school is in the given country."""
    school = SchoolFactory(name=f"School in {country}", country=country, **school_options)
    return ClassroomFactory(teacher=TeacherFactory(school=school), name=name)


# ---- timetables and live sessions ----------------------------------------------------------


def weekdays(classroom, start: str, end: str, days=range(5)) -> None:
    """Availability on the given weekdays from start to end (HH:MM, local time)."""
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    for day in days:
        AvailabilityPeriodFactory(
            classroom=classroom, weekday=day, start_minute=h1 * 60 + m1, end_minute=h2 * 60 + m2
        )


def schedule(project, actor, classrooms, *, at=None, minutes=45, title="Rivers we live by"):
    """A live session through the service, for a project fetched the way the pages fetch it
    (memberships with their classes prefetched); in three days unless `at` says when."""
    return live_services.schedule_session(
        project=project_with_members(project.token),
        actor=actor,
        title=title,
        agenda="Greetings, then each class shows its river.",
        starts_at=at or timezone.now() + timedelta(days=3),
        minutes=minutes,
        meeting_url=MEET,
        classrooms=list(classrooms),
    )


# ---- challenges ----------------------------------------------------------------------------


def open_challenge(**options) -> Challenge:
    """A challenge open since yesterday for ten more days."""
    today = timezone.localdate()
    values = {
        "title": "International Day of Play 2026",
        "theme": "Build and share your creation",
        "description": "Invent a **game** that a class far away can play.",
        "rules": "- One creation per team\n- No surnames",
        "starts_on": today - timedelta(days=1),
        "ends_on": today + timedelta(days=10),
        "status": Challenge.Status.OPEN,
    }
    return challenge_services.challenge_create(**{**values, **options})


def enter(challenge, classroom, *, student=None, files=None, title="Our paper city", **options):
    """An entry through the service: by the class's teacher unless a student is given."""
    uploads = [clean_upload(f) for f in (files or [png_upload()])]
    author = {"student": student} if student else {"teacher": classroom.teacher}
    return challenge_services.entry_create(
        challenge=challenge, classroom=classroom, title=title, uploads=uploads, **author, **options
    )

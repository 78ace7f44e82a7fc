"""The demo's collaboration story: every space of a project has something to show."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from orbis.board.models import Attachment, Post
from orbis.challenges.models import Challenge, ChallengeEntry
from orbis.core.schooldays import closed_reason
from orbis.core.world import build_world
from orbis.demo.collaboration import GISEL, load_collaboration
from orbis.demo.loader import DEMO_PASSWORD, load_world
from orbis.live.models import LiveSession, SessionReminder
from orbis.projects.models import Project
from orbis.reflections.models import ReflectionResponse
from orbis.schools.calendars import school_calendar
from orbis.showcase.models import Showcase

pytestmark = pytest.mark.django_db


def expected_reminders(session) -> list[int]:
    """24 h and 1 h before, except those already past when it was scheduled (a session
    tomorrow morning gets only the 1-hour reminder)."""
    now = timezone.now()
    return sorted(h for h in (1, 24) if session.starts_at - timedelta(hours=h) > now)


@pytest.fixture
def story():
    load_world(build_world(), password=DEMO_PASSWORD)
    return load_collaboration(timezone.localdate())


def test_the_story_is_loaded_once(story):
    assert len(story) == 3
    rows = (Project, Post, Attachment, LiveSession, SessionReminder, Showcase, Challenge)
    before = {model: model.objects.count() for model in rows}
    assert load_collaboration(timezone.localdate()) == []
    assert {model: model.objects.count() for model in rows} == before


def test_two_classes_of_two_continents_exchange_on_the_running_board(story):
    project = Project.objects.get(owner__email=GISEL, status=Project.Status.RUNNING)
    countries = {m.classroom.teacher.school.country.code for m in project.memberships.all()}
    assert countries == {"AR", "IN"}
    visible = project.posts.filter(status=Post.Status.APPROVED)
    assert {post.classroom.teacher.school.country.code for post in visible} == {"AR", "IN"}
    assert Attachment.objects.filter(post__project=project, kind="image").count() >= 2
    waiting = project.posts.get(status=Post.Status.PENDING)
    assert waiting.author_student is not None  # a student's post, for the teacher's queue


def free_at(classroom, start, minutes) -> bool:
    """The class has lessons then: a school day of its school, inside one of its periods."""
    school = classroom.teacher.school
    local = start.astimezone(ZoneInfo(school.time_zone))
    begin = local.hour * 60 + local.minute
    inside = classroom.availability.filter(
        weekday=local.weekday(), start_minute__lte=begin, end_minute__gte=begin + minutes
    ).exists()
    return inside and closed_reason(local.date(), school_calendar(school)) is None


def test_the_live_session_is_at_a_time_both_classes_are_free_with_reminders(story):
    # Which day depends on today (a public holiday in Argentina or India moves it): the rule
    # holds on any day. 10:40–11:30 UTC is the only time Rosario and Hyderabad share.
    session = LiveSession.objects.get(project__owner__email=GISEL)
    assert session.starts_at > timezone.now()
    assert sorted(
        SessionReminder.objects.filter(session=session).values_list("hours_before", flat=True)
    ) == expected_reminders(session)
    classes = list(session.classrooms.select_related("teacher__school"))
    assert len(classes) == 2
    assert all(free_at(room, session.starts_at, session.minutes) for room in classes)
    assert (10, 40) <= (session.starts_at.hour, session.starts_at.minute) <= (10, 50)


def test_the_finished_project_has_a_published_showcase_and_reflections(story):
    project = Project.objects.get(owner__email=GISEL, status=Project.Status.COMPLETED)
    assert project.end_date < timezone.localdate()
    assert project.showcase.status == Showcase.Status.PUBLISHED
    assert project.showcase.items.filter(show_faces=True).count() == 3
    assert ReflectionResponse.objects.filter(prompt__project=project).count() == 3


def test_the_challenge_is_open_with_two_approved_entries(story):
    challenge = Challenge.objects.get()
    today = timezone.localdate()
    assert challenge.starts_on <= today <= challenge.ends_on
    assert challenge.entries.filter(status=ChallengeEntry.Status.APPROVED).count() == 2


@pytest.mark.parametrize(
    "day", [datetime(2027, 7, 5, 12, tzinfo=UTC), datetime(2027, 1, 1, 3, tzinfo=UTC)]
)
def test_the_story_loads_on_any_day(db, day):
    """Dates are relative to the day the demo runs: mid-year or New Year's Day both work."""
    with time_machine.travel(day, tick=False):
        load_world(build_world(), password=DEMO_PASSWORD)
        assert len(load_collaboration(timezone.localdate())) == 3

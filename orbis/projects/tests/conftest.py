"""Projects for the tests of the projects app, built from the real template library without
going through the assistant's pages (test_project_flow.py drives those)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orbis.core.plans import generator
from orbis.projects import services
from orbis.projects.models import JoinRequest, Membership, Project
from tests.factories import ClassroomFactory, SchoolFactory, TeacherFactory


def plan_answers(classroom, *, start=None, weeks=4, mode="live", approach="") -> dict:
    """The answers the assistant keeps for a project (what Project.answers holds)."""
    start = start or timezone.localdate() + timedelta(days=14)
    return {
        "classroom": classroom.pk,
        "age_min": 10,
        "age_max": 12,
        "subject": "social-studies",
        "competencies": ["intercultural-communication", "empathy"],
        "sdgs": [4],
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
    calendar = services.school_calendar_of(classroom.teacher.school)
    plan = generator.generate_plan(services.plan_request_from_answers(answers, [calendar]))
    project = services.project_create_from_plan(
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


@pytest.fixture
def make_project(classroom):
    def make(room=None, **options):
        return build_project(room or classroom, **options)

    return make


@pytest.fixture
def draft(make_project):
    return make_project()


@pytest.fixture
def open_project(make_project):
    return make_project(status=Project.Status.OPEN)


@pytest.fixture
def delhi(partner_teacher):
    return ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])


@pytest.fixture
def join_request(open_project, delhi):
    return JoinRequest.objects.create(project=open_project, classroom=delhi, message="Namaste!")

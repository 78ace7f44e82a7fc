"""Open projects in the demo world, so the project listing has something to join.

Each is built by the assistant's generator from a few answers, as a teacher would build it, and
opened for partners. Idempotent: a teacher who already owns a project built from the same
template gets no second one.
"""

from datetime import date, timedelta

from django.db import transaction

from orbis.accounts.models import User
from orbis.core.plans import generator
from orbis.projects.models import Project
from orbis.projects.services import plans
from orbis.projects.services.status import change_status
from orbis.schools.calendars import school_calendar

# (teacher, classroom, answers): the stories of the seed documents.
DEMO_PROJECTS = (
    (
        "jhansi.reddy@demo.orbis.test",
        "Class 7 Science",
        {
            "template": "hobbies-sports-and-free-time",
            "age_min": 11,
            "age_max": 13,
            "subject": "physical-education",
            "competencies": ["intercultural-communication", "language"],
            "sdgs": [3],
            "weeks": 3,
            "mode": "live",
            "languages": ["en"],
            "text_language": "en",
            "max_partners": 5,
        },
    ),
    (
        "olenka.kovalenko@demo.orbis.test",
        "Form 8-B English",
        {
            "template": "my-school",
            "age_min": 13,
            "age_max": 15,
            "subject": "english",
            "competencies": ["intercultural-communication", "empathy"],
            "sdgs": [4],
            "weeks": 1,
            "mode": "live",
            "languages": ["en", "uk"],
            "text_language": "en",
            "max_partners": 2,
        },
    ),
    (
        "martin.sosa@demo.orbis.test",
        "5th year Environment",
        {
            "template": "water-in-our-lives",
            "age_min": 14,
            "age_max": 17,
            "subject": "environment",
            "competencies": ["critical-thinking", "global-citizenship"],
            "sdgs": [6],
            "weeks": 6,
            "mode": "async",
            "languages": ["es", "en"],
            "text_language": "es",
            "max_partners": 3,
        },
    ),
)


def load_demo_projects(today: date) -> int:
    """Create the demo projects that are missing; returns how many were created."""
    created = 0
    for email, classroom_name, answers in DEMO_PROJECTS:
        teacher = User.objects.filter(email=email).select_related("school").first()
        classroom = teacher.classrooms.filter(name=classroom_name).first() if teacher else None
        template = answers["template"]
        if (
            classroom is None
            or teacher.school is None
            or template not in generator.default_library()
        ):
            continue
        if Project.objects.filter(owner=teacher, template_key=template).exists():
            continue
        plain = {k: v for k, v in answers.items() if k != "template"}
        plain["start"] = (today + timedelta(days=14)).isoformat()
        request = plans.plan_request_from_answers(
            plain, [school_calendar(teacher.school)]
        )
        plan = generator.generate_plan(request, template_key=template)
        with transaction.atomic():
            project = plans.project_create_from_plan(
                owner=teacher,
                classroom=classroom,
                answers=plain,
                plan=plan,
                max_partners=plain["max_partners"],
            )
            change_status(project, Project.Status.OPEN, by=teacher)
        created += 1
    return created

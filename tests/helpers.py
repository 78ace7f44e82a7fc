"""Plain helpers for tests: submit the classroom form, prove nothing was half-saved, or open a
second client signed in as a student."""

from django.test import Client

from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.schools.models import School, SchoolTerm
from orbis.students.middleware import SESSION_KEY
from orbis.students.models import Student


def classroom_post(**overrides) -> dict:
    """A valid classroom form submission (live, Tuesday 13:00-14:10); override any field."""
    data = {
        "name": "7th grade A",
        "grade_label": "Grade 7",
        "age_min": "12",
        "age_max": "13",
        "student_count": "25",
        "subjects": ["geography", "history"],
        "languages": ["es", "en"],
        "english_level": "A2",
        "sdgs": ["4", "13"],
        "approaches": ["connect"],
        "exchange_mode": "live",
        "looking_for_partners": "on",
        "day_0": "",
        "day_1": "13:00-14:10",
        "day_2": "",
        "day_3": "",
        "day_4": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def counts() -> dict[str, int]:
    """How many rows each model the forms write to holds: to prove nothing was half-saved."""
    return {
        "schools": School.objects.count(),
        "terms": SchoolTerm.objects.count(),
        "classrooms": Classroom.objects.count(),
        "periods": AvailabilityPeriod.objects.count(),
        "students": Student.objects.count(),
    }


def student_client_for(student) -> Client:
    """A new client signed in as the student (for a test that needs several students)."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client

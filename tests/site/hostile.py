"""Hostile input for the forms of Orbis: the values (very long strings, control characters, HTML
and SQL fragments, template and format syntax, values of the wrong type, left out), the form
endpoints they are posted to, and the check that follows each request: never a 500, nothing
half-saved, and only clean text stored. Used by test_hostile_input.py and test_hostile_forms.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, settings

from orbis.accounts.models import User
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.schools.models import School, SchoolTerm
from orbis.students.models import Student

MISSING = object()

HOSTILE_VALUES = [
    "x" * 10_000,
    "a\x00b",
    "\x01\x02\x1b[31mred\x7f\x9b",
    "\u202eevil\u200b\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE accounts_user; --",
    "{{ 7|add:7 }}{% debug %} %(name)s %s",
    "99999999999999999999999999",
    "ñandú ÁNGELA 🙂",
    ["a", "b", "c"],
    MISSING,
]

# allauth answers 429 when its rate limits trip: a refusal, not an error.
OK_STATUSES = {200, 302, 400, 429}


@dataclass(frozen=True)
class Endpoint:
    url: Callable[[dict], str]
    payload: Callable[[dict], dict]
    as_teacher: bool = True
    method: str = "post"
    # Pages with long selects (every zone, every language) take 100-200 ms to render: they get
    # every hostile value in every field in len(HOSTILE_VALUES) requests (a Latin square). Cheap
    # pages get one request per field and value.
    expensive: bool = False


def classroom_payload(ids):
    return {
        "name": "7th grade A",
        "grade_label": "Grade 7",
        "age_min": "12",
        "age_max": "13",
        "student_count": "25",
        "subjects": ["geography"],
        "languages": ["es", "en"],
        "english_level": "A2",
        "sdgs": ["4"],
        "approaches": ["connect"],
        "exchange_mode": "live",
        "looking_for_partners": "on",
        "day_0": "09:00-10:00",
        "day_1": "13:00-14:10",
        "day_2": "",
        "day_3": "",
        "day_4": "",
    }


def school_payload(ids):
    return {
        "name": "Liceo",
        "country": "IT",
        "city": "Roma",
        "time_zone": "Europe/Rome",
        "weekend_days": ["5", "6"],
    }


ENDPOINTS: dict[str, Endpoint] = {
    "profile_edit": Endpoint(
        lambda ids: reverse("profile_edit"),
        lambda ids: {
            "display_name": "Gisel",
            "languages": ["es", "en"],
            "subjects": ["geography"],
            "bio": "Hola",
            "open_to_partnerships": "on",
        },
        expensive=True,
    ),
    "school_create": Endpoint(lambda ids: reverse("school_create"), school_payload, expensive=True),
    "school_edit": Endpoint(lambda ids: reverse("school_edit"), school_payload, expensive=True),
    "term_add": Endpoint(
        lambda ids: reverse("term_add"),
        lambda ids: {
            "kind": "term",
            "name": "Primer cuatrimestre",
            "starts_on": "2026-03-02",
            "ends_on": "2026-07-10",
        },
    ),
    "classroom_create": Endpoint(
        lambda ids: reverse("classroom_create"), classroom_payload, expensive=True
    ),
    "classroom_edit": Endpoint(
        lambda ids: reverse("classroom_edit", args=[ids["classroom"]]),
        classroom_payload,
        expensive=True,
    ),
    "join_code_custom": Endpoint(
        lambda ids: reverse("join_code_custom", args=[ids["classroom"]]),
        lambda ids: {"code": "ROSARIO26"},
    ),
    "student_rename": Endpoint(
        lambda ids: reverse("student_rename", args=[ids["classroom"], ids["student"]]),
        lambda ids: {f"s{ids['student']}-nickname": "Puma Azul"},
    ),
    # A returning student (the nickname exists) and a new one.
    "student_join_returning": Endpoint(
        lambda ids: reverse("student_join"),
        lambda ids: {"code": ids["code"], "nickname": "Puma", "secret": ids["secret"]},
        as_teacher=False,
    ),
    "student_join_new": Endpoint(
        lambda ids: reverse("student_join"),
        lambda ids: {"code": ids["code"], "nickname": "Condor", "secret": "", "accept_rules": "on"},
        as_teacher=False,
    ),
    "school_search": Endpoint(
        lambda ids: reverse("school_search"),
        lambda ids: {"q": "Rosario", "country": "AR", "page": "1"},
        method="get",
        expensive=True,
    ),
    "account_signup": Endpoint(
        lambda ids: reverse("account_signup"),
        lambda ids: {
            "email": "nueva@school.test",
            "password1": "Tango-Rosario-1978",
            "password2": "Tango-Rosario-1978",
            "accept_conduct": "on",
        },
        as_teacher=False,
        expensive=True,
    ),
    "account_login": Endpoint(
        lambda ids: reverse("account_login"),
        lambda ids: {"login": "gisel@school.test", "password": "correct horse battery"},
        as_teacher=False,
    ),
    "account_reset_password": Endpoint(
        lambda ids: reverse("account_reset_password"),
        lambda ids: {"email": "gisel@school.test"},
        as_teacher=False,
    ),
}

_SAMPLE_IDS = {"classroom": 1, "student": 1, "code": "X", "secret": "x"}
CHEAP_CASES = [
    (name, field)
    for name, endpoint in ENDPOINTS.items()
    if not endpoint.expensive
    for field in endpoint.payload(_SAMPLE_IDS)
]
EXPENSIVE = sorted(name for name, endpoint in ENDPOINTS.items() if endpoint.expensive)


def snapshot() -> dict:
    """Every row the forms can write, except bookkeeping that changes on any visit."""
    return {
        "users": list(
            User.objects.order_by("pk").values(
                "pk",
                "email",
                "display_name",
                "school",
                "languages",
                "subjects",
                "bio",
                "open_to_partnerships",
                "password",
            )
        ),
        "schools": list(School.objects.order_by("pk").values()),
        "terms": list(SchoolTerm.objects.order_by("pk").values()),
        "classrooms": list(Classroom.objects.order_by("pk").values()),
        "periods": list(AvailabilityPeriod.objects.order_by("pk").values()),
        "students": list(
            Student.objects.order_by("pk").values(
                "pk", "classroom", "nickname", "secret", "session_version"
            )
        ),
    }


def stored_texts() -> list[str]:
    texts = []
    for school in School.objects.all():
        texts += [school.name, school.city]
    texts += SchoolTerm.objects.values_list("name", flat=True)
    for room in Classroom.objects.all():
        texts += [room.name, room.grade_label]
    texts += Student.objects.values_list("nickname", flat=True)
    texts += User.objects.values_list("display_name", flat=True)
    return texts


def client_for(endpoint: Endpoint, teacher) -> Client:
    client = Client()
    if endpoint.as_teacher:
        client.force_login(teacher)
    return client


def check(endpoint: Endpoint, name: str, ids: dict, teacher, payload: dict) -> None:
    before = snapshot()
    client = client_for(endpoint, teacher)
    url = endpoint.url(ids)
    response = client.get(url, payload) if endpoint.method == "get" else client.post(url, payload)
    shown = {
        k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v) for k, v in payload.items()
    }
    assert response.status_code in OK_STATUSES, (name, shown, response.status_code)
    if response.status_code != 302:
        assert snapshot() == before, f"{name}: {shown} changed data without success"
    body = response.content.decode(errors="replace")
    assert "<script>alert(1)</script>" not in body, (name, shown)
    assert '"><img src=x onerror' not in body, (name, shown)
    for text in stored_texts():
        assert all(ch.isprintable() for ch in text), f"{name}: {shown} stored {text!r}"


def with_value(payload: dict, field: str, value) -> dict:
    payload = dict(payload)
    if value is MISSING:
        payload.pop(field, None)
    else:
        payload[field] = value
    return payload


fuzz = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

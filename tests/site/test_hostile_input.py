"""No server error on hostile input, and nothing half-saved.

(The htmx country fields get garbage in test_schools.py.)

Every form endpoint gets, as the user allowed to use it, its fields replaced by very long
strings, control characters, HTML and SQL fragments, template and format syntax, values of the
wrong type, and left out. The answer must never be a 500: either the form comes back with its
errors and the database is exactly as before, or the write succeeded and what was stored is
clean text.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbis.accounts.models import User
from orbis.classrooms import services as classroom_services
from orbis.classrooms.forms import ClassroomForm, TimetableForm, live_needs_periods
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.schools import services as school_services
from orbis.schools.forms import SchoolForm
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


@pytest.fixture
def ids(teacher, classroom, student):
    return {
        "classroom": classroom.pk,
        "student": student.pk,
        "code": classroom.join_code,
        "secret": student.secret,
    }


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


@pytest.mark.parametrize(("name", "field"), CHEAP_CASES)
def test_each_hostile_value_in_each_field_never_errors_or_half_saves(name, field, ids, teacher):
    endpoint = ENDPOINTS[name]
    for value in HOSTILE_VALUES:
        check(endpoint, name, ids, teacher, with_value(endpoint.payload(ids), field, value))


@pytest.mark.parametrize("name", EXPENSIVE)
def test_hostile_values_in_every_field_never_error_or_half_save(name, ids, teacher):
    """Request k puts value (i + k) mod n in field i: every field meets every value once."""
    endpoint = ENDPOINTS[name]
    fields = list(endpoint.payload(ids))
    n = len(HOSTILE_VALUES)
    for k in range(n):
        payload = endpoint.payload(ids)
        for i, field in enumerate(fields):
            payload = with_value(payload, field, HOSTILE_VALUES[(i + k) % n])
        check(endpoint, name, ids, teacher, payload)


@pytest.mark.parametrize("name", [n for n, e in ENDPOINTS.items() if e.method == "post"])
def test_empty_json_and_garbage_bodies_never_error(name, ids, teacher):
    endpoint = ENDPOINTS[name]
    for kwargs in [
        {"data": {}},
        {"data": '{"name": "x"}', "content_type": "application/json"},
        {"data": "\x00\xff garbage", "content_type": "text/plain"},
    ]:
        before = snapshot()
        response = client_for(endpoint, teacher).post(endpoint.url(ids), **kwargs)
        assert response.status_code in OK_STATUSES, (name, kwargs)
        if response.status_code != 302:
            assert snapshot() == before


# ---- the expensive forms, field by field, without rendering ----------------------------------


CLASSROOM_FIELDS = list(classroom_payload({}))
SCHOOL_FIELDS = list(school_payload({}))


@pytest.mark.parametrize("field", CLASSROOM_FIELDS)
def test_classroom_forms_and_service_take_each_hostile_value(field, teacher, classroom):
    """What classroom_create and classroom_edit do with a POST, one hostile field at a time."""
    from django.http import QueryDict

    for n, value in enumerate(HOSTILE_VALUES):
        data = QueryDict(mutable=True)
        for key, item in with_value(classroom_payload({}), field, value).items():
            data.setlist(key, item if isinstance(item, list) else [item])
        for instance in [(None, classroom)[n % 2]]:  # create and edit, in turn
            before = snapshot()
            form = ClassroomForm(data, instance=instance)
            timetable_form = TimetableForm(data, school=teacher.school)
            if live_needs_periods(form, timetable_form):
                if instance is None:
                    classroom_services.classroom_create(
                        teacher=teacher, data=form.cleaned_data, periods=timetable_form.periods()
                    )
                else:
                    fields = {name: form.cleaned_data[name] for name in ClassroomForm.Meta.fields}
                    classroom_services.classroom_update(
                        classroom=instance, data=fields, periods=timetable_form.periods()
                    )
                for text in stored_texts():
                    assert all(ch.isprintable() for ch in text), (field, value, text)
            else:
                assert snapshot() == before, (field, value)
            classroom.refresh_from_db()


@pytest.mark.parametrize("field", SCHOOL_FIELDS)
def test_school_form_and_service_take_each_hostile_value(field, teacher):
    from django.http import QueryDict

    for value in HOSTILE_VALUES:
        data = QueryDict(mutable=True)
        for key, item in with_value(school_payload({}), field, value).items():
            data.setlist(key, item if isinstance(item, list) else [item])
        before = snapshot()
        form = SchoolForm(data)
        if form.is_valid():
            school_services.school_create(teacher=teacher, data=form.cleaned_data)
            for text in stored_texts():
                assert all(ch.isprintable() for ch in text), (field, value, text)
        else:
            assert snapshot() == before, (field, value)


# ---- odd but plausible values ----------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        "09:00-10:00, " * 15,
        "9:00-10:00,,,;;;\n\n\n",
        "23:59-24:00",
        "99-100",
        "1:1-2:2",
        "09:00–10:00—11:00",
        "to to to",
        "٠٩:٠٠-١٠:٠٠",
        "９:００-１０:００",
        "-09:00-10:00",
        "09:00-10:00 and 11:00-12:00",
    ],
)
def test_strange_timetables_never_error(teacher, day):
    form = TimetableForm({"day_2": day}, school=teacher.school)
    if form.is_valid():
        assert all(0 <= p.start < p.end <= 1440 for p in form.periods())
    else:
        assert form.errors["day_2"]


@pytest.mark.parametrize(
    ("starts", "ends"),
    [
        ("2026-02-30", "2026-03-01"),
        ("0000-00-00", "2026-03-01"),
        ("9999-12-31", "9999-12-31"),
        ("0001-01-01", "0001-01-02"),
        ("2026-13-01", "2026-14-01"),
        ("02/03/2026", "10/07/2026"),
        ("yesterday", "tomorrow"),
        ("2026-03-02T00:00", "2026-07-10"),
    ],
)
def test_strange_term_dates_never_error(teacher_client, starts, ends):
    response = teacher_client.post(
        reverse("term_add"), {"kind": "term", "name": "T", "starts_on": starts, "ends_on": ends}
    )
    assert response.status_code in {200, 302}
    for term in SchoolTerm.objects.all():
        assert term.starts_on <= term.ends_on


# ---- fuzzing the student join, which children type into -------------------------------------

fuzz = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@fuzz
@given(code=st.text(max_size=25), nickname=st.text(max_size=35), secret=st.text(max_size=14))
def test_join_form_fuzz_never_errors(ids, code, nickname, secret):
    response = Client().post(
        reverse("student_join"), {"code": code, "nickname": nickname, "secret": secret}
    )
    assert response.status_code in {200, 302}


@fuzz
@given(secret=st.text(min_size=1, max_size=12))
def test_returning_student_with_any_secret_never_errors(ids, secret):
    """A nickname that exists, with any secret word typed: a message, never a server error."""
    response = Client().post(
        reverse("student_join"), {"code": ids["code"], "nickname": "Puma", "secret": secret}
    )
    assert response.status_code in {200, 302}


@fuzz
@given(text=st.text(max_size=60))
def test_timetable_form_fuzz_never_errors(teacher, text):
    form = TimetableForm(data={"day_0": text, "day_3": text}, school=teacher.school)
    if form.is_valid():
        for p in form.periods():
            assert 0 <= p.start < p.end <= 1440

"""No server error on hostile input, and nothing half-saved.

(The htmx country fields get garbage in orbis/schools/tests/test_school_editing.py; the forms
and services behind the expensive pages, and odd values, in test_hostile_forms.py.)

Every form endpoint gets, as the user allowed to use it, its fields replaced by very long
strings, control characters, HTML and SQL fragments, template and format syntax, values of the
wrong type, and left out. The answer must never be a 500: either the form comes back with its
errors and the database is exactly as before, or the write succeeded and what was stored is
clean text.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.site.hostile import (
    CHEAP_CASES,
    ENDPOINTS,
    EXPENSIVE,
    HOSTILE_VALUES,
    OK_STATUSES,
    check,
    client_for,
    fuzz,
    snapshot,
    with_value,
)


@pytest.fixture
def ids(teacher, classroom, student):
    return {
        "classroom": classroom.pk,
        "student": student.pk,
        "code": classroom.join_code,
        "secret": student.secret,
    }


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


# ---- fuzzing the student join, which children type into -------------------------------------


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

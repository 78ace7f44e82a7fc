"""Find partners with garbage in the query string: a form error for each field, never a
server error, never a leak. Time is frozen on Tuesday 10 March 2026 (conftest.py)."""

import pytest

from orbis.partners.tests.test_partner_search_reasons import names, search

pytestmark = pytest.mark.usefixtures("frozen_time")  # Tuesday 10 March 2026 (conftest.py)


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


GARBAGE = [
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999999999",
    "x" * 10_000,
    "\x00",
    "a\x00b\x1b[31m\x7f",
    "\u202eevil\u200b",
    "<script>alert(1)</script>",
    "'; DROP TABLE classrooms_classroom; --",
    "%(name)s {{ 7|add:7 }}",
]
FIELDS = [
    "classroom",
    "subject",
    "language",
    "approach",
    "sdg",
    "country",
    "region",
    "exchange_mode",
    "min_overlap",
    "age_tolerance",
    "page",
]


def test_garbage_in_any_field_never_errors(teacher_client, classroom, delhi):
    """Every field gets every garbage value, in len(GARBAGE) requests (a Latin square: the
    search page renders long selects, so one request per field and value would be slow).
    Fields are cleaned one by one, so each garbage value is refused on its own merits."""
    for shift in range(len(GARBAGE)):
        params = {
            field: GARBAGE[(shift + column) % len(GARBAGE)] for column, field in enumerate(FIELDS)
        }
        response = search(teacher_client, **params)
        errors = response.context["form"].errors
        for field, value in params.items():
            if field != "page" and (field, value) != ("age_tolerance", "0"):
                assert field in errors, (field, value)
        assert response.context["page"] is None
        assert "Class of Delhi" not in response.text
    # Several values for one field (the last one counts), and the valid search still works.
    assert names(search(teacher_client, subject=["\x00", "geography"])) == ["Class of Delhi"]


def test_pages_past_the_end_show_the_last_page(teacher_client, classroom, delhi):
    for page in ["2", "999", "99999999999999999999999999", "-3", "last"]:
        assert names(search(teacher_client, page=page)) == ["Class of Delhi"]


def test_unknown_or_foreign_classroom_is_a_form_error_not_a_leak(teacher_client, classroom, delhi):
    for value in [str(delhi.pk), str(classroom.pk + 10_000), ""]:
        response = search(teacher_client, classroom=value)
        assert response.context["form"].errors["classroom"]
        assert response.context["page"] is None
    # Jhansi's class is a valid partner, but not a classroom Gisel can search for.
    assert "Class of Delhi" not in search(teacher_client, classroom=str(delhi.pk)).text

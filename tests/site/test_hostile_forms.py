"""Hostile values straight into the forms and services behind the expensive pages (classrooms,
schools), without rendering; odd but plausible timetables and term dates; fuzzed timetables."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from orbis.classrooms import services as classroom_services
from orbis.classrooms.forms import ClassroomForm, TimetableForm, live_needs_periods
from orbis.schools import services as school_services
from orbis.schools.forms import SchoolForm
from orbis.schools.models import SchoolTerm
from tests.site.hostile import (
    HOSTILE_VALUES,
    classroom_payload,
    fuzz,
    school_payload,
    snapshot,
    stored_texts,
    with_value,
)

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


@fuzz
@given(text=st.text(max_size=60))
def test_timetable_form_fuzz_never_errors(teacher, text):
    form = TimetableForm(data={"day_0": text, "day_3": text}, school=teacher.school)
    if form.is_valid():
        for p in form.periods():
            assert 0 <= p.start < p.end <= 1440

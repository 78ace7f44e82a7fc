"""A school's terms and breaks: added, refused when two of a kind overlap or the dates are
impossible, deleted, and listed on the school page."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from orbis.schools.forms import SchoolTermForm
from orbis.schools.models import SchoolTerm
from tests.factories import SchoolTermFactory, TeacherFactory


def term_data(**overrides) -> dict:
    data = {
        "kind": "term",
        "name": "Segundo cuatrimestre",
        "starts_on": "2026-08-03",
        "ends_on": "2026-12-04",
    }
    data.update(overrides)
    return data


@pytest.fixture
def first_term(teacher):
    return SchoolTermFactory(
        school=teacher.school,
        name="Primer cuatrimestre",
        starts_on="2026-03-02",
        ends_on="2026-07-10",
    )


def test_adding_a_term(teacher_client, teacher):
    response = teacher_client.post(reverse("term_add"), term_data())
    assert response.status_code == 302
    term = teacher.school.terms.get()
    assert (term.name, term.starts_on, term.ends_on) == (
        "Segundo cuatrimestre",
        datetime.date(2026, 8, 3),
        datetime.date(2026, 12, 4),
    )


def test_term_ending_before_it_starts_is_refused(teacher_client, teacher):
    response = teacher_client.post(
        reverse("term_add"), term_data(starts_on="2026-12-04", ends_on="2026-08-03")
    )
    assert response.status_code == 200
    assert response.context["term_form"].errors["ends_on"] == [
        "The last day comes before the first day."
    ]
    assert not SchoolTerm.objects.exists()


def test_one_day_term_is_allowed(teacher, db):
    form = SchoolTermForm(
        data=term_data(starts_on="2026-05-25", ends_on="2026-05-25"), school=teacher.school
    )
    assert form.is_valid(), form.errors


def test_overlapping_terms_of_the_same_kind_are_refused_naming_the_other(
    teacher_client, first_term
):
    response = teacher_client.post(
        reverse("term_add"), term_data(starts_on="2026-07-01", ends_on="2026-09-01")
    )
    assert response.status_code == 200
    errors = response.context["term_form"].non_field_errors()
    assert len(errors) == 1
    assert "Primer cuatrimestre" in errors[0]
    assert "2026-03-02" in errors[0] and "2026-07-10" in errors[0]
    assert SchoolTerm.objects.count() == 1


def test_terms_touching_on_one_shared_day_overlap(teacher, first_term):
    form = SchoolTermForm(
        data=term_data(starts_on="2026-07-10", ends_on="2026-08-01"), school=teacher.school
    )
    assert not form.is_valid()


def test_term_starting_the_day_after_is_fine(teacher, first_term):
    form = SchoolTermForm(
        data=term_data(starts_on="2026-07-11", ends_on="2026-08-01"), school=teacher.school
    )
    assert form.is_valid(), form.errors


def test_a_break_may_lie_inside_a_term(teacher_client, first_term):
    response = teacher_client.post(
        reverse("term_add"),
        term_data(
            kind="break", name="Receso invernal", starts_on="2026-07-13", ends_on="2026-07-24"
        ),
    )
    assert response.status_code == 302
    response = teacher_client.post(
        reverse("term_add"),
        term_data(kind="break", name="Semana santa", starts_on="2026-04-02", ends_on="2026-04-03"),
    )
    assert response.status_code == 302
    assert SchoolTerm.objects.count() == 3


def test_overlapping_breaks_are_refused(teacher, first_term):
    SchoolTermFactory(
        school=teacher.school,
        kind="break",
        name="Receso",
        starts_on="2026-07-13",
        ends_on="2026-07-24",
    )
    form = SchoolTermForm(
        data=term_data(kind="break", name="Otro", starts_on="2026-07-20", ends_on="2026-07-30"),
        school=teacher.school,
    )
    assert not form.is_valid()
    assert "Receso" in form.non_field_errors()[0]


def test_terms_of_other_schools_do_not_clash(teacher, partner_teacher):
    SchoolTermFactory(school=partner_teacher.school, starts_on="2026-08-01", ends_on="2026-12-01")
    form = SchoolTermForm(data=term_data(), school=teacher.school)
    assert form.is_valid(), form.errors


def test_editing_a_term_does_not_clash_with_itself(teacher, first_term):
    form = SchoolTermForm(
        data=term_data(name="Primer cuatrimestre", starts_on="2026-03-01", ends_on="2026-07-11"),
        school=teacher.school,
        instance=first_term,
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("starts", "ends"), [("1999-12-31", "2000-01-05"), ("2100-12-30", "2101-01-02")]
)
def test_term_dates_outside_2000_2100_are_refused(teacher, starts, ends):
    form = SchoolTermForm(data=term_data(starts_on=starts, ends_on=ends), school=teacher.school)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Dates must lie between 2000 and 2100."]


def test_term_longer_than_a_year_is_refused(teacher):
    form = SchoolTermForm(
        data=term_data(starts_on="2026-01-01", ends_on="2027-01-03"), school=teacher.school
    )
    assert not form.is_valid()
    assert form.errors["ends_on"] == ["A term or break lasts at most one year."]


def test_term_needs_a_name(teacher):
    form = SchoolTermForm(data=term_data(name=" \x01 "), school=teacher.school)
    assert not form.is_valid()
    assert form.errors["name"] == ["This field is required."]


def test_term_constraint_holds_in_the_database(teacher):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolTerm.objects.create(
            school=teacher.school, name="Backwards", starts_on="2026-05-02", ends_on="2026-05-01"
        )
    assert not SchoolTerm.objects.exists()


def test_deleting_a_term_of_her_school(teacher_client, first_term):
    response = teacher_client.post(reverse("term_delete", args=[first_term.pk]))
    assert response.status_code == 302
    assert not SchoolTerm.objects.exists()


def test_deleting_a_term_of_another_school_is_404(teacher_client, partner_teacher):
    term = SchoolTermFactory(school=partner_teacher.school)
    assert teacher_client.post(reverse("term_delete", args=[term.pk])).status_code == 404
    assert SchoolTerm.objects.filter(pk=term.pk).exists()


def test_teacher_without_school_adding_a_term_is_sent_to_the_school_page(client, db):
    client.force_login(TeacherFactory(school=None))
    response = client.post(reverse("term_add"), term_data())
    assert response["Location"] == reverse("school_detail")
    assert not SchoolTerm.objects.exists()


def test_school_page_lists_its_terms_only(teacher_client, first_term, partner_teacher):
    SchoolTermFactory(school=partner_teacher.school, name="Monsoon term")
    response = teacher_client.get(reverse("school_detail"))
    assert "Primer cuatrimestre" in response.text
    assert "Monsoon term" not in response.text

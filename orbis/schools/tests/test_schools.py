"""Schools: create, edit, time zone and weekend rules, terms and breaks, search and join."""

import datetime
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from orbis.core import zones
from orbis.schools.forms import SchoolForm, SchoolTermForm
from orbis.schools.models import School, SchoolTerm
from tests.factories import SchoolFactory, SchoolTermFactory, TeacherFactory


def school_data(**overrides) -> dict:
    data = {
        "name": "Liceo Galilei",
        "country": "IT",
        "city": "Roma",
        "time_zone": "",
        "weekend_days": [],
    }
    data.update(overrides)
    return data


def zone_errors(form: SchoolForm) -> list[str]:
    return form.errors.get("time_zone", [])


# ---- the school form: time zone ----------------------------------------------------------


def test_country_with_one_zone_gets_it_by_default():
    form = SchoolForm(data=school_data(country="IT"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == "Europe/Rome"


def test_country_with_one_zone_accepts_that_zone_written_out():
    form = SchoolForm(data=school_data(country="IT", time_zone="Europe/Rome"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("country", "name"), [("US", "United States of America"), ("AR", "Argentina")]
)
def test_country_with_several_zones_and_none_chosen_gets_a_clear_error(country, name):
    form = SchoolForm(data=school_data(country=country, city="Somewhere"))
    assert not form.is_valid()
    assert zone_errors(form) == [f"{name} has several time zones: choose your school's."]


@pytest.mark.parametrize(
    ("country", "zone"),
    [("US", "America/Chicago"), ("AR", "America/Argentina/Cordoba"), ("IN", "Asia/Kolkata")],
)
def test_a_zone_of_the_country_is_accepted(country, zone):
    form = SchoolForm(data=school_data(country=country, time_zone=zone))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["time_zone"] == zone


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Europe/Atlantis", "utc+3", "../../etc"])
def test_unknown_time_zone_is_refused(zone):
    form = SchoolForm(data=school_data(country="IT", time_zone=zone))
    assert not form.is_valid()
    assert zone_errors(form)


def test_unknown_time_zone_is_refused_by_the_model():
    school = SchoolFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(Exception) as caught:
        school.full_clean(exclude=["created_by"])
    assert "Unknown time zone." in str(caught.value)


def test_zone_of_another_country_is_refused_naming_the_countrys_zones():
    """Italy has one zone: a teacher who picks New York is told which zone Italy uses."""
    form = SchoolForm(data=school_data(country="IT", time_zone="America/New_York"))
    assert not form.is_valid()
    message = " ".join(zone_errors(form))
    assert "Europe/Rome" in message
    assert "Italy" in message


def test_zone_of_another_country_is_refused_without_claiming_no_zone_was_chosen():
    """A US school that picked Europe/Rome did choose a zone: the message must say it is not a
    US zone and list the US zones, not ask to choose one."""
    form = SchoolForm(data=school_data(country="US", city="Boston", time_zone="Europe/Rome"))
    assert not form.is_valid()
    message = " ".join(zone_errors(form))
    assert "America/New_York" in message
    assert "several time zones" not in message


def test_time_zone_choices_are_the_countrys_zones():
    form = SchoolForm(data=school_data(country="AR"))
    offered = [value for value, _label in form.fields["time_zone"].widget.choices if value]
    assert offered == list(zones.zones_for_country("AR"))
    assert "America/Argentina/Cordoba" in offered


def test_time_zone_choices_for_an_unknown_country_are_every_zone():
    form = SchoolForm(data=school_data(country="ZZ"))
    offered = [value for value, _label in form.fields["time_zone"].widget.choices if value]
    assert offered == list(zones.all_zones())
    assert not form.is_valid()
    assert "country" in form.errors


# ---- the school form: weekend ------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "zone", "weekend"),
    [("BD", "Asia/Dhaka", [4, 5]), ("IT", "", [5, 6]), ("AR", "America/Argentina/Cordoba", [5, 6])],
)
def test_empty_weekend_gets_the_countrys_usual_weekend(country, zone, weekend):
    form = SchoolForm(data=school_data(country=country, time_zone=zone))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weekend_days"] == weekend


def test_chosen_weekend_is_kept_sorted():
    form = SchoolForm(data=school_data(weekend_days=["6", "4"]))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weekend_days"] == [4, 6]


def test_more_than_three_weekend_days_is_refused():
    form = SchoolForm(data=school_data(weekend_days=["3", "4", "5", "6"]))
    assert not form.is_valid()
    assert form.errors["weekend_days"] == ["A weekend has at most three days."]


def test_three_weekend_days_are_allowed():
    form = SchoolForm(data=school_data(weekend_days=["4", "5", "6"]))
    assert form.is_valid(), form.errors


def test_weekend_day_that_does_not_exist_is_refused():
    form = SchoolForm(data=school_data(weekend_days=["7"]))
    assert not form.is_valid()
    assert "weekend_days" in form.errors


@pytest.mark.parametrize("field", ["name", "city"])
def test_blank_or_control_only_name_and_city_are_refused(field):
    form = SchoolForm(data=school_data(**{field: " \x07\x1b "}))
    assert not form.is_valid()
    assert form.errors[field] == ["This field is required."]


def test_nul_byte_in_name_is_removed_like_other_control_characters():
    form = SchoolForm(data=school_data(name="Liceo\x00 Galilei"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Liceo Galilei"


def test_control_and_invisible_characters_are_stripped_from_name_and_city():
    form = SchoolForm(data=school_data(name="  Liceo\x1b Galilei\u200b ", city="Ro\x07ma\u202e"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Liceo Galilei"
    assert form.cleaned_data["city"] == "Roma"


# ---- creating and editing a school --------------------------------------------------------


def test_creating_a_school_makes_the_teacher_one_of_its_teachers(client, db):
    newcomer = TeacherFactory(school=None)
    client.force_login(newcomer)
    response = client.post(
        reverse("school_create"), school_data(country="BD", city="Dhaka", time_zone="Asia/Dhaka")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("school_detail")
    newcomer.refresh_from_db()
    school = newcomer.school
    assert (school.name, school.country.code, school.time_zone) == (
        "Liceo Galilei",
        "BD",
        "Asia/Dhaka",
    )
    assert school.weekend_days == [4, 5]
    assert school.created_by == newcomer


def test_school_in_a_one_zone_country_gets_that_zone_without_choosing(client, db):
    newcomer = TeacherFactory(school=None)
    client.force_login(newcomer)
    response = client.post(reverse("school_create"), school_data(country="IT", time_zone=""))
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.school.time_zone == "Europe/Rome"
    assert newcomer.school.weekend_days == [5, 6]


def test_refused_school_form_saves_nothing(client, db):
    newcomer = TeacherFactory(school=None)
    client.force_login(newcomer)
    response = client.post(reverse("school_create"), school_data(country="US", city="Boston"))
    assert response.status_code == 200
    assert "has several time zones" in response.text
    assert not School.objects.exists()
    newcomer.refresh_from_db()
    assert newcomer.school is None


def test_school_create_page_shows_the_form(teacher_client):
    response = teacher_client.get(reverse("school_create"))
    assert response.status_code == 200
    assert 'name="time_zone"' in response.text


def test_school_edit_page_shows_the_schools_zones(teacher_client):
    response = teacher_client.get(reverse("school_edit"))
    assert response.status_code == 200
    assert "America/Argentina/Cordoba" in response.text


def test_editing_the_school_saves_it(teacher_client, teacher):
    response = teacher_client.post(
        reverse("school_edit"),
        school_data(
            name="Escuela Normal 1",
            country="AR",
            city="Córdoba",
            time_zone="America/Argentina/Cordoba",
            weekend_days=["5", "6"],
        ),
    )
    assert response.status_code == 302
    teacher.school.refresh_from_db()
    assert (teacher.school.name, teacher.school.city) == ("Escuela Normal 1", "Córdoba")


def test_refused_school_edit_leaves_the_school_unchanged(teacher_client, teacher):
    response = teacher_client.post(
        reverse("school_edit"),
        school_data(
            name="Renamed", country="AR", city="Rosario", weekend_days=["0", "1", "2", "3"]
        ),
    )
    assert response.status_code == 200
    teacher.school.refresh_from_db()
    assert teacher.school.name == "Escuela Rosario"
    assert teacher.school.time_zone == "America/Argentina/Cordoba"


def test_teacher_without_school_is_sent_from_edit_to_the_school_page(client, db):
    client.force_login(TeacherFactory(school=None))
    for response in [client.get(reverse("school_edit")), client.post(reverse("school_edit"), {})]:
        assert response.status_code == 302
        assert response["Location"] == reverse("school_detail")


def test_teacher_without_school_sees_find_or_add(client, db):
    client.force_login(TeacherFactory(school=None))
    response = client.get(reverse("school_detail"))
    assert response.status_code == 200
    assert reverse("school_search") in response.text
    assert reverse("school_create") in response.text


def test_school_page_lists_its_teachers(teacher_client, teacher):
    TeacherFactory(school=teacher.school, display_name="Marta")
    response = teacher_client.get(reverse("school_detail"))
    assert "Gisel" in response.text
    assert "Marta" in response.text


# ---- the htmx country fields ---------------------------------------------------------------


def test_country_fields_offer_the_one_zone_of_italy_selected(teacher_client):
    response = teacher_client.get(reverse("school_country_fields"), {"country": "IT"})
    assert response.status_code == 200
    assert '<option value="Europe/Rome" selected>' in response.text
    assert "America/New_York" not in response.text
    assert 'id="country-dependent"' in response.text


def test_country_fields_offer_the_zones_of_a_country_with_several(teacher_client):
    response = teacher_client.get(reverse("school_country_fields"), {"country": "US"})
    assert response.status_code == 200
    for zone in ["America/New_York", "America/Chicago", "America/Los_Angeles"]:
        assert f'value="{zone}"' in response.text
    assert 'value="Europe/Rome"' not in response.text
    assert re.findall(r'<option value="([^"]+)" selected>', response.text) == []


def test_country_fields_check_the_countrys_weekend(teacher_client):
    response = teacher_client.get(reverse("school_country_fields"), {"country": "BD"})
    checked = {
        line.split('value="')[1].split('"')[0]
        for line in response.text.split("<input")
        if 'name="weekend_days"' in line and "checked" in line
    }
    assert checked == {"4", "5"}


@pytest.mark.parametrize(
    "country",
    ["", "ZZ", "it", "ITA", "x" * 5000, "<script>", "IT\x00", "' OR 1=1 --", "🇮🇹"],
)
def test_country_fields_answer_garbage_with_every_zone_not_an_error(teacher_client, country):
    response = teacher_client.get(reverse("school_country_fields"), {"country": country})
    assert response.status_code == 200
    assert 'value="Europe/Rome"' in response.text
    assert 'value="America/New_York"' in response.text
    assert "<script>" not in response.text


def test_country_fields_without_a_country_answer_200(teacher_client):
    assert teacher_client.get(reverse("school_country_fields")).status_code == 200


# ---- terms and breaks ---------------------------------------------------------------------


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


# ---- search and join -----------------------------------------------------------------------


@pytest.fixture
def schools(teacher, partner_teacher):
    SchoolFactory(name="Liceo Galilei", country="IT", city="Roma", time_zone="Europe/Rome")
    SchoolFactory(name="Escuela Belgrano", country="AR", city="Córdoba")
    return School.objects.all()


def found(response) -> list[str]:
    return [school.name for school in response.context["page"].object_list]


def test_search_without_words_lists_every_school(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"))
    assert found(response) == sorted(s.name for s in schools)


def test_search_by_name_ignores_case(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "galilei"})
    assert found(response) == ["Liceo Galilei"]


def test_search_by_city(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "Delhi"})
    assert found(response) == ["Delhi Public School"]


def test_search_by_country(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"country": "AR"})
    assert found(response) == ["Escuela Belgrano", "Escuela Rosario"]


def test_search_by_words_and_country(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "escuela", "country": "IT"})
    assert found(response) == []
    assert "No school matches" in response.text


def test_search_counts_teachers(teacher_client, schools, teacher):
    TeacherFactory(school=teacher.school)
    response = teacher_client.get(reverse("school_search"), {"q": "Rosario"})
    assert [s.teacher_count for s in response.context["page"].object_list] == [2]


def test_search_pages_by_twenty(teacher_client, db):
    SchoolFactory.create_batch(25, name="Escuela Test")
    first = teacher_client.get(reverse("school_search"), {"q": "test"})
    second = teacher_client.get(reverse("school_search"), {"q": "test", "page": "2"})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    garbage = teacher_client.get(reverse("school_search"), {"q": "test", "page": "zzz"})
    assert garbage.status_code == 200


def test_her_own_school_is_marked_not_joinable(teacher_client, teacher):
    response = teacher_client.get(reverse("school_search"), {"q": "Rosario"})
    assert "Your school" in response.text
    assert reverse("school_join", args=[teacher.school_id]) not in response.text


def test_joining_a_school_moves_the_teacher_and_her_classrooms(
    teacher_client, teacher, classroom, partner_teacher
):
    school = partner_teacher.school
    response = teacher_client.post(reverse("school_join", args=[school.pk]))
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.school == school
    classroom.refresh_from_db()
    assert classroom.teacher.school == school
    page = teacher_client.get(reverse("school_detail"))
    assert "Gisel" in page.text and "Jhansi" in page.text

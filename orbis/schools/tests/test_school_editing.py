"""Creating and editing a school (its creator becomes one of its teachers), the school page,
and the htmx fields that follow the chosen country."""

import re

import pytest
from django.urls import reverse

from orbis.schools.models import School
from orbis.schools.tests.test_school_form import school_data
from tests.factories import TeacherFactory

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

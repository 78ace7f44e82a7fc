"""The school form: a time zone of the school's country (its only one by default), the
country's usual weekend unless another is chosen, and names and cities without control
characters."""

import pytest

from orbis.core import zones
from orbis.schools.forms import SchoolForm
from tests.factories import SchoolFactory


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

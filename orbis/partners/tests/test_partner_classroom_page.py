"""A classroom's page in the partner search: how it fits hers, and who never gets one (her
own class, a class not looking for partners unless it asked hers, a class without a school)."""

import pytest
from django.urls import reverse

from orbis.partners.tests.test_partner_request_sending import ask, nothing_written, pending
from tests.factories import ClassroomFactory, TeacherFactory


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


def test_classroom_page_shows_the_class_and_how_it_fits(teacher_client, classroom, delhi):
    response = teacher_client.get(
        reverse("partner_classroom", args=[delhi.pk]), {"from": classroom.pk}
    )
    assert response.status_code == 200
    assert "Class of Delhi" in response.text
    assert "Jhansi · Delhi Public School · Delhi, India" in response.text
    assert "Asia/Kolkata" in response.text
    assert response.context["form"]["from_classroom"].value() == str(classroom.pk)
    [(mine, why)] = response.context["fits"]
    assert mine == classroom
    assert why[0] == "shares English"


def test_classroom_page_with_garbage_from_still_answers(teacher_client, delhi, classroom):
    url = reverse("partner_classroom", args=[delhi.pk])
    for garbage in ["abc", "99999999999999999999999", "\x00\x1b", "x" * 5000, str(delhi.pk)]:
        assert teacher_client.get(url, {"from": garbage}).status_code == 200


def test_own_classroom_is_not_a_partner_page(teacher_client, classroom):
    url = reverse("partner_classroom", args=[classroom.pk])
    assert teacher_client.get(url).status_code == 404
    assert ask(teacher_client, classroom, from_classroom=classroom).status_code == 404
    assert nothing_written()


def test_a_class_not_looking_for_partners_is_hidden_like_a_missing_one(
    teacher_client, classroom, delhi
):
    delhi.looking_for_partners = False
    delhi.save(update_fields=["looking_for_partners"])
    hidden = teacher_client.get(reverse("partner_classroom", args=[delhi.pk]))
    missing = teacher_client.get(reverse("partner_classroom", args=[delhi.pk + 1000]))
    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
    assert hidden.status_code == 404
    assert ask(teacher_client, delhi, from_classroom=classroom).status_code == 404
    assert nothing_written()


def test_a_class_whose_teacher_has_no_school_is_hidden(teacher_client, classroom):
    homeless = ClassroomFactory(teacher=TeacherFactory(school=None))
    assert teacher_client.get(reverse("partner_classroom", args=[homeless.pk])).status_code == 404


def test_a_class_that_asked_hers_stays_visible_after_it_stops_looking(
    teacher_client, classroom, delhi
):
    """She must be able to see who asked, to answer."""
    pending(delhi, classroom)
    delhi.looking_for_partners = False
    delhi.save(update_fields=["looking_for_partners"])
    assert teacher_client.get(reverse("partner_classroom", args=[delhi.pk])).status_code == 200

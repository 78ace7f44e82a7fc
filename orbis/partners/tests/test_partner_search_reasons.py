"""Find partners: classes in other countries that fit one of the teacher's classrooms, each
with the reasons why; who is never listed, and who may search.

Time is frozen on Tuesday 10 March 2026 so that the week (and so every UTC conversion) is fixed
(conftest.py)."""

import pytest
from django.urls import reverse

from orbis.partners.models import Partnership
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.usefixtures("frozen_time")  # Tuesday 10 March 2026 (conftest.py)


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def abroad(country: str, zone: str, *, periods=(), teacher=None, **fields):
    """A classroom looking for partners at a school in `country`; periods are (weekday,
    "HH:MM", "HH:MM") in the school's local time."""
    if teacher is None:
        school = SchoolFactory(country=country, city=f"City of {country}", time_zone=zone)
        teacher = TeacherFactory(school=school)
    room = ClassroomFactory(teacher=teacher, **fields)
    for weekday, start, end in periods:
        AvailabilityPeriodFactory(
            classroom=room, weekday=weekday, start_minute=hm(start), end_minute=hm(end)
        )
    return room


def search(client, **params):
    response = client.get(reverse("partner_search"), params)
    assert response.status_code == 200, response.status_code
    return response


def names(response) -> list[str]:
    page = response.context["page"]
    assert page is not None, response.context["form"].errors
    return [result.classroom.name for result, _why in page.object_list]


def found(client, **params) -> set[str]:
    return set(names(search(client, **params)))


# ---- the reasons line, computed by hand --------------------------------------------------------


def test_gisel_finds_jhansis_class_in_india_with_its_reasons(teacher_client, classroom, delhi):
    response = search(teacher_client)
    [(result, why)] = response.context["page"].object_list
    assert result.classroom == delhi
    assert result.compatibility.overlap_minutes == 70
    assert result.compatibility.shared_languages == frozenset({"en"})
    assert why == [
        "shares English",
        "ages 11–12 and 11–13",
        "1 h 10 min a week overlap, Tue 13:00–14:10 your time",
        "both teach Geography",
    ]
    line = "shares English · ages 11–12 and 11–13 · 1 h 10 min a week overlap, Tue 13:00–14:10"
    assert line in response.text
    assert "Class of Delhi" in response.text
    assert "Delhi, India" in response.text
    assert f"{reverse('partner_classroom', args=[delhi.pk])}?from={classroom.pk}" in response.text


def test_jhansi_sees_the_same_overlap_in_her_own_time(
    login_client, partner_teacher, classroom, delhi
):
    response = search(login_client(partner_teacher))
    [(result, why)] = response.context["page"].object_list
    assert result.classroom == classroom
    assert why[1] == "ages 11–13 and 11–12"
    assert why[2] == "1 h 10 min a week overlap, Tue 21:30–22:40 your time"


def test_a_class_without_common_live_time_says_so(teacher_client, classroom, partner_teacher):
    abroad(
        "IN",
        "Asia/Kolkata",
        teacher=partner_teacher,
        name="Morning Delhi",
        languages=["en"],
        periods=[(1, "09:00", "10:00")],
    )  # 03:30–04:30 UTC
    [(result, why)] = search(teacher_client).context["page"].object_list
    assert result.compatibility.overlap_minutes == 0
    assert "no common live time: asynchronous exchange" in why


def test_a_live_classroom_without_timetable_can_search(teacher_client, teacher, delhi):
    """A state the app allows (the dashboard asks for the timetable): search must not fail."""
    room = ClassroomFactory(teacher=teacher, name="No timetable yet", exchange_mode="live")
    response = search(teacher_client, classroom=room.pk)
    assert response.context["form"].is_valid()


# ---- who is never listed ---------------------------------------------------------------------


def test_own_and_same_country_classes_are_never_listed(teacher_client, teacher, classroom, delhi):
    ClassroomFactory(teacher=teacher, name="Her other class")
    abroad(
        "AR",
        "America/Argentina/Buenos_Aires",
        name="Buenos Aires class",
        periods=[(1, "13:00", "14:10")],
    )
    colleague = TeacherFactory(school=teacher.school)
    ClassroomFactory(teacher=colleague, name="Colleague's class")
    assert found(teacher_client) == {"Class of Delhi"}
    assert found(teacher_client, age_tolerance="2") == {"Class of Delhi"}
    assert found(teacher_client, country="AR") == set()
    assert found(teacher_client, region="latin-america") == set()


def test_her_other_classroom_searches_too(teacher_client, teacher, classroom, delhi):
    other = ClassroomFactory(
        teacher=teacher, name="10th grade A", age_min=16, age_max=17, exchange_mode="async"
    )
    # Without a classroom in the query, the first by name is used: 16-17 fits no one.
    assert search(teacher_client).context["classroom"] == other
    assert found(teacher_client) == set()
    assert found(teacher_client, classroom=classroom.pk) == {"Class of Delhi"}


def test_classes_not_looking_inactive_or_already_partners_are_not_listed(
    teacher_client, classroom, delhi, partner_teacher
):
    abroad(
        "FR",
        "Europe/Paris",
        name="Paris, not looking",
        looking_for_partners=False,
        exchange_mode="async",
    )
    gone = abroad("KE", "Africa/Nairobi", name="Nairobi, gone", exchange_mode="async")
    gone.teacher.is_active = False
    gone.teacher.save(update_fields=["is_active"])
    ClassroomFactory(teacher=TeacherFactory(school=None), exchange_mode="async")
    assert found(teacher_client) == {"Class of Delhi"}
    Partnership.objects.create(classroom_a=classroom, classroom_b=delhi)
    assert found(teacher_client) == set()


# ---- who may search --------------------------------------------------------------------------


def test_a_teacher_without_a_classroom_is_sent_to_add_one(teacher_client, teacher):
    response = teacher_client.get(reverse("partner_search"), follow=True)
    assert response.redirect_chain == [(reverse("dashboard"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Add your school and a classroom first: partners are found for a classroom."
    ]


def test_a_teacher_without_a_school_is_sent_to_add_it(login_client, db):
    newcomer = TeacherFactory(school=None)
    ClassroomFactory(teacher=newcomer)
    response = login_client(newcomer).get(reverse("partner_search"))
    assert response.status_code == 302
    assert response["Location"] == reverse("school_detail")

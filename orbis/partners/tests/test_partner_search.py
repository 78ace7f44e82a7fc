"""Find partners: classes in other countries that fit one of the teacher's classrooms, each with
the reasons why, narrowed by filters, best first, and robust to any query string.

Time is frozen on Tuesday 10 March 2026 so that the week (and so every UTC conversion) is fixed.
"""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from orbis.partners.models import Partnership
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

# A Tuesday; Monday 9 March 00:00 UTC starts the week the search looks at. Before 29 March, so
# Paris and Madrid are on winter time (UTC+1).
FROZEN = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.usefixtures("frozen_time")


@pytest.fixture
def frozen_time():
    with time_machine.travel(FROZEN, tick=False):
        yield


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


@pytest.fixture
def delhi(partner_teacher):
    """Jhansi's class, Tuesday 21:00-23:00 in Delhi.

    Argentina is UTC−3 all year and India UTC+5:30 all year (neither changes its clocks), so:
      Gisel:  Tue 13:00–14:10 in Rosario = Tue 16:00–17:10 UTC
      Jhansi: Tue 21:00–23:00 in Delhi   = Tue 15:30–17:30 UTC
      both:   Tue 16:00–17:10 UTC = 70 minutes = "1 h 10 min", which is
              Tue 13:00–14:10 for Gisel (16:00 − 3 h) and Tue 21:30–22:40 for Jhansi
              (16:00 + 5 h 30 min).
    """
    return abroad(
        "IN",
        "Asia/Kolkata",
        teacher=partner_teacher,
        name="Class of Delhi",
        age_min=11,
        age_max=13,
        languages=["en", "hi"],
        periods=[(1, "21:00", "23:00")],
    )


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


# ---- filters ---------------------------------------------------------------------------------


@pytest.fixture
def world(classroom, delhi):
    """Five classes abroad, each overlapping Gisel's Tuesday 16:00–17:10 UTC as noted."""
    abroad(
        "FR",
        "Europe/Paris",
        name="Paris",
        languages=["fr", "en"],
        subjects=["science"],
        sdgs=[1],
        approaches=["create"],
        exchange_mode="async",
    )
    abroad(
        "KE",
        "Africa/Nairobi",
        name="Nairobi",
        languages=["en", "sw"],
        subjects=["history", "geography"],
        sdgs=[11, 4],
        approaches=["collaborate"],
        periods=[(1, "19:00", "19:30")],
    )  # UTC+3: 16:00–16:30 UTC, 30 min with Gisel
    abroad(
        "ES",
        "Europe/Madrid",
        name="Madrid",
        languages=["es"],
        subjects=["arts"],
        sdgs=[1, 13],
        periods=[(1, "17:00", "18:30")],
    )  # UTC+1: 16:00–17:30, 70 min
    abroad(
        "BR",
        "America/Sao_Paulo",
        name="São Paulo",
        languages=["pt", "es"],
        subjects=["mathematics"],
        sdgs=[3],
        periods=[(1, "12:00", "15:00")],
    )  # UTC−3: 70
    delhi.sdgs = [13]
    delhi.approaches = ["connect"]
    delhi.save(update_fields=["sdgs", "approaches"])


EVERYONE = {"Class of Delhi", "Paris", "Nairobi", "Madrid", "São Paulo"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, EVERYONE),
        ({"subject": "science"}, {"Paris"}),
        ({"subject": "geography"}, {"Class of Delhi", "Nairobi"}),
        ({"subject": "music"}, set()),
        ({"language": "en"}, {"Class of Delhi", "Paris", "Nairobi"}),
        ({"language": "es"}, {"Madrid", "São Paulo"}),
        ({"approach": "create"}, {"Paris"}),
        ({"approach": "connect"}, {"Class of Delhi"}),
        ({"sdg": "1"}, {"Paris", "Madrid"}),
        ({"sdg": "13"}, {"Class of Delhi", "Madrid"}),
        ({"sdg": "11"}, {"Nairobi"}),
        ({"sdg": "4"}, {"Nairobi"}),
        ({"sdg": "3"}, {"São Paulo"}),
        ({"sdg": "17"}, set()),
        ({"country": "IN"}, {"Class of Delhi"}),
        ({"country": "ES"}, {"Madrid"}),
        ({"country": "US"}, set()),
        ({"region": "europe"}, {"Paris", "Madrid"}),
        ({"region": "asia"}, {"Class of Delhi"}),
        ({"region": "africa"}, {"Nairobi"}),
        ({"region": "latin-america"}, {"São Paulo"}),
        ({"region": "oceania"}, set()),
        ({"exchange_mode": "async"}, {"Paris"}),
        ({"exchange_mode": "live"}, EVERYONE - {"Paris"}),
        ({"min_overlap": "30"}, EVERYONE - {"Paris"}),
        ({"min_overlap": "60"}, {"Class of Delhi", "Madrid", "São Paulo"}),
        ({"min_overlap": "120"}, set()),
        ({"language": "en", "subject": "geography", "sdg": "13"}, {"Class of Delhi"}),
        ({"region": "europe", "exchange_mode": "live"}, {"Madrid"}),
    ],
)
def test_each_filter_narrows(teacher_client, world, params, expected):
    assert found(teacher_client, **params) == expected


def test_the_overlaps_are_those_computed_by_hand(teacher_client, world):
    page = search(teacher_client).context["page"]
    overlaps = {
        result.classroom.name: result.compatibility.overlap_minutes
        for result, _ in page.object_list
    }
    assert {
        name: overlaps[name] for name in ["Class of Delhi", "Nairobi", "Madrid", "São Paulo"]
    } == {"Class of Delhi": 70, "Nairobi": 30, "Madrid": 70, "São Paulo": 70}


def test_sdg_1_and_13_are_not_confused(teacher_client, classroom):
    for sdgs in ([1], [13], [10], [11], [1, 13], [13, 1], [12, 14], [4, 10, 17]):
        abroad("FR", "Europe/Paris", name=f"SDGs {sdgs}", sdgs=sdgs, exchange_mode="async")
    assert found(teacher_client, sdg="1") == {"SDGs [1]", "SDGs [1, 13]", "SDGs [13, 1]"}
    assert found(teacher_client, sdg="13") == {"SDGs [13]", "SDGs [1, 13]", "SDGs [13, 1]"}
    assert found(teacher_client, sdg="10") == {"SDGs [10]", "SDGs [4, 10, 17]"}
    assert found(teacher_client, sdg="17") == {"SDGs [4, 10, 17]"}
    assert found(teacher_client, sdg="4") == {"SDGs [4, 10, 17]"}


def test_language_filter_matches_whole_codes(teacher_client, classroom):
    abroad("FR", "Europe/Paris", name="English", languages=["en"], exchange_mode="async")
    abroad("DE", "Europe/Berlin", name="Spanish", languages=["es"], exchange_mode="async")
    assert found(teacher_client, language="en") == {"English"}
    assert found(teacher_client, language="es") == {"Spanish"}
    # A piece of a code is no language: the form refuses it rather than matching "en" or "es".
    assert search(teacher_client, language="e").context["form"].errors


@pytest.mark.parametrize(
    ("ages", "tolerance", "listed"),
    [
        ((11, 12), "0", True),
        ((12, 14), "0", True),
        ((13, 14), "0", False),
        ((13, 14), "1", True),
        ((14, 15), "1", False),
        ((14, 15), "2", True),
        ((15, 16), "2", False),
        ((8, 9), "2", True),
        ((7, 8), "2", False),
        ((9, 10), "", True),  # no choice: up to 1 year apart
        ((8, 9), "", False),
    ],
)
def test_age_tolerance_widens_the_ages(teacher_client, classroom, ages, tolerance, listed):
    """Gisel's class is 11–12."""
    abroad(
        "FR", "Europe/Paris", name="Paris", age_min=ages[0], age_max=ages[1], exchange_mode="async"
    )
    assert found(teacher_client, age_tolerance=tolerance) == ({"Paris"} if listed else set())


# ---- order and pages ---------------------------------------------------------------------------


def test_results_are_sorted_by_score_best_first(teacher_client, classroom, world):
    classroom.sdgs = [13]
    classroom.approaches = ["connect"]
    classroom.save(update_fields=["sdgs", "approaches"])
    page = search(teacher_client).context["page"]
    scores = [result.compatibility.score for result, _ in page.object_list]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) > 1
    # Delhi shares the most (language, subject, goal, approach, 70 min live): it comes first.
    assert page.object_list[0][0].classroom.name == "Class of Delhi"


def test_results_come_ten_to_a_page_and_keep_the_filters(teacher_client, classroom):
    for number in range(12):
        abroad(
            "FR",
            "Europe/Paris",
            name=f"Paris {number:02d}",
            exchange_mode="async",
            subjects=["science"],
        )
    first = search(teacher_client, subject="science")
    assert len(first.context["page"].object_list) == 10
    assert first.context["page"].paginator.count == 12
    assert "12 classrooms fit, best first." in first.text
    assert "subject=science&amp;page=2" in first.text
    second = search(teacher_client, subject="science", page="2")
    assert len(second.context["page"].object_list) == 2
    assert set(names(first)) | set(names(second)) == {f"Paris {n:02d}" for n in range(12)}
    assert set(names(first)).isdisjoint(names(second))


def test_no_result_says_what_to_try(teacher_client, classroom):
    response = search(teacher_client)
    assert list(response.context["page"].object_list) == []
    assert "No classroom fits these filters yet." in response.text


# ---- garbage in the query string ---------------------------------------------------------------

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

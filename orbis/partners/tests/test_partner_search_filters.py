"""Find partners: each filter narrows the classes that fit, best first, ten to a page.

Time is frozen on Tuesday 10 March 2026 so that the week (and so every UTC conversion) is fixed
(conftest.py)."""

import pytest

from orbis.partners.tests.test_partner_search_reasons import abroad, found, names, search

pytestmark = pytest.mark.usefixtures("frozen_time")  # Tuesday 10 March 2026 (conftest.py)


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


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

"""Verified schools only: a search filter, and a profile preference that both the search and
`orbis match` treat as a hard rule, both ways (a teacher who wants verified partners only is
never proposed an unverified school, nor shown to one)."""

from dataclasses import replace

import pytest
from django.urls import reverse

from orbis.core.matching import ClassroomProfile, Constraints, compatibility, match
from orbis.core.timetable import Period
from orbis.partners.matching import run_matching
from orbis.partners.models import PartnerSuggestion
from orbis.schools.models import School
from orbis.schools.services import school_set_verified
from tests.factories import AvailabilityPeriodFactory


@pytest.fixture
def delhi(delhi):
    """Jhansi's class, free Tuesday 21:00–23:00 in Delhi: 70 minutes shared with Gisel's."""
    AvailabilityPeriodFactory(classroom=delhi, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    return delhi


def verify(teacher) -> None:
    """Staff verify her school (and so her, one of its teachers now)."""
    school = School.objects.get(pk=teacher.school_id)
    school_set_verified(school=school, verified=True, by=teacher)
    teacher.refresh_from_db()


def prefer_verified(teacher) -> None:
    teacher.only_verified_partners = True
    teacher.save(update_fields=["only_verified_partners"])


def found(client, **params) -> list[str]:
    response = client.get(reverse("partner_search"), params)
    assert response.status_code == 200
    page = response.context["page"]
    return [result.classroom.name for result, _why in page.object_list]


# ---- search ----------------------------------------------------------------------------------


def test_only_verified_schools_filter(teacher_client, classroom, delhi, partner_teacher):
    assert found(teacher_client) == ["Class of Delhi"]
    assert found(teacher_client, verified_only="on") == []
    verify(partner_teacher)
    assert found(teacher_client, verified_only="on") == ["Class of Delhi"]


def test_search_results_show_the_verified_badge(teacher_client, classroom, delhi, partner_teacher):
    assert "Verified school" not in teacher_client.get(reverse("partner_search")).text
    verify(partner_teacher)
    assert "Verified school" in teacher_client.get(reverse("partner_search")).text


def test_the_profile_preference_always_applies_to_the_search(
    teacher_client, teacher, classroom, delhi, partner_teacher
):
    prefer_verified(teacher)
    response = teacher_client.get(reverse("partner_search"))
    field = response.context["form"]["verified_only"]
    assert field.field.disabled and field.value()
    assert found(teacher_client) == []
    verify(partner_teacher)
    assert found(teacher_client) == ["Class of Delhi"]


def test_a_teacher_who_wants_verified_partners_is_not_shown_to_unverified_schools(
    teacher_client, teacher, classroom, delhi, partner_teacher
):
    verify(partner_teacher)
    prefer_verified(partner_teacher)
    assert found(teacher_client) == []
    verify(teacher)
    assert found(teacher_client) == ["Class of Delhi"]


def test_the_profile_form_saves_the_preference(teacher_client, teacher):
    response = teacher_client.post(
        reverse("profile_edit"),
        {
            "display_name": "Gisel",
            "languages": ["es", "en"],
            "subjects": ["geography"],
            "bio": "",
            "open_to_partnerships": "on",
            "only_verified_partners": "on",
        },
    )
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.only_verified_partners


# ---- orbis match -----------------------------------------------------------------------------


def pairs() -> set[tuple[str, str]]:
    return set(PartnerSuggestion.objects.values_list("classroom__name", "partner__name"))


def test_matching_never_proposes_an_unverified_school_to_a_teacher_who_wants_verified(
    teacher, classroom, delhi, partner_teacher
):
    prefer_verified(teacher)
    run_matching()
    assert pairs() == set()
    verify(partner_teacher)
    run_matching()
    assert pairs() == {("6th grade B", "Class of Delhi"), ("Class of Delhi", "6th grade B")}


def test_matching_never_proposes_a_verified_only_teacher_to_an_unverified_school(
    teacher, classroom, delhi, partner_teacher
):
    verify(partner_teacher)
    prefer_verified(partner_teacher)
    run_matching()
    assert pairs() == set()


def test_without_preferences_verification_changes_nothing(classroom, delhi):
    run_matching()
    assert len(pairs()) == 2


# ---- the pure engine -------------------------------------------------------------------------


def profile(id_, country, zone, **fields) -> ClassroomProfile:
    return ClassroomProfile(
        id=id_,
        country=country,
        time_zone=zone,
        periods=(Period(1, 0, 24 * 60),),
        age_min=10,
        age_max=12,
        languages=frozenset({"en"}),
        **fields,
    )


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        ({}, {}, True),
        ({"only_verified": True}, {}, False),
        ({}, {"only_verified": True}, False),
        ({"only_verified": True}, {"verified": True}, True),
        ({"verified": True, "only_verified": True}, {"only_verified": True}, False),
        (
            {"verified": True, "only_verified": True},
            {"verified": True, "only_verified": True},
            True,
        ),
    ],
)
def test_compatibility_treats_verified_only_as_a_hard_constraint(a, b, fits):
    left = profile(1, "AR", "America/Argentina/Cordoba", **a)
    right = profile(2, "IN", "Asia/Kolkata", **b)
    constraints = Constraints(min_overlap_minutes=0)
    assert (compatibility(left, right, constraints) is not None) is fits
    assert (compatibility(right, left, constraints) is not None) is fits


def test_match_keeps_verified_only_profiles_away_from_unverified_ones():
    """Many profiles, so the vectorised engine decides: no pair breaks the rule."""
    zones = [("AR", "America/Argentina/Cordoba"), ("IN", "Asia/Kolkata"), ("FR", "Europe/Paris")]
    profiles = []
    for n in range(60):
        country, zone = zones[n % 3]
        profiles.append(profile(n, country, zone, verified=n % 2 == 0, only_verified=n % 5 == 0))
    result = match(profiles, Constraints(min_overlap_minutes=0))
    by_id = {p.id: p for p in profiles}
    assert result.partnerships
    for a, b in result.partnerships:
        pa, pb = by_id[a], by_id[b]
        assert not pa.only_verified or pb.verified
        assert not pb.only_verified or pa.verified
    picky = [p for p in profiles if p.only_verified]
    assert any(p.id in pair for p in picky for pair in result.partnerships)
    unverified_only = [replace(p, verified=False, only_verified=True) for p in profiles]
    assert match(unverified_only, Constraints(min_overlap_minutes=0)).partnerships == []

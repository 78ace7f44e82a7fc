"""The partner search core (orbis.core.matching.search): what the index answers is what scoring
every classroom one by one with `compatibility` gives, filters included, best first."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orbis.core.matching import ClassroomProfile, Constraints, compatibility
from orbis.core.matching.search import IndexEntry, SearchFilters, build_index, search
from orbis.core.matching.synthetic import synthetic_profiles
from orbis.core.timetable import Period

WEEK = date(2026, 10, 5)
ZONES = {"AR": "America/Argentina/Cordoba", "IN": "Asia/Kolkata", "UA": "Europe/Kyiv"}


def room(number, country="AR", **fields):
    values = {
        "id": number,
        "country": country,
        "time_zone": ZONES[country],
        "periods": (Period(1, 9 * 60, 12 * 60),),
        "age_min": 10,
        "age_max": 11,
        "languages": frozenset({"en"}),
    }
    return ClassroomProfile(**(values | fields))


def brute_force(entries, mine_id, constraints, filters, exclude=()):
    """Every other classroom scored with compatibility(), filtered as the search says."""
    mine = next(entry for entry in entries if entry.profile.id == mine_id)
    found = []
    for entry in entries:
        theirs = entry.profile
        if not entry.searchable or entry.owner == mine.owner or theirs.id in exclude:
            continue
        if filters.verified_only and not theirs.verified:
            continue
        if filters.subject and filters.subject not in theirs.subjects:
            continue
        if filters.language and filters.language not in theirs.languages:
            continue
        if filters.sdg and filters.sdg not in theirs.sdgs:
            continue
        if filters.countries is not None and theirs.country.upper() not in filters.countries:
            continue
        if filters.exchange_mode and entry.exchange_mode != filters.exchange_mode:
            continue
        fit = compatibility(mine.profile, theirs, constraints)
        if fit is None or fit.overlap_minutes < filters.min_overlap:
            continue
        found.append((theirs.id, fit.score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


filters_strategy = st.builds(
    SearchFilters,
    subject=st.sampled_from(["", "science", "history", "mathematics"]),
    language=st.sampled_from(["", "en", "es", "fr", "pt"]),
    sdg=st.sampled_from([None, 4, 13]),
    countries=st.sampled_from([None, frozenset({"IN"}), frozenset({"BR", "AR", "KE"})]),
    exchange_mode=st.sampled_from(["", "live", "async"]),
    min_overlap=st.sampled_from([0, 30, 60, 120]),
    verified_only=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    mine=st.integers(0, 59),
    filters=filters_strategy,
    tolerance=st.integers(0, 2),
    excluded=st.sets(st.integers(1, 60), max_size=5),
)
def test_search_equals_scoring_every_classroom(seed, mine, filters, tolerance, excluded):
    profiles = synthetic_profiles(60, seed)
    entries = [
        IndexEntry(
            profile=replace(
                profile, verified=profile.id % 3 == 0, only_verified=profile.id % 7 == 0
            ),
            owner=profile.id // 2,  # pairs of classrooms share a teacher
            searchable=profile.id % 5 != 0,
            exchange_mode="live" if profile.wants_live else "async",
        )
        for profile in profiles
    ]
    constraints = Constraints(age_tolerance=tolerance, min_overlap_minutes=0, week_of=WEEK)
    index = build_index(entries, WEEK)
    mine_id = profiles[mine].id
    found = search(index, mine_id, constraints=constraints, filters=filters, exclude=excluded)
    assert found == brute_force(entries, mine_id, constraints, filters, excluded)


def test_the_teachers_own_classrooms_and_those_not_looking_are_left_out():
    entries = [
        IndexEntry(room(1), owner=1),
        IndexEntry(room(2, "IN"), owner=1),  # hers, abroad
        IndexEntry(room(3, "IN"), owner=2, searchable=False),
        IndexEntry(room(4, "IN"), owner=3),
        IndexEntry(room(5, "AR"), owner=4),  # same country
    ]
    index = build_index(entries, WEEK)
    constraints = Constraints(week_of=WEEK, min_overlap_minutes=0)
    assert [pk for pk, _score in search(index, 1, constraints=constraints)] == [4]
    # A classroom that isn't looking for partners still searches.
    assert [pk for pk, _score in search(index, 3, constraints=constraints)] == [1, 5]


def test_an_unmatchable_or_unknown_classroom_finds_nobody():
    empty_week = room(1, periods=())  # wants live, no timetable: can't be matched
    index = build_index([IndexEntry(empty_week, owner=1), IndexEntry(room(2, "IN"), owner=2)], WEEK)
    assert index.size == 1
    assert search(index, 1, constraints=Constraints(week_of=WEEK)) == []
    assert search(index, 99, constraints=Constraints(week_of=WEEK)) == []


def test_scores_are_those_of_compatibility_and_ties_go_by_id():
    entries = [IndexEntry(room(1), owner=1)] + [
        IndexEntry(room(number, "IN"), owner=number) for number in (9, 3, 5)
    ]
    constraints = Constraints(week_of=WEEK, min_overlap_minutes=0)
    found = search(build_index(entries, WEEK), 1, constraints=constraints)
    score = compatibility(room(1), room(3, "IN"), constraints).score
    assert found == [(3, score), (5, score), (9, score)]


def test_an_index_answers_only_for_its_week():
    index = build_index([IndexEntry(room(1), owner=1)], WEEK)
    with pytest.raises(ValueError, match="another week"):
        search(index, 1, constraints=Constraints(week_of=date(2026, 10, 12)))
    assert search(index, 1, constraints=Constraints(week_of=date(2026, 10, 9))) == []

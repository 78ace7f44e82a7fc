"""The score of a pair of classrooms, for one pair (`compatibility`) and for many (`combine`).

Both paths call `combine` with the same arithmetic in the same order, so the engine's
vectorised scores equal `compatibility(a, b).score` exactly.
"""

from collections.abc import Set

import numpy as np

from orbis.core.matching.profiles import (
    ClassroomProfile,
    Compatibility,
    Constraints,
    Weights,
    check_profile,
)
from orbis.core.matching.weeks import session_windows, week_intervals
from orbis.core.timetable import intersect

AGE_SCALE = 4.0  # years of difference between the mid ages at which the age fit reaches 0
OVERLAP_FULL = 180  # weekly common minutes at which the overlap fit reaches 1


def set_fit(shared, size_a, size_b):
    """Shared elements / elements of the smaller set; 0 when either set is empty."""
    smaller = np.minimum(size_a, size_b)
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)


def age_fit(min_a, max_a, min_b, max_b):
    """1 − |difference of the mid ages| / AGE_SCALE, at least 0."""
    distance = np.abs((min_a + max_a) - (min_b + max_b)) / 2.0
    return np.maximum(0.0, 1.0 - distance / AGE_SCALE)


def age_gap(min_a, max_a, min_b, max_b):
    """Years between two age ranges; 0 when they overlap."""
    return np.maximum(0, np.maximum(min_a, min_b) - np.minimum(max_a, max_b))


def combine(weights: Weights, languages, age, overlap_minutes, subjects, sdgs, approaches, live):
    """The score 0–100 from the fits (arrays or scalars; `live`: either class wants live)."""
    overlap = np.minimum(overlap_minutes, OVERLAP_FULL) / float(OVERLAP_FULL)
    base = (
        weights.languages * languages
        + weights.age * age
        + weights.subjects * subjects
        + weights.sdgs * sdgs
        + weights.approaches * approaches
    )
    total = weights.base_total()
    with_overlap = 100.0 * (base + weights.overlap * overlap) / (total + weights.overlap)
    without = 100.0 * base / total
    return np.where(live, with_overlap, without)


def verified_ok(a: ClassroomProfile, b: ClassroomProfile) -> bool:
    """Neither asks for verified partners only, or the other one is verified."""
    a_ok = not getattr(a, "only_verified", False) or bool(getattr(b, "verified", False))
    b_ok = not getattr(b, "only_verified", False) or bool(getattr(a, "verified", False))
    return a_ok and b_ok


def _shared(a: Set, b: Set) -> frozenset:
    return frozenset(a) & frozenset(b)


def compatibility(
    a: ClassroomProfile,
    b: ClassroomProfile,
    constraints: Constraints = Constraints(),  # noqa: B008 (frozen: safe to share)
    weights: Weights = Weights(),  # noqa: B008
) -> Compatibility | None:
    """How well a and b fit, or None when a hard constraint fails: same country, no shared
    language, age gap above the tolerance, or either wants live and they have fewer than
    `min_overlap_minutes` common free minutes a week. Only common windows at least
    `min_window_minutes` long count as common minutes (for that rule, the score and the
    result). Invalid profiles (see check_profile) are never compatible."""
    if check_profile(a) is not None or check_profile(b) is not None:
        return None
    if a.country.upper() == b.country.upper():
        return None
    if not verified_ok(a, b):
        return None
    languages = _shared(a.languages, b.languages)
    if not languages:
        return None
    gap = int(age_gap(a.age_min, a.age_max, b.age_min, b.age_max))
    if gap > constraints.age_tolerance:
        return None
    both = session_windows(
        intersect(
            list(week_intervals(a.periods, a.time_zone, constraints.week_of)),
            list(week_intervals(b.periods, b.time_zone, constraints.week_of)),
        ),
        constraints.min_window_minutes,
    )
    minutes = sum(end - start for start, end in both)
    live = bool(a.wants_live or b.wants_live)
    if live and minutes < constraints.min_overlap_minutes:
        return None
    subjects = _shared(a.subjects, b.subjects)
    sdgs = _shared(a.sdgs, b.sdgs)
    approaches = _shared(a.approaches, b.approaches)
    sizes = {
        name: (len(frozenset(getattr(a, name))), len(frozenset(getattr(b, name))))
        for name in ("languages", "subjects", "sdgs", "approaches")
    }
    score = combine(
        weights,
        set_fit(len(languages), *sizes["languages"]),
        age_fit(a.age_min, a.age_max, b.age_min, b.age_max),
        minutes,
        set_fit(len(subjects), *sizes["subjects"]),
        set_fit(len(sdgs), *sizes["sdgs"]),
        set_fit(len(approaches), *sizes["approaches"]),
        live,
    )
    return Compatibility(
        score=float(score),
        overlap_minutes=minutes,
        overlap=both,
        shared_languages=languages,
        shared_subjects=subjects,
        shared_sdgs=sdgs,
        shared_approaches=approaches,
        age_gap=gap,
    )

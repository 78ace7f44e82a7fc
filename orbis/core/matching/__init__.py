"""The matching core: which classrooms of different countries should become partners.

Pure package (standard library, numpy and orbis.core only; no Django).

    from orbis.core.matching import ClassroomProfile, compatibility, match

Hard constraints (a pair that breaks one is never proposed; `compatibility` returns None):
the two classrooms are in different countries, share at least one language, their age ranges
are at most `Constraints.age_tolerance` years apart, and when either wants live exchanges they
are free at the same moment for at least `Constraints.min_overlap_minutes` minutes a week (in
the real week of `Constraints.week_of`, so daylight-saving time is right; weekly availability
wraps around the week, see weeks.py); and a classroom whose profile asks for `only_verified`
partners is only paired with profiles marked `verified` (both ways).

Common minutes are those of the common windows at least `Constraints.min_window_minutes` long
(the shortest live session, 15 minutes): a 5-minute overlap is no meeting time. They are what the
weekly minimum above, the overlap fit below, `Compatibility.overlap` and the partner search count.

The score of a feasible pair (0–100) is a weighted mean of six fits, each between 0 and 1:

    languages   shared languages / languages of the class that speaks fewer
    age         1 − |mid age a − mid age b| / 4 years, at least 0   (mid age = (min + max) / 2)
    overlap     min(common live minutes a week, 180) / 180
    subjects    shared subjects / subjects of the class with fewer (0 when either has none)
    sdgs        shared SDGs / SDGs of the class with fewer (0 when either has none)
    approaches  shared approaches / approaches of the class with fewer (0 when either has none)

    score = 100 × Σ weight × fit / Σ weight

with the default `Weights` languages 10, age 20, overlap 25, subjects 20, sdgs 15,
approaches 10. When neither classroom wants live exchanges the overlap part is left out of both
sums. A group's score is the mean score of its pairs; `MatchResult.total_score` is the sum of
the partnerships' scores.

`match` maximises the total score approximately: greedy b-matching, local search (augmenting
and 2-opt moves), and for large runs bucketed candidates plus a second pass that pairs any
classrooms still free (see engine.py). `check_profile` says why a profile cannot be matched;
`match` reports such profiles in `MatchResult.skipped` and carries on.
"""

from orbis.core.matching.engine import match
from orbis.core.matching.profiles import (
    ClassroomProfile,
    Compatibility,
    Constraints,
    MatchResult,
    Skipped,
    Weights,
    check_profile,
)
from orbis.core.matching.score import compatibility

__all__ = [
    "ClassroomProfile",
    "Compatibility",
    "Constraints",
    "MatchResult",
    "Skipped",
    "Weights",
    "check_profile",
    "compatibility",
    "match",
]

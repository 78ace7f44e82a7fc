"""match(): partnerships (or groups) for a whole set of classrooms.

1. encode: bad profiles are skipped with a reason; the rest sorted by id, turned into arrays.
2. candidates: every pair for small runs; for large ones bucketed neighbours (candidates.py).
3. pairs: greedy b-matching, then local search (pairing.py); groups: greedy merging (groups.py).
4. fairness pass (large runs): every pair of classrooms that still have a free place is tried
   within their buckets, they are paired greedily, and local search runs again, so nobody is
   left alone while a feasible partner with a free place exists.

Deterministic: the same classrooms (in any order), constraints, weights and seed give the same
result. The seed only orders members of large buckets (which neighbours become candidates).
"""

import math
from collections.abc import Sequence

import numpy as np

from orbis.core.matching.candidates import (
    candidate_edges,
    exhaustive_pairs,
    scored,
)
from orbis.core.matching.encode import Encoded, encode
from orbis.core.matching.groups import Grouping
from orbis.core.matching.pairing import Pairing
from orbis.core.matching.profiles import (
    ClassroomProfile,
    Constraints,
    MatchResult,
    Weights,
)

MAX_SWEEPS = 8


def _pairs(enc: Encoded, constraints, weights, rank) -> tuple[list, list]:
    u, v, s, complete = candidate_edges(enc, constraints, weights, rank)
    pairing = Pairing(enc.capacity, u, v, s)
    pairing.greedy()
    pairing.improve(MAX_SWEEPS)
    if not complete:
        spare = np.flatnonzero(np.array(pairing.spare) > 0)
        a, b = exhaustive_pairs(enc, spare, constraints, rank)
        a, b, sc = scored(enc, a, b, constraints, weights)
        pairing.add_edges(a, b, sc)
        pairing.greedy((a, b, sc))
        pairing.improve(MAX_SWEEPS)
    return pairing.result()


def _groups(enc: Encoded, constraints, weights, rank, size: int) -> tuple[list, list]:
    u, v, s, complete = candidate_edges(enc, constraints, weights, rank)
    grouping = Grouping(enc, constraints, weights, size, complete)
    grouping.add_edges(u, v, s)
    grouping.merge_along(u, v, s)
    if not complete:
        a, b = exhaustive_pairs(enc, grouping.open_members(), constraints, rank)
        a, b, sc = scored(enc, a, b, constraints, weights)
        grouping.add_edges(a, b, sc)
        grouping.merge_along(a, b, sc)
    return grouping.result()


def match(
    classrooms: Sequence[ClassroomProfile],
    constraints: Constraints = Constraints(),  # noqa: B008 (frozen: safe to share)
    weights: Weights = Weights(),  # noqa: B008
    *,
    group_size: int = 2,
    seed: int = 0,
) -> MatchResult:
    """Partnerships for `classrooms` that keep every hard constraint, with a high total score.

    group_size 2: pairs; each classroom gets at most `partners_wanted` partners, never the same
    one twice. group_size N > 2: groups of 2 to N classrooms, all pairwise feasible; each
    classroom is in at most one group. Bad profiles are returned in `skipped`.
    """
    if not isinstance(group_size, int) or group_size < 2:
        raise ValueError("group_size must be 2 or more")
    enc, skipped = encode(classrooms, constraints)
    rank = np.random.default_rng(seed).permutation(enc.n) if enc.n else np.zeros(0, np.int64)
    if enc.n < 2:
        return MatchResult([], [], skipped, 0.0)
    if group_size == 2:
        members, scores = _pairs(enc, constraints, weights, rank)
    else:
        members, scores = _groups(enc, constraints, weights, rank, group_size)
    ids = enc.ids.tolist()
    found = sorted(
        (tuple(sorted(ids[i] for i in group)), score)
        for group, score in zip(members, scores, strict=True)
    )
    partnerships = [group for group, _score in found]
    values = [score for _group, score in found]
    return MatchResult(partnerships, values, skipped, math.fsum(values))

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

import gc
import math
from collections.abc import Sequence

import numpy as np

from orbis.core.matching.candidates import (
    candidate_edges,
    exhaustive_pairs,
    interval_memberships,
    scored,
    spare_window,
    window_pairs,
)
from orbis.core.matching.encode import Encoded, encode, first_of_each
from orbis.core.matching.groups import Grouping
from orbis.core.matching.moves import Moves
from orbis.core.matching.pairing import Pairing, greedy_edges
from orbis.core.matching.profiles import (
    ClassroomProfile,
    Constraints,
    MatchResult,
    Weights,
)

MAX_SWEEPS = 8
PYTHON_SEARCH_LIMIT = 20_000  # above: vectorised local search (moves.py)
SWAP_LIMIT = 200_000  # above: no 2-opt rounds (few gains for their time)
SWAP_ROUNDS = 2
LOCAL_ROUNDS = 12  # rounds of vectorised local search in large runs
SPARE_PASSES = 2  # window passes among classrooms that still have a free place


def _pairs(enc: Encoded, constraints, weights, rank) -> tuple[list, list]:
    u, v, s, complete = candidate_edges(enc, constraints, weights, rank)
    if complete:
        pairing = Pairing(enc.capacity, u, v, s)
        pairing.greedy()
        pairing.improve(MAX_SWEEPS)
        return pairing.result()
    found = _Found(enc)
    found.take(u, v, s)
    window = spare_window(enc.n)
    for _round in range(SPARE_PASSES):
        free = np.flatnonzero(found.spare > 0)
        bucket, member, key = interval_memberships(enc, free, constraints)
        a, b = window_pairs(enc, bucket, member, key, constraints, rank, window=window)
        found.take(*scored(enc, a, b, constraints, weights))
    _fairness_pass(enc, found, constraints, weights)
    if enc.n <= PYTHON_SEARCH_LIMIT:
        pairing = Pairing(enc.capacity, *found.edges())
        pairing.load(*found.chosen())
        pairing.improve(MAX_SWEEPS)
        chosen = pairing.result_arrays()
    else:
        moves = Moves(enc.capacity, *found.edges())
        moves.choose(*found.chosen()[:2])
        moves.improve(LOCAL_ROUNDS, swap_rounds=SWAP_ROUNDS if enc.n <= SWAP_LIMIT else 0)
        chosen = moves.result_arrays()
    # Local search may free places (a classroom letting go of one of several partners):
    # lonely classrooms also meet those newly free classrooms.
    had_room = found.spare > 0
    found = _Found(enc, *chosen)
    _fairness_pass(enc, found, constraints, weights, newly_free=(found.spare > 0) & ~had_room)
    u, v, s = found.chosen()
    return list(zip(u.tolist(), v.tolist(), strict=True)), s.tolist()


def _fairness_pass(
    enc: Encoded, found: "_Found", constraints, weights, newly_free: np.ndarray | None = None
) -> None:
    """Every classroom still without a partner meets every classroom with a free place that
    it shares a bucket with (or only the `newly_free` ones); greedy takes the feasible pairs."""
    lonely = found.lonely()
    if newly_free is None:
        a, b = exhaustive_pairs(enc, np.flatnonzero(found.spare > 0), constraints, lonely)
    else:
        members = np.flatnonzero(lonely | newly_free)
        a, b = exhaustive_pairs(enc, members, constraints, newly_free)
        wanted = lonely[a] | lonely[b]
        a, b = a[wanted], b[wanted]
    found.take(*scored(enc, a, b, constraints, weights))


class _Found:
    """Candidate edges and the partnerships greedy took from them, pass after pass."""

    def __init__(self, enc: Encoded, *chosen: np.ndarray):
        self.n = enc.n
        self.spare = enc.capacity.astype(np.int64).copy()
        self.edge_parts: list[tuple] = []
        self.chosen_parts: list[tuple] = []
        self.chosen_keys = np.zeros(0, dtype=np.int64)
        if chosen:
            u, v, _s = chosen
            self.edge_parts.append(chosen)
            self.chosen_parts.append(chosen)
            self.chosen_keys = np.sort(u * self.n + v)
            self.spare -= np.bincount(u, minlength=self.n) + np.bincount(v, minlength=self.n)

    def take(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        """Greedy over new candidate edges (skipping pairs already partners)."""
        if len(self.chosen_keys) and len(u):
            keys = u * self.n + v
            where = np.searchsorted(self.chosen_keys, keys).clip(max=len(self.chosen_keys) - 1)
            fresh = self.chosen_keys[where] != keys
            u, v, s = u[fresh], v[fresh], s[fresh]
        self.edge_parts.append((u, v, s))
        taken = greedy_edges(self.spare, u, v, s)
        self.spare -= np.bincount(u[taken], minlength=self.n)
        self.spare -= np.bincount(v[taken], minlength=self.n)
        self.chosen_parts.append((u[taken], v[taken], s[taken]))
        self.chosen_keys = np.sort(np.r_[self.chosen_keys, u[taken] * self.n + v[taken]])

    def lonely(self) -> np.ndarray:
        """Classrooms without any partner yet (a mask)."""
        return self.spare == self._capacity()

    def _capacity(self) -> np.ndarray:
        degree = np.zeros(self.n, dtype=np.int64)
        for u, v, _s in self.chosen_parts:
            degree += np.bincount(u, minlength=self.n) + np.bincount(v, minlength=self.n)
        return self.spare + degree

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        u, v, s = (np.concatenate(part) for part in zip(*self.edge_parts, strict=True))
        first = first_of_each(u * self.n + v)
        return u[first], v[first], s[first]

    def chosen(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return tuple(np.concatenate(part) for part in zip(*self.chosen_parts, strict=True))


def _groups(enc: Encoded, constraints, weights, rank, size: int) -> tuple[list, list]:
    u, v, s, complete = candidate_edges(enc, constraints, weights, rank)
    grouping = Grouping(enc, constraints, weights, size, complete)
    grouping.add_edges(u, v, s)
    grouping.merge_along(u, v, s)
    if not complete:
        a, b = exhaustive_pairs(enc, grouping.open_members(), constraints)
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
    # Millions of short-lived lists and tuples would make the cyclic collector walk every
    # profile again and again; nothing here makes reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _match(classrooms, constraints, weights, group_size, seed)
    finally:
        if collecting:
            gc.enable()


def _match(classrooms, constraints, weights, group_size: int, seed: int) -> MatchResult:
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

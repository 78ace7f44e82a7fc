"""Groups of up to N classrooms (group_size > 2): greedy merging along the best feasible links.

Every classroom starts alone. Candidate edges are taken from the best down; an edge merges the
two groups of its ends when the merged group has at most N classrooms and every pair in it is
feasible (so all its classrooms are in different countries). A group's score is the mean score
of its pairs. In group mode a classroom joins at most one group, which is its one partnership.
"""

import numpy as np

from orbis.core.matching.encode import Encoded, first_of_each
from orbis.core.matching.pair_scores import score_pairs
from orbis.core.matching.pairing import edge_order
from orbis.core.matching.profiles import Constraints, Weights


class Grouping:
    def __init__(
        self,
        enc: Encoded,
        constraints: Constraints,
        weights: Weights,
        size: int,
        complete: bool,
    ):
        self.enc, self.constraints, self.weights = enc, constraints, weights
        self.size = size
        self.complete = complete  # candidate edges are all the feasible pairs
        n = enc.n
        self.group_of = list(range(n))
        self.members: list[list[int]] = [[i] for i in range(n)]
        self.total = [0.0] * n  # sum of the pair scores of each group (by representative)
        self.keys = np.zeros(0, dtype=np.int64)
        self.values = np.zeros(0)
        self.known: dict[int, float] = {}  # pairs scored on demand (NaN: infeasible)

    def add_edges(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        keys = np.r_[self.keys, u * self.enc.n + v]
        values = np.r_[self.values, s]
        first = first_of_each(keys)
        self.keys, self.values = keys[first], values[first]

    def _scores(self, pairs: list[tuple[int, int]]) -> np.ndarray:
        """Scores of pairs (NaN when infeasible): candidate edges, else computed once."""
        n = self.enc.n
        keys = np.array([a * n + b if a < b else b * n + a for a, b in pairs], dtype=np.int64)
        where = np.searchsorted(self.keys, keys).clip(max=max(len(self.keys) - 1, 0))
        found = (self.keys[where] == keys) if len(self.keys) else np.zeros(len(keys), bool)
        result = np.where(found, self.values[where] if len(self.keys) else 0.0, np.nan)
        if self.complete:
            return result
        missing = [k for k in np.flatnonzero(~found).tolist() if keys[k] not in self.known]
        if missing:
            a, b = keys[missing] // n, keys[missing] % n
            _, scores = score_pairs(self.enc, a, b, self.constraints, self.weights)
            self.known.update(zip(keys[missing].tolist(), scores.tolist(), strict=True))
        for k in np.flatnonzero(~found).tolist():
            result[k] = self.known[int(keys[k])]
        return result

    def try_merge(self, a: int, b: int, score: float) -> bool:
        ga, gb = self.group_of[a], self.group_of[b]
        if ga == gb:
            return False
        left, right = self.members[ga], self.members[gb]
        if len(left) + len(right) > self.size:
            return False
        if len(left) == 1 and len(right) == 1:
            cross = score
        else:
            scores = self._scores([(x, y) for x in left for y in right])
            if np.isnan(scores).any():
                return False
            cross = float(scores.sum())
        if len(left) < len(right):
            ga, gb, left, right = gb, ga, right, left
        left.extend(right)
        for x in right:
            self.group_of[x] = ga
        self.members[gb] = []
        self.total[ga] += self.total[gb] + cross
        return True

    def merge_along(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        if not len(u):
            return
        order = edge_order(u, v, s)
        for a, b, score in zip(
            u[order].tolist(), v[order].tolist(), s[order].tolist(), strict=True
        ):
            self.try_merge(a, b, score)

    def open_members(self) -> np.ndarray:
        """Classrooms alone or in a group with room."""
        return np.array(
            [i for i in range(self.enc.n) if len(self.members[self.group_of[i]]) < self.size],
            dtype=np.int64,
        )

    def result(self) -> tuple[list[list[int]], list[float]]:
        groups, scores = [], []
        for g, members in enumerate(self.members):
            if len(members) >= 2:
                count = len(members) * (len(members) - 1) // 2
                groups.append(sorted(members))
                scores.append(self.total[g] / count)
        return groups, scores

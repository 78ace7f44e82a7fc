"""Local search for large runs, vectorised: rounds of many independent improving moves.

The partnerships are a mask over the candidate edges. Each round finds, with numpy, the best
move of every kind below, keeps a set of moves that touch disjoint classrooms (best gain first)
and applies them all; rounds repeat until none improves (or a round limit).

* augment: u (free place) takes v from v's partner w, and w takes its best classroom x with a
  free place instead: one more partnership, gain s(u,v) − s(v,w) + s(w,x). When w keeps another
  partner it may also just let go (gain s(u,v) − s(v,w)). No move leaves a classroom without a
  partner that had one, unless the move gives one to a classroom that had none.
* swap (2-opt): partnerships a–b and c–d become a–c and b–d.
* add: candidate edges between classrooms with free places (greedy, best first).
"""

import numpy as np

from orbis.core.matching.pairing import EPS, greedy_edges


class Moves:
    def __init__(self, capacity: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray):
        self.n = len(capacity)
        self.capacity = capacity.astype(np.int64)
        self.u, self.v, self.s = u.astype(np.int64), v.astype(np.int64), s.astype(np.float64)
        self.chosen = np.zeros(len(u), dtype=bool)
        self.keys = self.u * self.n + self.v  # sorted: edges come from distinct keys
        if len(self.keys) > 1 and not np.all(self.keys[1:] > self.keys[:-1]):
            order = np.argsort(self.keys)
            self.u, self.v, self.s, self.keys = (
                x[order] for x in (self.u, self.v, self.s, self.keys)
            )
        # Both orientations of every edge: (end, other end, edge).
        self.end = np.r_[self.u, self.v]
        self.other = np.r_[self.v, self.u]
        self.edge = np.r_[np.arange(len(u)), np.arange(len(u))]
        self.best = np.zeros(self.n)  # each classroom's best candidate score
        np.maximum.at(self.best, self.end, self.s[self.edge]) if len(u) else None

    def choose(self, u: np.ndarray, v: np.ndarray) -> None:
        """Mark partnerships chosen elsewhere (pairs that are candidate edges)."""
        self.chosen[self.find(u, v)] = True

    def find(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Edge index of each pair (a, b) in either order; −1 when it is no candidate."""
        keys = np.minimum(a, b) * self.n + np.maximum(a, b)
        where = np.searchsorted(self.keys, keys).clip(max=max(len(self.keys) - 1, 0))
        found = len(self.keys) > 0 and self.keys[where] == keys
        return np.where(found, where, -1)

    def degree(self) -> np.ndarray:
        taken = self.chosen
        return np.bincount(self.u[taken], minlength=self.n) + np.bincount(
            self.v[taken], minlength=self.n
        )

    def add(self) -> int:
        spare = self.capacity - self.degree()
        open_edge = np.flatnonzero(~self.chosen & (spare[self.u] > 0) & (spare[self.v] > 0))
        if not len(open_edge):
            return 0
        taken = greedy_edges(spare, self.u[open_edge], self.v[open_edge], self.s[open_edge])
        self.chosen[open_edge[taken]] = True
        return len(taken)

    def _best_free(self, spare: np.ndarray):
        """Per classroom, its two best neighbours with a free place (not already partners):
        (neighbour, edge) arrays of shape (2, n), −1 where there is none."""
        rows = np.flatnonzero(~self.chosen[self.edge] & (spare[self.other] > 0))
        best = np.full((2, self.n), -1, dtype=np.int64)
        best_edge = np.full((2, self.n), -1, dtype=np.int64)
        if not len(rows):
            return best, best_edge
        end, score = self.end[rows], self.s[self.edge[rows]]
        order = np.lexsort((self.other[rows], -score, end))
        rows, end = rows[order], end[order]
        first = np.flatnonzero(np.r_[True, end[1:] != end[:-1]])
        best[0, end[first]] = self.other[rows[first]]
        best_edge[0, end[first]] = self.edge[rows[first]]
        second = first + 1
        second = second[(second < len(end)) & (end[np.minimum(second, len(end) - 1)] == end[first])]
        best[1, end[second]] = self.other[rows[second]]
        best_edge[1, end[second]] = self.edge[rows[second]]
        return best, best_edge

    def _partners(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """CSR of the chosen edges by classroom: pointer, edge, other end."""
        taken = np.flatnonzero(self.chosen)
        end = np.r_[self.u[taken], self.v[taken]]
        edge = np.r_[taken, taken]
        order = np.argsort(end, kind="stable")
        pointer = np.r_[0, np.cumsum(np.bincount(end, minlength=self.n))]
        other = np.r_[self.v[taken], self.u[taken]]
        return pointer, edge[order], other[order]

    def augment(self, focus: np.ndarray | None = None) -> int:
        """One round of augment moves from classrooms with a free place (in `focus`)."""
        degree = self.degree()
        spare = self.capacity - degree
        start = ~self.chosen[self.edge] & (spare[self.end] > 0) & (spare[self.other] == 0)
        if focus is not None:
            start &= focus[self.end]
        rows = np.flatnonzero(start)
        if not len(rows):
            return 0
        pointer, p_edge, p_other = self._partners()
        v, u, e_uv, w, e_vw = _join(
            pointer, p_other, p_edge, self.other[rows], self.end[rows], self.edge[rows]
        )
        best, best_edge = self._best_free(spare)
        pick = np.where(best[0, w] == u, 1, 0)
        x, e_wx = best[pick, w], best_edge[pick, w]
        base = self.s[e_uv] - self.s[e_vw]
        gain = np.where(x >= 0, base + self.s[np.maximum(e_wx, 0)], -np.inf)
        let_go = degree[w] >= 2
        exchange = let_go & (base > gain)
        gain = np.where(exchange, base, gain)
        x = np.where(exchange, -1, x)
        good = np.flatnonzero(gain > EPS)
        if not len(good):
            return 0
        moves = _disjoint(gain[good], np.stack([u[good], v[good], w[good], x[good]]))
        for k in moves:
            g = good[k]
            self.chosen[e_vw[g]] = False
            self.chosen[e_uv[g]] = True
            if x[g] >= 0:
                self.chosen[e_wx[g]] = True
        return len(moves)

    def swap(self) -> int:
        """One round of 2-opt moves: a–b, c–d → a–c, b–d."""
        pointer, p_edge, p_other = self._partners()
        has = pointer[1:] > pointer[:-1]
        # Bounds: the gain from a's side is at most s(a,c) + max over a's partners b of
        # (best(b) − s(a,b)), minus c's weakest partnership.
        taken = np.flatnonzero(self.chosen)
        ends = np.r_[self.u[taken], self.v[taken]]
        others = np.r_[self.v[taken], self.u[taken]]
        scores = np.r_[self.s[taken], self.s[taken]]
        reach = np.full(self.n, -np.inf)
        np.maximum.at(reach, ends, self.best[others] - scores)
        weakest = np.full(self.n, np.inf)
        np.minimum.at(weakest, ends, scores)
        score = self.s[self.edge]
        rows = np.flatnonzero(
            ~self.chosen[self.edge]
            & has[self.end]
            & has[self.other]
            & (score + reach[self.end] - weakest[self.other] > EPS)
        )
        a, c, e_ac = self.end[rows], self.other[rows], self.edge[rows]
        a, c, e_ac, b, e_ab = _join(pointer, p_other, p_edge, a, c, e_ac)
        c, a, e_ac, b, e_ab, d, e_cd = _join(pointer, p_other, p_edge, c, a, e_ac, b, e_ab)
        # s(b, d) is at most b's best score: most rows cannot gain and skip the lookup.
        fine = (b != c) & (d != a) & (b != d)
        fine &= self.s[e_ac] + self.best[b] - self.s[e_ab] - self.s[e_cd] > EPS
        e_bd = np.full(len(a), -1, dtype=np.int64)
        e_bd[fine] = self.find(b[fine], d[fine])
        fine &= e_bd >= 0
        fine &= ~self.chosen[np.maximum(e_bd, 0)]
        gain = self.s[e_ac] + self.s[np.maximum(e_bd, 0)] - self.s[e_ab] - self.s[e_cd]
        good = np.flatnonzero(fine & (gain > EPS))
        if not len(good):
            return 0
        moves = _disjoint(gain[good], np.stack([a[good], b[good], c[good], d[good]]))
        for k in moves:
            g = good[k]
            self.chosen[[e_ab[g], e_cd[g]]] = False
            self.chosen[[e_ac[g], e_bd[g]]] = True
        return len(moves)

    def improve(self, rounds: int = 12, focus: np.ndarray | None = None, swap_rounds: int = 3):
        """Rounds of add and augment moves (and 2-opt in the first `swap_rounds`) until none
        helps or `rounds` are done."""
        for round_number in range(rounds):
            made = self.add() + self.augment(focus)
            if round_number < swap_rounds:
                made += self.swap()
            if not made:
                break

    def result_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        taken = np.flatnonzero(self.chosen)
        return self.u[taken], self.v[taken], self.s[taken]


def _offsets(count: np.ndarray) -> np.ndarray:
    """0, 1, …, count[k] − 1 for every k, concatenated."""
    return np.arange(int(count.sum()), dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)


def _join(pointer, p_other, p_edge, key, *rest):
    """Rows repeated once per partnership of `key`: (key, *rest, partner, partnership)."""
    count = pointer[key + 1] - pointer[key]
    at = np.repeat(pointer[key], count) + _offsets(count)
    repeated = [np.repeat(x, count) for x in (key, *rest)]
    return (*repeated, p_other[at], p_edge[at])


def _disjoint(gain: np.ndarray, touched: np.ndarray) -> list[int]:
    """Moves (columns of `touched`, −1 = nobody) sharing no classroom, best gain first."""
    order = np.argsort(-gain, kind="stable")
    used: set[int] = set()
    kept = []
    for k, who in zip(order.tolist(), touched[:, order].T.tolist(), strict=True):
        people = [p for p in who if p >= 0]
        if used.isdisjoint(people):
            used.update(people)
            kept.append(k)
    return kept

"""Partnerships of two classrooms: a greedy b-matching improved by local search.

The candidate edges are feasible pairs with their scores. `Pairing.greedy` takes edges from the
best down while both classrooms still want partners (each classroom i at most capacity[i]
partners, no pair twice). `Pairing.improve` then repeats sweeps of three moves, each of which
raises the total score and never lowers the number of classrooms with a partner:

* add: two classrooms with free places that fit get paired (keeps the matching maximal);
* augment: a classroom u with a free place takes v from v's partner w, and w takes a classroom
  x with a free place instead (or, when w keeps another partner or u had none, w just lets go);
* swap (2-opt): partnerships a–b and c–d become a–c and b–d.
"""

from array import array
from bisect import bisect_left

import numpy as np

EPS = 1e-9


class Pairing:
    def __init__(self, capacity: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray):
        self.n = n = len(capacity)
        self.capacity = capacity
        self.spare = [int(c) for c in capacity]
        self.partners: list[list[int] | None] = [None] * n
        self.chosen: dict[int, float] = {}  # a * n + b (a < b) → score
        self.ptr = array("q")
        self.nbr = array("q")
        self.sc = array("d")
        self.best = array("d")
        self.edges = (u, v, s)
        self._build(u, v, s)

    def _build(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        """Adjacency lists sorted by neighbour (for lookups by bisection)."""
        src = np.concatenate([u, v]).astype(np.int64)
        dst = np.concatenate([v, u]).astype(np.int64)
        both = np.concatenate([s, s])
        order = np.lexsort((dst, src))
        counts = np.bincount(src, minlength=self.n)
        self.ptr = array("q", np.r_[0, np.cumsum(counts)].tolist())
        self.nbr = array("q", dst[order].tolist())
        self.sc = array("d", both[order].tolist())
        best = np.full(self.n, -np.inf)
        np.maximum.at(best, src, both)
        self.best = array("d", best.tolist())

    def add_edges(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        """More candidate edges (pairs not already candidates)."""
        old_u, old_v, old_s = self.edges
        keys = np.unique(np.r_[old_u * self.n + old_v, u * self.n + v], return_index=True)[1]
        all_u, all_v, all_s = np.r_[old_u, u][keys], np.r_[old_v, v][keys], np.r_[old_s, s][keys]
        self.edges = (all_u, all_v, all_s)
        self._build(all_u, all_v, all_s)

    # ---- the matching ---------------------------------------------------------------------

    def score(self, a: int, b: int) -> float | None:
        """The candidate edge's score, or None when a–b is no candidate."""
        low, high = self.ptr[a], self.ptr[a + 1]
        k = bisect_left(self.nbr, b, low, high)
        if k < high and self.nbr[k] == b:
            return self.sc[k]
        return None

    def _key(self, a: int, b: int) -> int:
        return a * self.n + b if a < b else b * self.n + a

    def link(self, a: int, b: int, score: float) -> None:
        for x, y in ((a, b), (b, a)):
            if self.partners[x] is None:
                self.partners[x] = [y]
            else:
                self.partners[x].append(y)
            self.spare[x] -= 1
        self.chosen[self._key(a, b)] = score

    def unlink(self, a: int, b: int) -> float:
        for x, y in ((a, b), (b, a)):
            self.partners[x].remove(y)
            self.spare[x] += 1
        return self.chosen.pop(self._key(a, b))

    def mates(self, a: int) -> list[int]:
        return self.partners[a] or []

    def greedy(self, edges: tuple | None = None) -> None:
        """Best edges first (of `edges`, else all), while both ends have a free place."""
        u, v, s = self.edges if edges is None else edges
        order = np.lexsort((v, u, -s))
        spare, link = self.spare, self.link
        for a, b, score in zip(u[order].tolist(), v[order].tolist(), s[order].tolist()):
            if spare[a] > 0 and spare[b] > 0 and self._key(a, b) not in self.chosen:
                link(a, b, score)

    # ---- local search ---------------------------------------------------------------------

    def _augment(self, u: int, depth: int) -> bool:
        """The best alternating path from u (which has a free place); True when one was made.

        A path adds u–v1, drops v1–w1, adds w1–v2, drops v2–w2, … (at most `depth` drops) and
        ends at a classroom with a free place (one more partnership) or with a drop whose
        classroom keeps another partner (or u had none: as many classrooms matched as before).
        """
        self._best_gain, self._best_path = EPS, None
        self._search(u, u, 0.0, depth, [u])
        if self._best_path is None:
            return False
        path = self._best_path
        for k in range(1, len(path) - 1, 2):
            if k + 1 < len(path):
                self.unlink(path[k], path[k + 1])
        for k in range(0, len(path) - 1, 2):
            self.link(path[k], path[k + 1], self.score(path[k], path[k + 1]))
        return True

    def _search(self, u: int, c: int, gain: float, depth: int, path: list) -> None:
        ptr, nbr, sc, spare = self.ptr, self.nbr, self.sc, self.spare
        mine = self.mates(c)
        u_matched = bool(self.partners[u])
        for k in range(ptr[c], ptr[c + 1]):
            v = nbr[k]
            if v in mine or v in path:
                continue
            added = gain + sc[k]
            if spare[v] > 0:
                if added > self._best_gain:
                    self._best_gain, self._best_path = added, [*path, v]
                continue
            for w in self.mates(v):
                if w in path:
                    continue
                dropped = added - self.chosen[self._key(v, w)]
                if dropped > self._best_gain and (len(self.mates(w)) >= 2 or not u_matched):
                    self._best_gain, self._best_path = dropped, [*path, v, w]
                if depth > 1 and dropped + self.best[w] > self._best_gain:
                    self._search(u, w, dropped, depth - 1, [*path, v, w])

    def _swap(self, a: int) -> bool:
        """The first improving 2-opt move from a's partnerships; True when one was made."""
        ptr, nbr, sc, best = self.ptr, self.nbr, self.sc, self.best
        for b in list(self.mates(a)):
            sab = self.chosen[self._key(a, b)]
            mine, theirs = self.mates(a), self.mates(b)
            for k in range(ptr[a], ptr[a + 1]):
                c, sac = nbr[k], sc[k]
                if sac + best[b] - sab <= EPS or c == b or c in mine:
                    continue
                for d in self.mates(c):
                    if d == a or d == b or d in theirs:
                        continue
                    scd = self.chosen[self._key(c, d)]
                    if sac + best[b] - sab - scd <= EPS:
                        continue
                    sbd = self.score(b, d)
                    if sbd is None or sac + sbd - sab - scd <= EPS:
                        continue
                    self.unlink(a, b)
                    self.unlink(c, d)
                    self.link(a, c, sac)
                    self.link(b, d, sbd)
                    return True
        return False

    def improve(
        self, max_sweeps: int = 8, vertices: list[int] | None = None, depth: int = 3
    ) -> int:
        """Sweeps of moves until none helps (or max_sweeps); returns the moves made."""
        order = range(self.n) if vertices is None else vertices
        moves = 0
        for _sweep in range(max_sweeps):
            made = 0
            for u in order:
                if self.spare[u] > 0 and self._augment(u, depth):
                    made += 1
            for a in order:
                if self.partners[a] and self._swap(a):
                    made += 1
            moves += made
            if not made:
                break
        return moves

    def result(self) -> tuple[list[tuple[int, int]], list[float]]:
        n = self.n
        pairs = [(key // n, key % n) for key in self.chosen]
        return pairs, list(self.chosen.values())

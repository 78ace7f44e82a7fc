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

from orbis.core.matching.encode import distinct, first_of_each

EPS = 1e-9
BRANCH = 6  # neighbours tried at each step of an augmenting path after its first
LOOP_EDGES = 200_000  # greedy_edges finishes with the plain loop below this many edge ends


def _array(kind: str, values: np.ndarray) -> array:
    """A Python array (fast item access from Python) with a copy of the numpy values."""
    result = array(kind)
    dtype = np.int64 if kind == "q" else np.float64
    result.frombytes(np.ascontiguousarray(values, dtype=dtype).tobytes())
    return result


def edge_order(u: np.ndarray, v: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Indices of the edges, best score first; ties by lower u, then lower v."""
    ends = u.astype(np.int64) * (int(max(u.max(), v.max())) + 1) + v
    if np.all(ends[1:] > ends[:-1]):
        return np.argsort(-s, kind="stable")
    by_ends = np.argsort(ends, kind="stable")
    return by_ends[np.argsort(-s[by_ends], kind="stable")]


def greedy_edges(spare: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The edges (indices) the sequential greedy b-matching takes, best first (ties: lower u,
    then v), where classroom i takes at most spare[i] more partners.

    Vectorised in rounds: an edge is taken when it is among the spare[i] best remaining edges
    of both its ends (so sequential greedy would take it too); then edges at full classrooms
    are dropped. Long tails of rounds that take few edges finish with the plain loop.
    """
    count = len(u)
    if not count:
        return np.zeros(0, dtype=np.int64)
    spare = spare.astype(np.int64).copy()
    rank = np.empty(count, dtype=np.int64)
    rank[edge_order(u, v, s)] = np.arange(count)
    end = np.r_[u, v].astype(np.int64)
    edge = np.r_[np.arange(count), np.arange(count)]
    rows = np.argsort(end * count + rank[edge])
    end, edge = end[rows], edge[rows]
    alive = (spare[u] > 0) & (spare[v] > 0)
    taken = []
    while True:
        keep = alive[edge]
        end, edge = end[keep], edge[keep]
        if not len(edge):
            break
        if len(edge) < LOOP_EDGES:
            rest = distinct(edge)
            taken.append(_greedy_loop(spare, u, v, rest[np.argsort(rank[rest])]))
            break
        first = np.flatnonzero(np.r_[True, end[1:] != end[:-1]])
        position = np.arange(len(end)) - np.repeat(first, np.diff(np.r_[first, len(end)]))
        good = position < spare[end]
        both = np.bincount(edge[good], minlength=count) == 2
        chosen = np.flatnonzero(both)
        taken.append(chosen)
        alive[chosen] = False
        spare -= np.bincount(u[chosen], minlength=len(spare))
        spare -= np.bincount(v[chosen], minlength=len(spare))
        full = spare <= 0
        alive &= ~(full[u] | full[v])
    return np.sort(np.concatenate(taken)) if taken else np.zeros(0, dtype=np.int64)


def _greedy_loop(spare: np.ndarray, u: np.ndarray, v: np.ndarray, edges: np.ndarray):
    room = spare.tolist()
    taken = []
    for e, a, b in zip(edges.tolist(), u[edges].tolist(), v[edges].tolist(), strict=True):
        if room[a] > 0 and room[b] > 0:
            room[a] -= 1
            room[b] -= 1
            taken.append(e)
    chosen = np.array(taken, dtype=np.int64)
    spare -= np.bincount(u[chosen], minlength=len(spare))
    spare -= np.bincount(v[chosen], minlength=len(spare))
    return chosen


class Pairing:
    def __init__(self, capacity: np.ndarray, u: np.ndarray, v: np.ndarray, s: np.ndarray):
        self.n = n = len(capacity)
        self.capacity = capacity
        self.spare = [int(c) for c in capacity]
        self.partners: list = [()] * n  # each classroom's partners (a list once it has one)
        self.touched: set[int] = set()
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
        both = np.concatenate([s, s]).astype(np.float64)
        order = np.argsort(src * self.n + dst)
        src, dst, both = src[order], dst[order], both[order]
        counts = np.bincount(src, minlength=self.n)
        self.ptr = _array("q", np.r_[0, np.cumsum(counts)])
        self.nbr = _array("q", dst)
        self.sc = _array("d", both)
        best = np.full(self.n, -np.inf)
        if len(src):
            starts = np.flatnonzero(np.r_[True, src[1:] != src[:-1]])
            best[src[starts]] = np.maximum.reduceat(both, starts)
        self.best = _array("d", best)
        by_score = np.lexsort((dst, -both, src))  # the same rows, best neighbour first
        self.snbr = _array("q", dst[by_score])
        self.ssc = _array("d", both[by_score])

    def load(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        """Take partnerships chosen elsewhere (e.g. by greedy_edges)."""
        for a, b, score in zip(u.tolist(), v.tolist(), s.tolist(), strict=True):
            self.link(a, b, score)

    def add_edges(self, u: np.ndarray, v: np.ndarray, s: np.ndarray) -> None:
        """More candidate edges (pairs not already candidates)."""
        old_u, old_v, old_s = self.edges
        keys = first_of_each(np.r_[old_u * self.n + old_v, u * self.n + v])
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
            mates = self.partners[x]
            if mates:
                mates.append(y)
            else:
                self.partners[x] = [y]
            self.spare[x] -= 1
        self.chosen[a * self.n + b if a < b else b * self.n + a] = score
        self.touched.update((a, b))

    def unlink(self, a: int, b: int) -> float:
        for x, y in ((a, b), (b, a)):
            self.partners[x].remove(y)
            self.spare[x] += 1
        self.touched.update((a, b))
        return self.chosen.pop(a * self.n + b if a < b else b * self.n + a)

    def greedy(self, edges: tuple | None = None) -> None:
        """Best edges first (of `edges`, else all), while both ends have a free place."""
        u, v, s = self.edges if edges is None else edges
        if not len(u):
            return
        order = edge_order(u, v, s)
        spare, link, chosen, n = self.spare, self.link, self.chosen, self.n
        for a, b, score in zip(
            u[order].tolist(), v[order].tolist(), s[order].tolist(), strict=True
        ):
            if spare[a] > 0 and spare[b] > 0 and (a * n + b if a < b else b * n + a) not in chosen:
                link(a, b, score)

    # ---- local search ---------------------------------------------------------------------

    def _augment(self, u: int, depth: int) -> bool:
        """The best alternating path from u (which has a free place); True when one was made.

        A path adds u–v1, drops v1–w1, adds w1–v2, drops v2–w2, … (at most `depth` drops) and
        ends at a classroom with a free place (one more partnership) or with a drop whose
        classroom keeps another partner (or u had none: as many classrooms matched as before).
        """
        self._best_gain, self._best_path = EPS, None
        self._search(u, u, 0.0, depth, [u], bool(self.partners[u]))
        if self._best_path is None:
            return False
        path = self._best_path
        for k in range(1, len(path) - 1, 2):
            self.unlink(path[k], path[k + 1])
        for k in range(0, len(path) - 1, 2):
            self.link(path[k], path[k + 1], self.score(path[k], path[k + 1]))
        return True

    def _search(self, u: int, c: int, gain: float, depth: int, path: list, matched: bool):
        """Extend the alternating path at c (which needs a new partner). From u every
        neighbour is tried; further along only the BRANCH best ones, which bounds the work."""
        ptr, nbr, sc, spare, partners = self.ptr, self.snbr, self.ssc, self.spare, self.partners
        chosen, best, n = self.chosen, self.best, self.n
        mine = partners[c]
        tries = ptr[c + 1] - ptr[c] if c == u else BRANCH
        for k in range(ptr[c], ptr[c + 1]):
            v = nbr[k]
            if v in mine or v in path:
                continue
            tries -= 1
            if tries < 0:
                break
            added = gain + sc[k]
            if spare[v] > 0:
                if added > self._best_gain:
                    self._best_gain, self._best_path = added, [*path, v]
                continue
            for w in partners[v]:
                if w in path:
                    continue
                dropped = added - chosen[v * n + w if v < w else w * n + v]
                if dropped > self._best_gain and (len(partners[w]) >= 2 or not matched):
                    self._best_gain, self._best_path = dropped, [*path, v, w]
                if depth > 1 and dropped + best[w] > self._best_gain:
                    self._search(u, w, dropped, depth - 1, [*path, v, w], matched)

    def _swap(self, a: int) -> bool:
        """The first improving 2-opt move from a's partnerships; True when one was made."""
        ptr, nbr, sc, best = self.ptr, self.snbr, self.ssc, self.best
        partners, chosen, n = self.partners, self.chosen, self.n
        for b in list(partners[a]):
            sab = chosen[a * n + b if a < b else b * n + a]
            mine, theirs = partners[a], partners[b]
            reach = best[b] - sab  # s(b, d) − s(a, b) is at most this
            for k in range(ptr[a], ptr[a + 1]):
                c, sac = nbr[k], sc[k]
                if sac + reach <= EPS:
                    break  # neighbours come best first: none further can help
                if c == b or c in mine:
                    continue
                for d in partners[c]:
                    if d in (a, b) or d in theirs:
                        continue
                    scd = chosen[c * n + d if c < d else d * n + c]
                    if sac + reach - scd <= EPS:
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
        self,
        max_sweeps: int = 8,
        vertices: list[int] | None = None,
        depth: int = 3,
        swaps: bool = True,
    ) -> int:
        """Sweeps of moves until none helps (or max_sweeps); returns the moves made.

        The first sweep starts at `vertices` (default: all): augmenting paths from those with a
        free place, 2-opt swaps (when `swaps`) from their partnerships. Later sweeps start only
        at classrooms a move changed and at their neighbours (among `vertices`)."""
        allowed = None if vertices is None else set(vertices)
        active = range(self.n) if vertices is None else sorted(allowed)
        moves = 0
        for _sweep in range(max_sweeps):
            self.touched = set()
            made = 0
            for u in active:
                if self.spare[u] > 0 and self._augment(u, depth):
                    made += 1
            for a in active if swaps else ():
                if self.partners[a] and self._swap(a):
                    made += 1
            moves += made
            if not made:
                break
            near = set(self.touched)
            for x in self.touched:
                near.update(self.nbr[self.ptr[x] : self.ptr[x + 1]])
            active = sorted(near if allowed is None else near & allowed)
        return moves

    def result(self) -> tuple[list[tuple[int, int]], list[float]]:
        n = self.n
        pairs = [(key // n, key % n) for key in self.chosen]
        return pairs, list(self.chosen.values())

    def result_arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keys = np.fromiter(self.chosen, dtype=np.int64, count=len(self.chosen))
        scores = np.fromiter(self.chosen.values(), dtype=np.float64, count=len(self.chosen))
        return keys // self.n, keys % self.n, scores

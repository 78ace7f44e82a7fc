"""The vectorised score of many pairs of encoded classrooms at once.

`score_pairs` takes arrays of index pairs into an `Encoded` run (see encode.py) and answers which
pairs are feasible and their scores, with the formula of `score.combine`, so a pair scores
exactly what `compatibility(a, b).score` says for it.
"""

import numpy as np

from orbis.core.matching.encode import Encoded
from orbis.core.matching.profiles import Constraints, Weights
from orbis.core.matching.score import age_fit, age_gap, combine, set_fit
from orbis.core.matching.weeks import session_windows
from orbis.core.timetable import MINUTES_PER_WEEK, intersect


def overlap_minutes(enc: Encoded, u: np.ndarray, v: np.ndarray, minimum: int) -> np.ndarray:
    """Weekly common minutes of each pair (u[k], v[k]) in windows at least `minimum` long.
    Intervals are disjoint and never touch per classroom, so each pairwise interval
    intersection is one whole common window; only a window across the week's end comes in two
    parts, joined afterwards (see weeks.session_windows, which `compatibility` uses)."""
    width = enc.width
    minimum = min(minimum, MINUTES_PER_WEEK + 1)
    a, b = enc.weeks[u].T.copy(), enc.weeks[v].T.copy()  # rows: starts, then ends
    total = np.zeros(len(u), dtype=np.int16)
    common, later = np.empty_like(total), np.empty_like(total)
    enough = np.empty(len(u), dtype=bool)
    for i in range(width):
        for j in range(width):
            np.minimum(a[width + i], b[width + j], out=common)
            np.maximum(a[i], b[j], out=later)
            common -= later
            np.greater_equal(common, max(minimum, 1), out=enough)
            common *= enough
            total += common
    total = total.astype(np.int32)
    _join_across_the_week_end(a, b, width, minimum, total)
    if enc.wide:
        wide = np.array(sorted(enc.wide), dtype=np.int64)
        for k in np.flatnonzero(np.isin(u, wide) | np.isin(v, wide)).tolist():
            both = intersect(list(enc.intervals(int(u[k]))), list(enc.intervals(int(v[k]))))
            total[k] = sum(end - start for start, end in session_windows(both, minimum))
    return total


def _join_across_the_week_end(a, b, width, minimum, total) -> None:
    """Pairs whose common time runs across Monday 00:00 UTC counted that window as two parts:
    count it once, whole, when it is long enough."""
    # Intervals are sorted: a part from 0 is the first; 0-padding has its end at 0 too.
    heads = np.flatnonzero((a[0] == 0) & (b[0] == 0) & (a[width] > 0) & (b[width] > 0))
    if not len(heads):
        return
    a, b = a[:, heads].astype(np.int32), b[:, heads].astype(np.int32)
    head = np.minimum(a[width], b[width])
    # The start of the part that ends at 10080, or 10080 when there is none.
    last_a = np.where(a[width:] == MINUTES_PER_WEEK, a[:width], MINUTES_PER_WEEK).min(axis=0)
    last_b = np.where(b[width:] == MINUTES_PER_WEEK, b[:width], MINUTES_PER_WEEK).min(axis=0)
    tail = MINUTES_PER_WEEK - np.maximum(last_a, last_b)
    two = (tail > 0) & (head < MINUTES_PER_WEEK)  # not one part: the whole week
    if not two.any():
        return
    head, tail, where = head[two], tail[two], heads[two]

    def counted(minutes):
        return np.where(minutes >= minimum, minutes, 0)

    total[where] += counted(head + tail) - counted(head) - counted(tail)


def verified_ok(enc: Encoded, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Pairs where neither asks for verified partners only, or the other is verified."""
    return (~enc.only_verified[u] | enc.verified[v]) & (~enc.only_verified[v] | enc.verified[u])


def score_pairs(
    enc: Encoded, u: np.ndarray, v: np.ndarray, constraints: Constraints, weights: Weights
) -> tuple[np.ndarray, np.ndarray]:
    """For index pairs (u[k], v[k]): which are feasible, and their scores (NaN where not)."""
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    ok = enc.country[u] != enc.country[v]
    ok &= verified_ok(enc, u, v)
    amin_u, amax_u, amin_v, amax_v = enc.age_min[u], enc.age_max[u], enc.age_min[v], enc.age_max[v]
    ok &= age_gap(amin_u, amax_u, amin_v, amax_v) <= constraints.age_tolerance
    keep = np.flatnonzero(ok)
    u, v = u[keep], v[keep]
    languages = enc.languages.shared(u, v)
    good = languages > 0
    live = enc.live[u] | enc.live[v]
    minutes = np.zeros(len(u), dtype=np.int32)
    need = np.flatnonzero(good & live)
    minutes[need] = overlap_minutes(enc, u[need], v[need], constraints.min_window_minutes)
    good &= ~live | (minutes >= constraints.min_overlap_minutes)
    sel = np.flatnonzero(good)
    u, v, live, minutes, languages = u[sel], v[sel], live[sel], minutes[sel], languages[sel]
    columns = (enc.subjects, enc.sdgs, enc.approaches)
    fits = [set_fit(c.shared(u, v), c.sizes[u], c.sizes[v]) for c in columns]
    scores = combine(
        weights,
        set_fit(languages, enc.languages.sizes[u], enc.languages.sizes[v]),
        age_fit(enc.age_min[u], enc.age_max[u], enc.age_min[v], enc.age_max[v]),
        minutes,
        *fits,
        live,
    )
    feasible = np.zeros(len(ok), dtype=bool)
    result = np.full(len(ok), np.nan)
    where = keep[sel]
    feasible[where] = True
    result[where] = scores
    return feasible, result

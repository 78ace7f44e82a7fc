"""The vectorised score of many pairs of encoded classrooms at once.

`score_pairs` takes arrays of index pairs into an `Encoded` run (see encode.py) and answers which
pairs are feasible and their scores, with the formula of `score.combine`, so a pair scores
exactly what `compatibility(a, b).score` says for it.
"""

import numpy as np

from orbis.core.matching.encode import Encoded
from orbis.core.matching.profiles import Constraints, Weights
from orbis.core.matching.score import age_fit, age_gap, combine, set_fit


def overlap_minutes(enc: Encoded, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Weekly common minutes of each pair (u[k], v[k]): intervals are disjoint per classroom,
    so the sum of all pairwise interval intersections is the exact overlap."""
    width = enc.width
    a, b = enc.weeks[u].T.copy(), enc.weeks[v].T.copy()  # rows: starts, then ends
    total = np.zeros(len(u), dtype=np.int16)
    common, later = np.empty_like(total), np.empty_like(total)
    for i in range(width):
        for j in range(width):
            np.minimum(a[width + i], b[width + j], out=common)
            np.maximum(a[i], b[j], out=later)
            common -= later
            np.maximum(common, 0, out=common)
            total += common
    total = total.astype(np.int32)
    if enc.wide:
        wide = np.array(sorted(enc.wide), dtype=np.int64)
        for k in np.flatnonzero(np.isin(u, wide) | np.isin(v, wide)).tolist():
            a, b = enc.intervals(int(u[k])), enc.intervals(int(v[k]))
            total[k] = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    return total


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
    minutes[need] = overlap_minutes(enc, u[need], v[need])
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

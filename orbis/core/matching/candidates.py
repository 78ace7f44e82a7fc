"""Candidate pairs: which pairs the engine scores at all.

Small runs score every pair. Large runs put each classroom in buckets and pair neighbours:

* main pass (`interval_memberships` + `window_pairs`): one row per UTC interval of the week in
  which the classroom is free, per language and per age band (two grids of 2-year bands of the
  mid age, shifted by a year), in the bucket language × band × UTC day. Rows are ordered by the
  interval's start, so neighbours are free at nearly the same moments: each row is paired with
  its `window` nearest rows on each side (all pairs in small buckets). Classrooms that need no
  live time also go, per language and band, in an "any time" bucket ordered by a seeded key.
* second pass for leftovers (`exhaustive_pairs`): buckets language × UTC hour (any-time
  classrooms: language only); in each bucket every two classrooms of different countries whose
  age ranges are within the tolerance, so no feasible pair of leftovers is missed.
"""

import numpy as np

from orbis.core.matching.encode import Encoded, distinct
from orbis.core.matching.pair_scores import score_pairs, verified_ok
from orbis.core.matching.profiles import Constraints, Weights
from orbis.core.matching.score import age_gap
from orbis.core.timetable import MINUTES_PER_DAY

ALL_PAIRS_LIMIT = 2500  # up to this many classrooms: score every pair
WINDOW = 3  # neighbours on each side in a large bucket's order
SMALL_BUCKET = 12  # buckets up to this size contribute all their pairs
AGE_GRIDS = 2  # shifted grids of age bands
AGE_BANDS = 11  # (age_min + age_max + 2) // 4 for ages 3–19
HOURS = 168
ANY_TIME = HOURS  # the bucket "hour" of classrooms that need no live time
CHUNK = 1 << 21  # pairs scored at once


def _ranges(first: np.ndarray, count: np.ndarray) -> np.ndarray:
    """first[k], first[k] + 1, …, first[k] + count[k] − 1 for every k, concatenated."""
    total = int(count.sum())
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(first.astype(np.int64), count) + offsets


def _hour_memberships(enc: Encoded, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(member, UTC hour of the week) for every hour in which the member is free at all."""
    rows, hours = [], []
    for j in range(len(enc.starts)):
        s, e = enc.starts[j, members].astype(np.int64), enc.ends[j, members].astype(np.int64)
        first, last = s // 60, (e - 1) // 60
        count = np.where(e > s, last - first + 1, 0)
        rows.append(np.repeat(members, count))
        hours.append(_ranges(first, count))
    for i in _wide_members(enc, members):
        for s, e in enc.wide[i]:
            span = range(s // 60, (e - 1) // 60 + 1)
            rows.append(np.full(len(span), i, dtype=np.int64))
            hours.append(np.array(span, dtype=np.int64))
    key = distinct(np.concatenate(rows) * HOURS + np.concatenate(hours))
    return key // HOURS, key % HOURS


def _wide_members(enc: Encoded, members: np.ndarray) -> list[int]:
    if not enc.wide:
        return []
    return sorted(set(enc.wide) & set(members.tolist()))


def _interval_rows(enc: Encoded, members: np.ndarray) -> tuple[np.ndarray, ...]:
    """(member, UTC start) of every interval of the members."""
    member, start = [], []
    for j in range(len(enc.starts)):
        s, e = enc.starts[j, members], enc.ends[j, members]
        has = e > s
        member.append(members[has])
        start.append(s[has].astype(np.int64))
    member, start = np.concatenate(member), np.concatenate(start)
    wide = [(i, s) for i in _wide_members(enc, members) for s, _e in enc.wide[i]]
    if wide:
        member = np.r_[member, [i for i, _s in wide]]
        start = np.r_[start, [s for _i, s in wide]]
    return member, start


def _by_language(enc: Encoded, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, language bit): each row once per language of its member."""
    return enc.languages.bit_rows(member)


def memberships(
    enc: Encoded, members: np.ndarray, constraints: Constraints
) -> tuple[np.ndarray, np.ndarray]:
    """(bucket, member) rows for the second pass: bucket = language × 169 + UTC hour (168:
    any time, for classrooms that need no live time)."""
    members = np.asarray(members, dtype=np.int64)
    if constraints.min_overlap_minutes > 0:
        member, hour = _hour_memberships(enc, members)
        calm = members[~enc.live[members]]
        member = np.r_[member, calm]
        hour = np.r_[hour, np.full(len(calm), ANY_TIME, dtype=np.int64)]
    else:
        member, hour = members, np.full(len(members), ANY_TIME, dtype=np.int64)
    rows, bits = _by_language(enc, member)
    return bits * (HOURS + 1) + hour[rows], member[rows]


def interval_memberships(
    enc: Encoded, members: np.ndarray, constraints: Constraints
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bucket, member, order key) rows for the main pass (see the module docstring)."""
    members = np.asarray(members, dtype=np.int64)
    if constraints.min_overlap_minutes > 0:
        member, start = _interval_rows(enc, members)
        day = start // MINUTES_PER_DAY
        calm = members[~enc.live[members]]
        member = np.r_[member, calm]
        day = np.r_[day, np.full(len(calm), 7, dtype=np.int64)]
        start = np.r_[start, np.zeros(len(calm), dtype=np.int64)]
    else:
        member, day = members, np.full(len(members), 7, dtype=np.int64)
        start = np.zeros(len(members), dtype=np.int64)
    rows, bits = _by_language(enc, member)
    member, day, start = member[rows], day[rows], start[rows]
    mid = enc.age_min[member].astype(np.int64) + enc.age_max[member]
    buckets, members_out, keys = [], [], []
    for grid in range(AGE_GRIDS):
        band = (mid + 2 * grid) // 4
        buckets.append(((bits * AGE_GRIDS + grid) * AGE_BANDS + band) * 8 + day)
        members_out.append(member)
        keys.append(start)
    return np.concatenate(buckets), np.concatenate(members_out), np.concatenate(keys)


def _cheap_ok(enc: Encoded, a: np.ndarray, b: np.ndarray, constraints: Constraints) -> np.ndarray:
    ok = (enc.country[a] != enc.country[b]) & verified_ok(enc, a, b)
    gap = age_gap(enc.age_min[a], enc.age_max[a], enc.age_min[b], enc.age_max[b])
    return ok & (gap <= constraints.age_tolerance)


def _unique_pairs(enc: Encoded, a: list, b: list) -> tuple[np.ndarray, np.ndarray]:
    a = np.concatenate(a) if a else np.zeros(0, dtype=np.int64)
    b = np.concatenate(b) if b else np.zeros(0, dtype=np.int64)
    key = distinct(np.minimum(a, b) * enc.n + np.maximum(a, b))
    return key // enc.n, key % enc.n


def _sort_rows(bucket: np.ndarray, key: np.ndarray, tie: np.ndarray) -> np.ndarray:
    """The order of rows by bucket, then key, then tie (all non-negative)."""
    key_span, tie_span = int(key.max()) + 1, int(tie.max()) + 1
    if (int(bucket.max()) + 1) * key_span * tie_span < 1 << 62:
        return np.argsort((bucket * key_span + key) * tie_span + tie)
    return np.lexsort((tie, key, bucket))


def window_pairs(
    enc: Encoded,
    bucket: np.ndarray,
    member: np.ndarray,
    key: np.ndarray,
    constraints: Constraints,
    rank: np.ndarray,
    window: int | None = None,
    small: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of members `window` or fewer apart in each bucket's order (by key, then rank),
    all pairs in buckets of `small` or fewer members; only pairs that pass the cheap tests."""
    window = WINDOW if window is None else window
    small = max(SMALL_BUCKET, 2 * window) if small is None else small
    if len(bucket) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = _sort_rows(bucket, key, rank[member])
    b, m = bucket[order], member[order]
    country, low, high = enc.country[m], enc.age_min[m], enc.age_max[m]
    tolerance = constraints.age_tolerance
    start = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    sizes = np.diff(np.r_[start, len(b)])
    in_small = np.repeat(sizes <= small, sizes)
    first, second = [], []
    for k in range(1, max(window, small - 1) + 1):
        if k >= len(b):
            break
        same = b[:-k] == b[k:]
        if k > window:
            same &= in_small[:-k]
        same &= country[:-k] != country[k:]
        gap = np.maximum(low[:-k], low[k:]) - np.minimum(high[:-k], high[k:])
        same &= gap <= tolerance
        first.append(m[:-k][same])
        second.append(m[k:][same])
    return _unique_pairs(enc, first, second)


def _block_end(new: np.ndarray) -> np.ndarray:
    """For each row, the index after the last row of its block (blocks start where new)."""
    starts = np.flatnonzero(new)
    return np.repeat(np.r_[starts[1:], len(new)], np.diff(np.r_[starts, len(new)]))


def exhaustive_pairs(
    enc: Encoded,
    members: np.ndarray,
    constraints: Constraints,
    focus: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of `members` of different countries that shares a second-pass bucket and
    passes the cheap tests; with `focus` (a mask), only pairs with an end in focus.

    Rows are sorted by bucket, country and age, so each focus row meets, in every other
    country's block of its bucket, one contiguous run of rows of compatible ages.
    """
    members = np.asarray(members, dtype=np.int64)
    if focus is None:
        focus = np.ones(enc.n, dtype=bool)
    if len(members) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bucket, member = memberships(enc, members, constraints)
    country = enc.country[member].astype(np.int64)
    low = enc.age_min[member].astype(np.int64)
    order = _sort_rows(bucket * (int(country.max()) + 1) + country, low, member)
    b, m, c, low = bucket[order], member[order], country[order], low[order]
    rows = len(b)
    bucket_start = np.flatnonzero(np.r_[True, b[1:] != b[:-1]])
    block_start = np.flatnonzero(np.r_[True, (b[1:] != b[:-1]) | (c[1:] != c[:-1])])
    block_of_row = np.repeat(np.arange(len(block_start)), np.diff(np.r_[block_start, rows]))
    bucket_of_block = np.searchsorted(bucket_start, block_start, side="right") - 1
    first_block = np.searchsorted(block_start, bucket_start)  # per bucket
    blocks_in = np.diff(np.r_[first_block, len(block_start)])  # per bucket
    # Every (focus row, block of another country in its bucket).
    focus_rows = np.flatnonzero(focus[m])
    their_bucket = bucket_of_block[block_of_row[focus_rows]]
    count = blocks_in[their_bucket]
    row = np.repeat(focus_rows, count)
    block = _ranges(first_block[their_bucket], count)
    other = block != block_of_row[row]
    row, block = row[other], block[other]
    # In that block: rows with age_min in [age_min − span, age_max + tolerance].
    span = int((enc.age_max - enc.age_min).max()) + constraints.age_tolerance
    scale = 64
    position = block_of_row * scale + low
    high = enc.age_max[m[row]].astype(np.int64) + constraints.age_tolerance
    lower = np.searchsorted(position, block * scale + np.maximum(low[row] - span, 0))
    upper = np.searchsorted(position, block * scale + np.minimum(high, scale - 1), side="right")
    count = np.maximum(upper - lower, 0)
    first, second = [], []
    total = np.cumsum(count)
    i = 0
    while i < len(row):
        done = int(total[i - 1]) if i else 0
        stop = max(i + 1, int(np.searchsorted(total, done + CHUNK, side="right")))
        part = np.arange(i, min(stop, len(row)))
        x = m[np.repeat(row[part], count[part])]
        y = m[_ranges(lower[part], count[part])]
        ok = _cheap_ok(enc, x, y, constraints)
        first.append(x[ok])
        second.append(y[ok])
        i = stop
    return _unique_pairs(enc, first, second)


def all_pairs(enc: Encoded, constraints: Constraints) -> tuple[np.ndarray, np.ndarray]:
    """Every pair i < j that passes the cheap tests."""
    first, second = [], []
    n = enc.n
    rows_per_chunk = max(1, CHUNK // max(n, 1))
    for low in range(0, n, rows_per_chunk):
        i = np.arange(low, min(n, low + rows_per_chunk))
        a = np.repeat(i, n)
        b = np.tile(np.arange(n), len(i))
        keep = b > a
        a, b = a[keep], b[keep]
        ok = _cheap_ok(enc, a, b, constraints)
        first.append(a[ok])
        second.append(b[ok])
    if not first:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(first), np.concatenate(second)


def scored(
    enc: Encoded, a: np.ndarray, b: np.ndarray, constraints: Constraints, weights: Weights
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feasible pairs among (a, b) with their scores, chunk by chunk."""
    keep_a, keep_b, keep_s = [], [], []
    for low in range(0, len(a), CHUNK):
        x, y = a[low : low + CHUNK], b[low : low + CHUNK]
        feasible, score = score_pairs(enc, x, y, constraints, weights)
        keep_a.append(x[feasible])
        keep_b.append(y[feasible])
        keep_s.append(score[feasible])
    if not keep_a:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(keep_a), np.concatenate(keep_b), np.concatenate(keep_s)


def main_window(n: int) -> int:
    """Window of the main pass: wide for small runs, WINDOW at a million classrooms (the
    number of scored pairs grows like n × window)."""
    return int(np.clip(round(WINDOW * (1_000_000 / max(n, 1)) ** 0.5), WINDOW, 16))


def spare_window(n: int) -> int:
    return main_window(n) + 1


def candidate_edges(
    enc: Encoded, constraints: Constraints, weights: Weights, rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """Feasible scored candidate edges (u < v), and whether they are all the feasible pairs."""
    if enc.n <= ALL_PAIRS_LIMIT:
        a, b = all_pairs(enc, constraints)
        return (*scored(enc, a, b, constraints, weights), True)
    bucket, member, key = interval_memberships(enc, np.arange(enc.n), constraints)
    a, b = window_pairs(enc, bucket, member, key, constraints, rank, window=main_window(enc.n))
    return (*scored(enc, a, b, constraints, weights), False)

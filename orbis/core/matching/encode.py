"""Profiles as columns of numpy arrays, ready for the vectorised score of many pairs at once.

`encode` screens out bad profiles (with check_profile's reasons), sorts the rest by id (so the
result does not depend on input order) and turns every field into an array: sets become bit
words (one bit per distinct value in the run), timetables become their UTC week intervals.
`pair_scores.score_pairs` then scores any arrays of index pairs with the formula of
`score.combine`.
"""

from dataclasses import dataclass
from datetime import date
from itertools import chain, count
from operator import attrgetter

import numpy as np

from orbis.core import zones
from orbis.core.matching.profiles import (
    _COUNTRY,
    _LANGUAGE,
    AGE_LIMITS,
    DUPLICATE_ID,
    ClassroomProfile,
    Constraints,
    Skipped,
    check_profile,
)
from orbis.core.matching.weeks import week_arrays
from orbis.core.timetable import MINUTES_PER_DAY, Period


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values (np.unique's hash path is slow on tens of millions)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


def first_of_each(keys: np.ndarray) -> np.ndarray:
    """Indices of the first occurrence of each distinct key, in key order."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    return order[np.r_[True, ordered[1:] != ordered[:-1]]] if len(keys) else order


MAX_WIDTH = 6  # intervals per classroom kept in the dense arrays; wider weeks take a slow path


@dataclass
class SetColumn:
    """A set field: bit words per classroom (one bit per distinct value) and set sizes."""

    words: np.ndarray  # (n, W) uint64
    sizes: np.ndarray  # (n,) int32
    values: list  # bit position → value
    code: np.ndarray  # (n,) index of each classroom's set among the distinct sets
    bits: list[list[int]]  # per distinct set: its bit positions

    def bit_rows(self, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, bit): row k of `member` once per value in its set."""
        lengths = np.array([len(b) for b in self.bits], dtype=np.int64)
        flat = np.array([x for b in self.bits for x in b], dtype=np.int64)
        pointer = np.cumsum(lengths) - lengths
        code = self.code[member]
        count = lengths[code]
        rows = np.repeat(np.arange(len(member)), count)
        offsets = np.arange(len(rows)) - np.repeat(np.cumsum(count) - count, count)
        return rows, flat[np.repeat(pointer[code], count) + offsets]

    def shared(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        both = self.words[u] & self.words[v]
        return np.bitwise_count(both).sum(axis=1, dtype=np.int32)


@dataclass
class Encoded:
    profiles: list[ClassroomProfile]  # valid ones, sorted by id
    ids: np.ndarray  # int64
    country: np.ndarray  # int32 index of the (upper-case) country code
    age_min: np.ndarray  # int32
    age_max: np.ndarray  # int32
    live: np.ndarray  # bool: wants live exchanges
    verified: np.ndarray  # bool: the school is verified
    only_verified: np.ndarray  # bool: accepts only partners from verified schools
    capacity: np.ndarray  # int32: partners wanted
    languages: SetColumn
    subjects: SetColumn
    sdgs: SetColumn
    approaches: SetColumn
    weeks: np.ndarray  # (n, 2 × width) int16: UTC week interval starts, then ends; 0-padded
    wide: dict[int, tuple[tuple[int, int], ...]]  # classrooms with more intervals: all of them
    week_of: date

    @property
    def n(self) -> int:
        return len(self.profiles)

    @property
    def width(self) -> int:
        return self.weeks.shape[1] // 2

    @property
    def starts(self) -> np.ndarray:
        return self.weeks[:, : self.width].T

    @property
    def ends(self) -> np.ndarray:
        return self.weeks[:, self.width :].T

    def intervals(self, i: int) -> tuple[tuple[int, int], ...]:
        if i in self.wide:
            return self.wide[i]
        pairs = zip(self.starts[:, i].tolist(), self.ends[:, i].tolist(), strict=True)
        return tuple((s, e) for s, e in pairs if e > s)


def _codes(values: list) -> tuple[np.ndarray, list]:
    """(index of each value among the distinct ones, the distinct values); hashable values."""
    seen: dict = {}
    raw = np.fromiter(map(seen.setdefault, values, count()), dtype=np.int64, count=len(values))
    distinct_raw = distinct(raw)
    by_raw = {code: value for value, code in seen.items()}
    return np.searchsorted(distinct_raw, raw), [by_raw[code] for code in distinct_raw.tolist()]


def _set_column(sets: list[frozenset]) -> SetColumn:
    index, distinct = _codes(sets)
    values = sorted({v for s in distinct for v in s}, key=lambda v: (type(v).__name__, str(v)))
    bit = {value: position for position, value in enumerate(values)}
    width = max(1, -(-len(values) // 64))
    table = np.zeros((len(distinct), width), dtype=np.uint64)
    for row, s in enumerate(distinct):
        for value in s:
            word, offset = divmod(bit[value], 64)
            table[row, word] |= np.uint64(1 << offset)
    sizes = np.array([len(s) for s in distinct], dtype=np.int32)
    bits = [sorted(bit[value] for value in s) for s in distinct]
    return SetColumn(table[index], sizes[index], values, index, bits)


def _frozens(values: list) -> list[frozenset]:
    if set(map(type, values)) <= {frozenset}:
        return values
    return [v if type(v) is frozenset else frozenset(v) for v in values]


def _flags(values: list) -> np.ndarray:
    if set(map(type, values)) <= {bool}:
        return np.array(values, dtype=bool)
    return np.array([bool(v) for v in values], dtype=bool)


def _column(profiles: list, name: str) -> list:
    try:
        return list(map(attrgetter(name), profiles))
    except AttributeError:
        return [getattr(p, name, None) for p in profiles]


def _not_of(values: list, kinds: tuple) -> np.ndarray:
    """True where a value's type is none of `kinds` (exact types: bool is no int)."""
    if set(map(type, values)) <= set(kinds):
        return np.zeros(len(values), dtype=bool)
    return np.array([type(v) not in kinds for v in values], dtype=bool)


def _ints(values: list) -> np.ndarray:
    """The values as int64, 0 where a value is no int (those are flagged elsewhere)."""
    try:
        return np.array(values, dtype=np.int64)
    except (TypeError, ValueError, OverflowError):
        return np.array([v if type(v) is int and abs(v) < 1 << 62 else 0 for v in values])


def _bad_distinct(values: list, good) -> np.ndarray:
    """True where good(value) is False, calling good once per distinct value."""
    try:
        index, distinct_values = _codes(values)
    except TypeError:  # an unhashable value: go one by one
        out = np.zeros(len(values), dtype=bool)
        for k, value in enumerate(values):
            try:
                out[k] = not good(value)
            except TypeError:
                out[k] = True
        return out
    verdicts = np.array([not good(value) for value in distinct_values], dtype=bool)
    return verdicts[index] if len(index) else np.zeros(0, dtype=bool)


def _good_languages(languages) -> bool:
    return (
        type(languages) is frozenset
        and len(languages) > 0
        and all(type(code) is str and _LANGUAGE.fullmatch(code) for code in languages)
    )


_FIELDS = (
    "id",
    "country",
    "time_zone",
    "periods",
    "age_min",
    "age_max",
    "languages",
    "subjects",
    "sdgs",
    "approaches",
    "wants_live",
    "partners_wanted",
    "verified",
    "only_verified",
)


def _period_table(flat: list) -> tuple[np.ndarray, np.ndarray]:
    """(weekday, start, end) rows of the periods, and True where one is no valid Period."""
    odd = _not_of(flat, (Period,))
    try:
        rows = list(map(attrgetter("weekday", "start", "end"), flat))
    except AttributeError:
        rows = [tuple(getattr(q, name, None) for name in ("weekday", "start", "end")) for q in flat]
    try:
        # sum() of ints is an int: one float, None or string among them shows in its result.
        exact = type(sum(chain.from_iterable(rows))) is int
    except TypeError:
        exact = False
    if exact:
        values = chain.from_iterable(rows)
        table = np.fromiter(values, dtype=np.int64, count=3 * len(rows)).reshape(-1, 3)
    else:
        clean = [
            [v if isinstance(v, int) and abs(v) < 1 << 40 else -1 for v in row] for row in rows
        ]
        table = np.array(clean, dtype=np.int64).reshape(len(rows), 3)
    weekday, start, end = table.T
    odd |= (weekday < 0) | (weekday > 6) | (start < 0) | (start >= end) | (end > MINUTES_PER_DAY)
    return table, odd


def _screen(profiles: list, columns: dict) -> tuple[np.ndarray, list[Skipped], tuple]:
    """(indices of the valid profiles sorted by id, skipped profiles, flattened periods).

    Cheap vectorised tests flag every profile check_profile could reject (and some it would
    not); check_profile then decides each flagged one, so every profile gets its verdict.
    """
    n = len(profiles)
    flagged = _not_of(profiles, (ClassroomProfile,))
    flagged |= _not_of(columns["id"], (int,))
    periods = [
        x if type(x) is tuple else tuple(x) if isinstance(x, list) else ()
        for x in columns["periods"]
    ]
    flagged |= _not_of(columns["periods"], (tuple,))
    lengths = np.fromiter(map(len, periods), dtype=np.int64, count=n)
    flagged |= (lengths == 0) & _flags(columns["wants_live"])
    flat = [q for x in periods for q in x]
    owner = np.repeat(np.arange(n), lengths)
    table, odd = _period_table(flat)
    flagged[owner[odd]] = True
    for name in ("age_min", "age_max", "partners_wanted"):
        flagged |= _not_of(columns[name], (int,))
    age_min, age_max = _ints(columns["age_min"]), _ints(columns["age_max"])
    flagged |= (age_min < AGE_LIMITS[0]) | (age_min > age_max) | (age_max > AGE_LIMITS[1])
    flagged |= _ints(columns["partners_wanted"]) < 1
    for name in ("subjects", "sdgs", "approaches"):
        flagged |= _not_of(columns[name], (frozenset,))
    flagged |= _bad_distinct(columns["languages"], _good_languages)
    flagged |= _bad_distinct(
        columns["time_zone"], lambda z: type(z) is str and zones.is_valid_zone(z)
    )
    flagged |= _bad_distinct(
        columns["country"], lambda c: type(c) is str and bool(_COUNTRY.fullmatch(c))
    )
    reasons: dict[int, str] = {}
    for k in np.flatnonzero(flagged).tolist():
        reason = check_profile(profiles[k])
        if reason is not None:
            reasons[k] = reason
    ids = columns["id"]
    first: dict[int, int] = {}  # id → index of its first valid profile
    if reasons or len(set(ids)) < n:
        for k, key in enumerate(ids):
            if k in reasons:
                continue
            if key in first:
                reasons[k] = DUPLICATE_ID
            else:
                first[key] = k
        valid = list(first.values())
    else:
        valid = range(n)
    skipped = [Skipped(getattr(profiles[k], "id", None), reasons[k]) for k in sorted(reasons)]
    keep = np.array(sorted(valid, key=ids.__getitem__), dtype=np.int64)
    return keep, skipped, (owner, table)


def encode(profiles, constraints: Constraints) -> tuple[Encoded, list[Skipped]]:
    profiles = list(profiles)
    columns = {name: _column(profiles, name) for name in _FIELDS}
    keep, skipped, (owner, table) = _screen(profiles, columns)
    position = np.full(len(profiles), -1, dtype=np.int64)
    position[keep] = np.arange(len(keep))
    rows = np.flatnonzero(position[owner] >= 0)
    owner, table = position[owner[rows]], table[rows]
    if len(keep) == len(profiles) and bool(np.all(keep == np.arange(len(keep)))):
        valid = profiles
    else:
        picked = keep.tolist()
        columns = {name: [values[k] for k in picked] for name, values in columns.items()}
        valid = [profiles[k] for k in picked]
    n = len(valid)
    country_index, codes = _codes(columns["country"])
    upper = [code.upper() for code in codes]
    country = np.searchsorted(sorted(set(upper)), upper)[country_index].astype(np.int32)
    zone, zone_names = _codes(columns["time_zone"])
    o, s, e = week_arrays(owner, zone[owner], zone_names, *table.T, constraints.week_of)
    count = np.bincount(o, minlength=n)
    column = np.arange(len(o)) - np.repeat(np.cumsum(count) - count, count)
    narrow = count[o] <= MAX_WIDTH
    width = max(1, int(count[o[narrow]].max()) if narrow.any() else 1)
    weeks = np.zeros((n, 2 * width), dtype=np.int16)
    weeks[o[narrow], column[narrow]] = s[narrow]
    weeks[o[narrow], width + column[narrow]] = e[narrow]
    wide: dict[int, list] = {}
    for i, a, b in zip(o[~narrow].tolist(), s[~narrow].tolist(), e[~narrow].tolist(), strict=True):
        wide.setdefault(i, []).append((a, b))
    encoded = Encoded(
        profiles=valid,
        ids=_ints(columns["id"]),
        country=country,
        age_min=_ints(columns["age_min"]).astype(np.int32),
        age_max=_ints(columns["age_max"]).astype(np.int32),
        live=_flags(columns["wants_live"]),
        verified=_flags(columns["verified"]),
        only_verified=_flags(columns["only_verified"]),
        capacity=_ints(columns["partners_wanted"]).astype(np.int32),
        languages=_set_column(_frozens(columns["languages"])),
        subjects=_set_column(_frozens(columns["subjects"])),
        sdgs=_set_column(_frozens(columns["sdgs"])),
        approaches=_set_column(_frozens(columns["approaches"])),
        weeks=weeks,
        wide={i: tuple(v) for i, v in wide.items()},
        week_of=constraints.week_of,
    )
    return encoded, skipped

"""Partner search: one classroom against every other, ranked, with the search's filters.

Pure module (numpy and orbis.core only). The index is built once from every classroom's profile
(`build_index`, the cost of `encode`) and then answers any number of searches, each a few
vectorised passes over the index: the same hard constraints and the same score as
`compatibility` (both go through `score.combine`), so a result's score equals
`compatibility(mine, theirs).score` exactly.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from orbis.core.matching.encode import Encoded, SetColumn, encode
from orbis.core.matching.pair_scores import overlap_minutes, score_pairs
from orbis.core.matching.profiles import ClassroomProfile, Constraints, Weights
from orbis.core.timetable import monday_of


@dataclass(frozen=True)
class IndexEntry:
    """A classroom as the search sees it: its profile and what the filters look at."""

    profile: ClassroomProfile
    owner: int  # the teacher: her other classrooms are never proposed to her
    searchable: bool = True  # looking for partners (a classroom that isn't can still search)
    exchange_mode: str = ""


@dataclass
class SearchIndex:
    enc: Encoded  # the valid profiles, sorted by id (invalid ones can't match: left out)
    owner: np.ndarray  # int64, per row of enc
    searchable: np.ndarray  # bool
    exchange_mode: np.ndarray  # str
    country: np.ndarray  # str, upper case

    @property
    def size(self) -> int:
        return self.enc.n

    def row(self, classroom_id: int) -> int | None:
        position = int(np.searchsorted(self.enc.ids, classroom_id))
        if position < self.enc.n and int(self.enc.ids[position]) == classroom_id:
            return position
        return None


@dataclass(frozen=True)
class SearchFilters:
    """What the teacher narrowed the search to; empty values filter nothing."""

    subject: str = ""
    language: str = ""
    approach: str = ""
    sdg: int | None = None
    countries: frozenset[str] | None = None  # None: any country; else upper-case codes
    exchange_mode: str = ""
    min_overlap: int = 0  # weekly common minutes at least (whether or not either wants live)
    verified_only: bool = False


def build_index(entries: Iterable[IndexEntry], week_of: date) -> SearchIndex:
    """The index of the week of `week_of` (weekly availability is converted to UTC with that
    week's daylight-saving rules)."""
    entries = list(entries)
    enc, _skipped = encode([entry.profile for entry in entries], Constraints(week_of=week_of))
    by_id = {entry.profile.id: entry for entry in entries}
    kept = [by_id[profile.id] for profile in enc.profiles]
    return SearchIndex(
        enc=enc,
        owner=np.array([entry.owner for entry in kept], dtype=np.int64),
        searchable=np.array([entry.searchable for entry in kept], dtype=bool),
        exchange_mode=np.array([entry.exchange_mode for entry in kept], dtype=str),
        country=np.array([entry.profile.country.upper() for entry in kept], dtype=str),
    )


def _has(column: SetColumn, value) -> np.ndarray:
    """Per row: whether its set holds `value`."""
    try:
        position = column.values.index(value)
    except ValueError:
        return np.zeros(len(column.sizes), dtype=bool)
    word, offset = divmod(position, 64)
    return ((column.words[:, word] >> np.uint64(offset)) & np.uint64(1)).astype(bool)


def _filtered(index: SearchIndex, mine: int, filters: SearchFilters, exclude) -> np.ndarray:
    enc = index.enc
    mask = index.searchable & (index.owner != index.owner[mine])
    if filters.verified_only:
        mask &= enc.verified
    if filters.subject:
        mask &= _has(enc.subjects, filters.subject)
    if filters.language:
        mask &= _has(enc.languages, filters.language)
    if filters.approach:
        mask &= _has(enc.approaches, filters.approach)
    if filters.sdg:
        mask &= _has(enc.sdgs, filters.sdg)
    if filters.countries is not None:
        mask &= np.isin(index.country, sorted(filters.countries))
    if filters.exchange_mode:
        mask &= index.exchange_mode == filters.exchange_mode
    if exclude:
        mask &= ~np.isin(enc.ids, np.fromiter(exclude, dtype=np.int64))
    return np.flatnonzero(mask)


def search(
    index: SearchIndex,
    classroom_id: int,
    *,
    constraints: Constraints,
    filters: SearchFilters = SearchFilters(),
    weights: Weights = Weights(),  # noqa: B008
    exclude: Iterable[int] = (),
) -> list[tuple[int, float]]:
    """(classroom id, score) of every classroom that could partner with this one and passes
    the filters, best first (ties by id). Empty when the classroom is not in the index (its
    profile can't be matched)."""
    if monday_of(constraints.week_of) != monday_of(index.enc.week_of):
        raise ValueError("the index was built for another week")
    mine = index.row(classroom_id)
    if mine is None:
        return []
    others = _filtered(index, mine, filters, frozenset(exclude))
    if not len(others):
        return []
    me = np.full(len(others), mine, dtype=np.int64)
    feasible, scores = score_pairs(index.enc, me, others, constraints, weights)
    others, scores = others[feasible], scores[feasible]
    if filters.min_overlap:
        minutes = overlap_minutes(
            index.enc, me[: len(others)], others, constraints.min_window_minutes
        )
        enough = minutes >= filters.min_overlap
        others, scores = others[enough], scores[enough]
    ids = index.enc.ids[others]
    order = np.lexsort((ids, -scores))
    return list(zip(ids[order].tolist(), scores[order].tolist(), strict=True))

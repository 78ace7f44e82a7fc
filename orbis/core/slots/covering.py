"""When no time suits every class: the fewest sessions that together let each class attend one.

A separate step of the slot finder (see engine.py), run only when the best slot leaves some
class out.
"""

from collections.abc import Sequence
from itertools import combinations
from math import comb

from .grid import Candidate, Grid
from .types import CoveringSession

EXACT_COVER_BUDGET = 50_000  # combinations tried in all to prove the covering minimal


def covering_sessions(
    ranked: list[Candidate],
    reachable: int,
    countries: list[str],
    exchange: bool,
    keys: list[str],
    grid: Grid,
    slot,
) -> list[CoveringSession]:
    """The fewest sessions that together let every reachable class attend one.

    The candidate sets are the attendee sets no other set contains, in rank order. Greedy set
    cover gives an upper bound; then every combination of fewer sets is tried, smallest first,
    while that stays within EXACT_COVER_BUDGET combinations in all, so the answer is minimal
    for any realistic project (and greedy beyond). Each class is assigned to the first chosen
    session that has it; a session whose assigned classes share one country also gets a
    partner of another country (the one attending the fewest sessions so far), so every
    session is an exchange.
    """
    order: dict[int, int] = {}
    for rank, candidate in enumerate(ranked):
        order.setdefault(candidate.mask, rank)
    masks = sorted(order, key=lambda mask: (-mask.bit_count(), order[mask]))
    maximal: list[int] = []
    for mask in masks:
        if not any(mask & ~other == 0 for other in maximal):
            maximal.append(mask)
    maximal.sort(key=order.__getitem__)

    chosen: list[int] = []
    uncovered = reachable
    while uncovered:
        pick = max(maximal, key=lambda mask: ((mask & uncovered).bit_count(), -order[mask]))
        chosen.append(pick)
        uncovered &= ~pick
    budget = EXACT_COVER_BUDGET
    for size in range(1, len(chosen)):
        budget -= comb(len(maximal), size)
        if budget < 0:
            break
        smaller = _cover_of_size(maximal, size, reachable)
        if smaller is not None:
            chosen = smaller
            break

    picked: list[Candidate] = []
    for mask in chosen:
        options = [c for c in ranked if c.mask == mask]
        free = [
            c
            for c in options
            if not any(abs(c.start - other.start) < grid.minutes for other in picked)
        ]
        picked.append((free or options)[0])

    assigned: list[set[int]] = [set() for _ in picked]
    for index in range(len(keys)):
        for k, candidate in enumerate(picked):
            if candidate.mask >> index & 1:
                assigned[k].add(index)
                break
    sessions_of = [0] * len(keys)
    for group in assigned:
        for index in group:
            sessions_of[index] += 1
    for k, candidate in enumerate(picked):
        group = assigned[k]
        present = {countries[i] for i in group}
        if (len(present) < 2) if exchange else (len(group) < 2):
            partners = [
                i
                for i in range(len(keys))
                if candidate.mask >> i & 1
                and i not in group
                and (not exchange or countries[i] not in present)
            ]
            partner = min(partners, key=lambda i: (sessions_of[i], i))
            group.add(partner)
            sessions_of[partner] += 1
    sessions = [
        CoveringSession(slot(candidate), tuple(keys[i] for i in sorted(group)))
        for candidate, group in zip(picked, assigned, strict=True)
    ]
    return sorted(sessions, key=lambda session: session.slot.start)


def _cover_of_size(masks: Sequence[int], size: int, universe: int) -> list[int] | None:
    for combination in combinations(masks, size):
        union = 0
        for mask in combination:
            union |= mask
        if union & universe == universe:
            return list(combination)
    return None

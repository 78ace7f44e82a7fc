"""The grid of start times, and one candidate meeting on it, shared by the slot finder's steps.

Times are UTC minutes after 00:00 UTC of the search window's first day (the epoch). A Grid knows
which starts are allowed (multiples of the step, inside the window, not before `not_before`);
a Candidate is one start with the set of classes free for all of it (a bit mask in key order)
and its comfort, turned into a public Slot by `to_slot`.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .types import Slot

COMFORT_MINUTES = 30  # this far inside every attendee's availability counts as fully comfortable


@dataclass(frozen=True)
class Candidate:
    start: int
    mask: int
    count: int
    comfort: float


@dataclass(frozen=True)
class Grid:
    step: int
    minutes: int
    first: int  # earliest allowed start
    last: int  # latest allowed start (any minute of the window's last day)

    def up(self, minute: int) -> int:
        return -(-minute // self.step) * self.step

    def down(self, minute: int) -> int:
        return minute // self.step * self.step

    def starts(self, window_start: int, window_end: int) -> tuple[int, int]:
        """The first and last grid start of a session inside the window (first > last: none)."""
        return (
            self.up(max(window_start, self.first)),
            self.down(min(window_end - self.minutes, self.last)),
        )

    def most_comfortable(self, lo: int, hi: int, latest_start: int, earliest_end: int) -> int:
        """The grid start in [lo, hi] farthest from both edges of [latest_start, earliest_end]:
        the grid point nearest the middle (the earlier on a tie), clamped to [lo, hi]."""
        twice_middle = latest_start + earliest_end - self.minutes
        start = self.down(twice_middle // 2)
        if twice_middle - 2 * start > self.step:  # the next grid point is strictly nearer
            start += self.step
        return min(max(start, lo), hi)


def comfort_of(start: int, minutes: int, latest_start: int, earliest_end: int) -> float:
    gap = min(start - latest_start, earliest_end - minutes - start)
    return round(max(0, min(gap, COMFORT_MINUTES)) / COMFORT_MINUTES, 4)


def to_slot(epoch: datetime, candidate: Candidate, keys: list[str], minutes: int) -> Slot:
    start = epoch + timedelta(minutes=candidate.start)
    attendees = tuple(key for k, key in enumerate(keys) if candidate.mask >> k & 1)
    return Slot(
        start=start,
        end=start + timedelta(minutes=minutes),
        attendees=attendees,
        comfort=candidate.comfort,
        score=round(len(attendees) + candidate.comfort / 2, 4),
    )

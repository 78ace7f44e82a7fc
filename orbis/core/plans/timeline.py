"""The layout of a plan's timeline picture: pure coordinates, the shell draws the SVG.

Every day of the plan is a cell of equal width; a marker sits in the middle of its day's cell,
so a single-day plan is one cell across the whole width. From top to bottom: month labels, week
labels, the phase bars, then the markers, stacked into lanes where they would touch.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

PADDING = 12  # px left and right, so end markers are not cut in half
MONTH_ROW = 14  # baseline y of the month labels
WEEK_ROW = 30  # baseline y of the week labels
BAR_TOP, BAR_HEIGHT = 38, 28
LANES_TOP = BAR_TOP + BAR_HEIGHT + 10
LANE_HEIGHT = 18
BOTTOM = 8
MARKER_GAP = 14  # px: markers closer than this go to different lanes
WEEK_LABEL_GAP = 72  # px: a week label ("2026-05-25") needs about this much room
MONTH_LABEL_GAP = 40  # px: a month label ("May 2026" formatted by the shell)


@dataclass(frozen=True)
class PhaseBar:
    key: str
    x: float
    y: float
    w: float
    h: float
    starts: datetime.date
    ends: datetime.date


@dataclass(frozen=True)
class Marker:
    x: float  # centre
    y: float  # centre
    kind: str  # "activity", "milestone" or "session"
    title: str
    date: datetime.date
    lane: int  # 0 = the row under the phase bars


@dataclass(frozen=True)
class Tick:
    x: float
    y: float  # baseline of the label
    kind: str  # "month" (text: the month number, 1..12) or "week" (text: ISO date of a Monday)
    text: str
    date: datetime.date


@dataclass
class Timeline:
    width: int
    height: int
    phases: list[PhaseBar] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    lanes: int = 0


class _Scale:
    """Dates → x: day cells of equal width between the paddings (clamped to the plan), rounded
    to 0.01 px to keep the SVG short."""

    def __init__(self, starts: datetime.date, ends: datetime.date, width: int):
        self.starts = starts
        self.days = max((ends - starts).days + 1, 1)  # a single-day plan is one cell
        self.cell = max(width - 2 * PADDING, 1) / self.days
        self.width = width

    def _clamped(self, day: datetime.date) -> float:
        return min(max((day - self.starts).days, 0), self.days)

    def left(self, day: datetime.date) -> float:
        """The left edge of day's cell."""
        return round(min(PADDING + self._clamped(day) * self.cell, self.width), 2)

    def right(self, day: datetime.date) -> float:
        return round(
            min(PADDING + min(self._clamped(day) + 1, self.days) * self.cell, self.width), 2
        )

    def middle(self, day: datetime.date) -> float:
        middle = PADDING + (min(self._clamped(day), self.days - 1) + 0.5) * self.cell
        return round(min(middle, self.width), 2)


def _lanes(xs: Sequence[float]) -> list[int]:
    """A lane per x (xs sorted): the first lane whose last marker is at least MARKER_GAP away."""
    last_x: list[float] = []
    lanes = []
    for x in xs:
        for lane, previous in enumerate(last_x):
            if x - previous >= MARKER_GAP:
                last_x[lane] = x
                lanes.append(lane)
                break
        else:
            last_x.append(x)
            lanes.append(len(last_x) - 1)
    return lanes


def _ticks(scale: _Scale, starts: datetime.date) -> list[Tick]:
    days = [starts + datetime.timedelta(days=k) for k in range(scale.days)]
    # Months: each first of a month, and the plan's first month at its start unless the next
    # month's label follows too closely; labels that would collide are left out.
    months = [day for day in days if day.day == 1]
    if starts.day != 1 and not (months and scale.left(months[0]) < MONTH_LABEL_GAP + PADDING):
        months.insert(0, starts)
    ticks, previous = [], -math.inf
    for day in months:
        x = scale.left(day)
        if x - previous >= MONTH_LABEL_GAP:
            ticks.append(Tick(x, MONTH_ROW, "month", str(day.month), day))
            previous = x
    # Weeks: Mondays, every n-th one when a week is too narrow for its label.
    stride = max(1, math.ceil(WEEK_LABEL_GAP / (scale.cell * 7)))
    mondays = [day for day in days if day.weekday() == 0]
    ticks += [
        Tick(scale.left(day), WEEK_ROW, "week", day.isoformat(), day) for day in mondays[::stride]
    ]
    return ticks


def layout(
    starts: datetime.date,
    ends: datetime.date,
    phases: Sequence[tuple[str, datetime.date, datetime.date]],
    activities: Sequence[tuple[str, datetime.date]],
    milestones: Sequence[tuple[str, datetime.date]],
    sessions: Sequence[tuple[str, datetime.date]],
    width: int = 960,
) -> Timeline:
    """The timeline of a plan from starts to ends (inclusive; ends before starts counts as a
    single day). Dates outside the plan are drawn at its edge."""
    ends = max(ends, starts)
    scale = _Scale(starts, ends, width)
    bars = []
    for key, first, last in phases:
        x, w = scale.left(first), round(max(scale.right(last) - scale.left(first), 0), 2)
        bars.append(PhaseBar(key, x, BAR_TOP, w, BAR_HEIGHT, first, last))
    items = [("milestone", title, day) for title, day in milestones]
    items += [("session", title, day) for title, day in sessions]
    items += [("activity", title, day) for title, day in activities]
    kinds = {"milestone": 0, "session": 1, "activity": 2}
    # By date, then milestones first so they get the lowest lane; the sort keeps input order.
    items.sort(key=lambda item: (item[2], kinds[item[0]]))
    xs = [scale.middle(day) for _kind, _title, day in items]
    lanes = _lanes(xs)
    markers = [
        Marker(x, LANES_TOP + (lane + 0.5) * LANE_HEIGHT, kind, title, day, lane)
        for (kind, title, day), x, lane in zip(items, xs, lanes, strict=True)
    ]
    lane_count = max(lanes, default=-1) + 1
    height = LANES_TOP + max(lane_count, 1) * LANE_HEIGHT + BOTTOM
    return Timeline(width, height, bars, markers, _ticks(scale, starts), lane_count)

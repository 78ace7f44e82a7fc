"""The timeline layout: coordinates within the picture, lanes that keep markers apart."""

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbis.core.plans.generator import generate_plan
from orbis.core.plans.library import load_library
from orbis.core.plans.timeline import MARKER_GAP, PADDING, layout
from orbis.core.plans.types import PlanRequest
from orbis.core.schooldays import SchoolCalendar

LIBRARY = load_library(Path(__file__).with_name("plan_templates"))
short = settings(deadline=None, max_examples=60)


def plan_layout(plan, width=960):
    activities = [(a.title, a.due) for phase in plan.phases for a in phase.activities]
    return layout(
        plan.starts,
        plan.ends,
        [(p.key, p.starts, p.ends) for p in plan.phases],
        activities,
        [(m.title, m.due) for m in plan.milestones],
        [(s.title, s.on) for s in plan.sessions],
        width,
    )


def test_a_twelve_week_plan():
    request = PlanRequest(
        age_min=13,
        age_max=15,
        subject="technology",
        competencies=(),
        sdgs=(),
        weeks=12,
        mode="live",
        languages=("en",),
        start=date(2026, 8, 3),
        calendars=(SchoolCalendar("Rosario", "AR"),),
    )
    plan = generate_plan(request, LIBRARY)
    timeline = plan_layout(plan)
    assert timeline.width == 960
    assert [bar.key for bar in timeline.phases] == [p.key for p in plan.phases]
    bars = timeline.phases
    assert bars[0].x == PADDING
    assert bars[-1].x + bars[-1].w == pytest.approx(960 - PADDING, abs=0.01)
    for left, right in pairwise(bars):
        assert left.x + left.w == pytest.approx(
            right.x, abs=0.01
        )  # consecutive phases touch, never overlap
    kinds = {marker.kind for marker in timeline.markers}
    assert kinds == {"activity", "milestone", "session"}
    months = [tick for tick in timeline.ticks if tick.kind == "month"]
    assert [tick.text for tick in months] == ["8", "9", "10"]
    weeks = [tick for tick in timeline.ticks if tick.kind == "week"]
    assert weeks[0].text == "2026-08-03" and len(weeks) == 12
    assert timeline.height >= max(marker.y for marker in timeline.markers)


def test_single_day_plan():
    day = date(2026, 6, 1)
    timeline = layout(day, day, [("execution", day, day)], [("a", day), ("b", day)], [], [])
    assert timeline.phases[0].x == PADDING and timeline.phases[0].w == 960 - 2 * PADDING
    assert [m.x for m in timeline.markers] == [480, 480]
    assert [m.lane for m in timeline.markers] == [0, 1]
    assert timeline.lanes == 2


def test_empty_plan_and_dates_outside():
    day = date(2026, 6, 1)
    timeline = layout(day, day - timedelta(days=3), [], [], [], [])
    assert timeline.markers == [] and timeline.lanes == 0 and timeline.height > 0
    outside = layout(day, day + timedelta(days=9), [], [("late", day + timedelta(days=40))], [], [])
    assert outside.markers[0].x <= 960 - PADDING


dates = st.dates(date(2026, 1, 1), date(2027, 6, 30))
titled = st.lists(st.tuples(st.text(max_size=5), dates), max_size=25)


@short
@given(dates, st.integers(0, 100), titled, titled, titled, st.integers(120, 1600))
def test_layout_properties(starts, days, activities, milestones, sessions, width):
    ends = starts + timedelta(days=days)
    phases = [
        ("definition", starts, starts + timedelta(days=days // 3)),
        ("execution", starts, ends),
    ]
    timeline = layout(starts, ends, phases, activities, milestones, sessions, width)
    assert len(timeline.markers) == len(activities) + len(milestones) + len(sessions)
    for bar in timeline.phases:
        assert 0 <= bar.x <= bar.x + bar.w <= width
    for item in (*timeline.markers, *timeline.ticks):
        assert 0 <= item.x <= width
        assert 0 <= item.y <= timeline.height
    # Markers in one lane keep their distance; lanes are numbered from 0 without gaps.
    lanes = {}
    for marker in timeline.markers:
        lanes.setdefault(marker.lane, []).append(marker.x)
    assert sorted(lanes) == list(range(timeline.lanes))
    for xs in lanes.values():
        xs.sort()
        assert all(b - a >= MARKER_GAP for a, b in pairwise(xs))
    # Labels of one row do not collide either.
    for kind, gap in (("month", 40), ("week", 72)):
        xs = [tick.x for tick in timeline.ticks if tick.kind == kind]
        assert xs == sorted(xs)
        assert all(b - a >= gap - 0.02 for a, b in pairwise(xs))

"""How the slot finder (orbis/core/slots) ranks and picks its best slots: attendees, then
comfort, then the earliest; distinct days; nothing before `not_before`. Pure core, no database."""

from dataclasses import replace
from datetime import UTC, date, datetime

from orbis.core.slots import find_slots
from orbis.core.timetable import Period
from tests.core.slot_schedules import at, request, school


def test_ranking_by_attendees_then_comfort_then_earliest():
    a = school("a", "AA", "UTC", "08:00-14:00", days=(0, 1), weekend=())
    b = replace(
        school("b", "BB", "UTC", "08:00-14:00", days=(0,), weekend=()),
        periods=(Period(0, 480, 840), Period(1, 480, 580)),
    )
    c = school("c", "CC", "UTC", "12:30-13:30", days=(0,), weekend=())
    proposal = find_slots(request([a, b, c], date(2026, 11, 16), date(2026, 11, 17)))
    assert [(s.start, s.attendees, s.comfort, s.score) for s in proposal.best] == [
        (at(date(2026, 11, 16), 12, 30), ("a", "b", "c"), 0.0, 3.0),  # everyone, at the edge
        (at(date(2026, 11, 16), 10, 30), ("a", "b"), 1.0, 2.5),  # two, well inside
        (at(date(2026, 11, 17), 8, 15), ("a", "b"), 0.5, 2.25),  # 15 minutes from the edge
    ]
    assert proposal.everyone and proposal.covering == () and proposal.isolated == ()


def test_best_offers_distinct_days_not_shifts_of_one_slot():
    a = school("a", "AA", "UTC", "08:00-15:00", weekend=())
    b = school("b", "BB", "UTC", "08:00-15:00", weekend=())
    proposal = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 27), limit=3))
    assert [slot.start for slot in proposal.best] == [
        at(date(2026, 11, 16), 11),
        at(date(2026, 11, 17), 11),
        at(date(2026, 11, 18), 11),
    ]


def test_not_before_skips_earlier_starts():
    a = school("a", "AA", "UTC", "08:00-15:00", weekend=())
    b = school("b", "BB", "UTC", "08:00-15:00", weekend=())
    now = datetime(2026, 11, 16, 13, 7, tzinfo=UTC)
    proposal = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 16), not_before=now))
    assert [slot.start for slot in proposal.best] == [at(date(2026, 11, 16), 13, 15)]

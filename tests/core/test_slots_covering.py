"""When no slot joins every class: the slot finder (orbis/core/slots) covers them with the
fewest sessions, offers an isolated class the smallest stretch of its day, or leaves it to an
asynchronous exchange. Pure core, no database."""

from dataclasses import replace
from datetime import date

from orbis.core.schooldays import SchoolCalendar
from orbis.core.slots import find_slots
from tests.core.slot_schedules import at, local, request, school


def test_americas_and_south_asia_need_a_covering_of_two_sessions():
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    lviv = school("ua", "UA", "Europe/Kyiv", "08:00-15:00")
    proposal = find_slots(request([rosario, delhi, lviv], date(2026, 10, 5), date(2026, 10, 9), 45))
    assert not proposal.everyone
    assert proposal.isolated == () and proposal.compromises == ()
    assert all("ar" not in slot.attendees or "in" not in slot.attendees for slot in proposal.best)
    assert len(proposal.covering) == 2
    covered = set()
    for session in proposal.covering:
        assert set(session.attendees) <= set(session.slot.attendees)
        assert len(session.attendees) == 2 and "ua" in session.attendees
        covered |= set(session.attendees)
    assert covered == {"ar", "in", "ua"}
    first, second = proposal.covering
    assert first.attendees == ("in", "ua") and first.slot.start == at(date(2026, 10, 5), 6, 45)
    assert second.attendees == ("ar", "ua") and second.slot.start == at(date(2026, 10, 5), 11)
    assert second.slot.start >= first.slot.end


def test_covering_is_minimal_where_greedy_set_cover_is_not():
    # 09:00 joins a, b, c, d; 11:00 joins a, b, e; 13:00 joins c, d, f. Greedy would take the
    # biggest meeting first and then need both others (three sessions); two suffice.
    spans = {
        "a": "09:00-10:00,11:00-12:00",
        "b": "09:00-10:00,11:00-12:00",
        "c": "09:00-10:00,13:00-14:00",
        "d": "09:00-10:00,13:00-14:00",
        "e": "11:00-12:00",
        "f": "13:00-14:00",
    }
    classes = [school(key, key.upper() * 2, "UTC", span) for key, span in spans.items()]
    for k, schedule in enumerate(classes):
        classes[k] = replace(schedule, calendar=SchoolCalendar("open", "ZZ", (5, 6)))
    proposal = find_slots(request(classes, date(2026, 11, 16), date(2026, 11, 16)))
    assert proposal.best[0].attendees == ("a", "b", "c", "d")
    assert [(s.slot.start, s.attendees) for s in proposal.covering] == [
        (at(date(2026, 11, 16), 11), ("a", "b", "e")),
        (at(date(2026, 11, 16), 13), ("c", "d", "f")),
    ]


def test_isolated_class_gets_the_smallest_compromise():
    # Rosario's Tuesday hours start at 16:00 UTC, when Lviv's afternoon has just ended.
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "13:00-15:00", days=(1,))
    lviv = school("ua", "UA", "Europe/Kyiv", "10:00-18:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(
        request([rosario, lviv, delhi], date(2026, 11, 16), date(2026, 11, 20), minutes=30)
    )
    assert proposal.isolated == ("ar",)
    assert all("ar" not in slot.attendees for slot in proposal.best)
    assert [set(session.attendees) for session in proposal.covering] == [{"in", "ua"}]
    (compromise,) = proposal.compromises
    # "Starting 30 minutes earlier on Tuesdays would let Class ar meet Class ua."
    assert (compromise.key, compromise.partner, compromise.weekday) == ("ar", "ua", 1)
    assert (compromise.minutes, compromise.side) == (30, "before")
    assert compromise.slot.start == at(date(2026, 11, 17), 15, 30)
    assert compromise.slot.attendees == ("ar", "ua")
    assert local(compromise.slot.start, "America/Argentina/Buenos_Aires") == (
        date(2026, 11, 17),
        12 * 60 + 30,
    )


def test_staying_later_when_that_is_the_smaller_stretch():
    # On Tuesdays Rosario is free 11:00-13:00 UTC, Lviv (winter time) from 13:30 UTC.
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-10:00", days=(1,))
    lviv = school("ua", "UA", "Europe/Kyiv", "15:30-20:00", days=(1,))
    proposal = find_slots(request([rosario, lviv], date(2026, 11, 16), date(2026, 11, 20), 45))
    assert proposal.isolated == ("ar", "ua") and proposal.best == ()
    by_class = {c.key: c for c in proposal.compromises}
    # Rosario staying 75 minutes later (to 11:15 local) or Lviv starting 75 minutes earlier.
    assert (by_class["ar"].side, by_class["ar"].minutes) == ("after", 75)
    assert (by_class["ua"].side, by_class["ua"].minutes) == ("before", 75)
    assert by_class["ar"].slot.start == at(date(2026, 11, 17), 13, 30)


def test_no_compromise_within_three_hours_means_an_asynchronous_exchange():
    los_angeles = school("us", "US", "America/Los_Angeles", "13:00-14:00", days=(1,))
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(request([los_angeles, delhi], date(2026, 11, 16), date(2026, 11, 27)))
    assert proposal.best == () and not proposal.everyone and proposal.covering == ()
    assert proposal.isolated == ("in", "us")
    assert proposal.compromises == ()


def test_classes_of_one_country_only_meet_a_class_from_abroad():
    a = school("a1", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    b = school("a2", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-15:00", range(6), weekend=(6,))
    proposal = find_slots(request([a, b, delhi], date(2026, 11, 16), date(2026, 11, 20)))
    assert proposal.best == ()
    assert proposal.isolated == ("a1", "a2", "in")
    alone = find_slots(request([a, b], date(2026, 11, 16), date(2026, 11, 20)))
    assert alone.everyone and alone.best[0].attendees == ("a1", "a2")

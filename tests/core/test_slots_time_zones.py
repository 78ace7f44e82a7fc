"""The slot finder (orbis/core/slots) across zones and calendars: daylight saving, different
weekends, public holidays (the `holidays` package) and term breaks, each decided on the local date
of each class. Pure core, no database."""

from datetime import date, timedelta

import pytest

from orbis.core.schooldays import closed_reason
from orbis.core.slots import find_slots
from tests.core.slot_schedules import at, local, request, school

# Kyiv 14:00-16:00, New York 08:00-10:00: six or seven hours apart depending on the week.
KYIV = school("kyiv", "UA", "Europe/Kyiv", "14:00-16:00")
NEW_YORK = school("nyc", "US", "America/New_York", "08:00-10:00")


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        # Autumn: Kyiv leaves summer time on 25 October, New York on 1 November.
        (
            date(2026, 10, 19),
            date(2026, 11, 6),
            {
                date(2026, 10, 20): ((12, 0), 0.0),  # both on summer time: one hour in common
                date(2026, 10, 27): ((12, 30), 1.0),  # only Kyiv on winter time: two hours
                date(2026, 11, 3): ((13, 0), 0.0),  # both on winter time: one hour again
            },
        ),
        # Spring: New York moves on 8 March, Kyiv on 29 March.
        (
            date(2026, 3, 2),
            date(2026, 4, 3),
            {
                date(2026, 3, 3): ((13, 0), 0.0),
                date(2026, 3, 10): ((12, 30), 1.0),
                date(2026, 3, 24): ((12, 30), 1.0),
                date(2026, 3, 31): ((12, 0), 0.0),
            },
        ),
    ],
)
def test_daylight_saving_moves_the_utc_slot_and_keeps_local_times(first, last, expected):
    proposal = find_slots(request([KYIV, NEW_YORK], first, last, limit=40))
    by_day = {slot.start.date(): slot for slot in proposal.best}
    assert proposal.everyone
    assert len(by_day) == len(proposal.best) == ((last - first).days + 3) // 7 * 5
    for day, ((hour, minute), comfort) in expected.items():
        slot = by_day[day]
        assert slot.start == at(day, hour, minute)
        assert slot.end == slot.start + timedelta(minutes=60)
        assert slot.comfort == comfort
    for slot in proposal.best:
        for zone, (open_, close) in (("Europe/Kyiv", (840, 960)), ("America/New_York", (480, 600))):
            (start_day, start), (end_day, end) = local(slot.start, zone), local(slot.end, zone)
            assert start_day == end_day
            assert open_ <= start and end <= close
    # The comfortable weeks rank first, each in date order.
    ranks = [(-slot.comfort, slot.start) for slot in proposal.best]
    assert ranks == sorted(ranks)


def test_different_weekends_friday_and_saturday_in_bangladesh():
    every_day = range(7)
    dhaka = school("bd", "BD", "Asia/Dhaka", "09:00-14:00", every_day, weekend=(4, 5))
    delhi = school("in", "IN", "Asia/Kolkata", "09:00-14:00", every_day, weekend=(6,))
    kathmandu = school("np", "NP", "Asia/Kathmandu", "09:00-14:00", every_day, weekend=(5,))
    proposal = find_slots(
        request([dhaka, delhi, kathmandu], date(2026, 11, 16), date(2026, 11, 22), limit=50)
    )
    attended = {}
    for slot in proposal.best:
        day, _ = local(slot.start, "Asia/Dhaka")
        attended.setdefault(day.weekday(), set()).add(slot.attendees)
    assert attended[4] == {("in", "np")}  # Friday: Bangladesh is closed
    assert 5 not in attended  # Saturday: only India is open, nobody to meet
    assert attended[6] == {("bd", "np")}  # Sunday: India is closed
    for weekday in range(4):
        assert ("bd", "in", "np") in attended[weekday]


def test_public_holidays_and_term_breaks_are_excluded():
    rosario = school("ar", "AR", "America/Argentina/Buenos_Aires", "08:00-12:00")
    lviv = school(
        "ua", "UA", "Europe/Kyiv", "12:00-16:00", breaks=[(date(2026, 10, 14), date(2026, 10, 15))]
    )
    assert closed_reason(date(2026, 10, 12), rosario.calendar).startswith("holiday")
    proposal = find_slots(request([rosario, lviv], date(2026, 10, 12), date(2026, 10, 16)))
    assert [slot.start for slot in proposal.best] == [
        at(date(2026, 10, 13), 11, 30),  # 08:30 in Rosario, 14:30 in Lviv
        at(date(2026, 10, 16), 11, 30),
    ]


def test_closed_is_decided_on_the_local_date_of_each_class():
    # 23:00-24:00 UTC on Thursday is already Friday in Dhaka (Bangladesh's weekend).
    night = school("bd", "BD", "Asia/Dhaka", "04:00-06:00", range(7), weekend=(4, 5))
    utc = school("zz", "ZZ", "UTC", "22:00-24:00", range(7), weekend=())
    proposal = find_slots(request([night, utc], date(2026, 11, 16), date(2026, 11, 22), 30))
    local_days = {local(slot.start, "Asia/Dhaka")[0].weekday() for slot in proposal.best}
    utc_days = {slot.start.weekday() for slot in proposal.best}
    assert local_days == {0, 1, 2, 3, 6}
    assert utc_days == {6, 0, 1, 2, 5}

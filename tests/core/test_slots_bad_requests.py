"""A slot request the finder (orbis/core/slots) refuses raises SlotError with a code and a clear
message. Pure core, no database."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from orbis.core.slots import (
    SlotError,
    find_slots,
)
from orbis.core.timetable import Period
from tests.core.slot_schedules import request, school

BAD = [
    ({"classes": "one"}, "classes", "at least two classes"),
    ({"duplicate": True}, "duplicate", "listed twice"),
    ({"last": date(2026, 11, 1)}, "window", "before the first day"),
    ({"last": date(2027, 6, 1)}, "window_length", "at most 26 weeks"),
    ({"minutes": 10}, "minutes", "from 15 to 240 minutes, not 10"),
    ({"minutes": 300}, "minutes", "not 300"),
    ({"step": 7}, "step", "must divide an hour"),
    ({"limit": 0}, "limit", "at least one slot"),
    ({"zone": "Mars/Olympus"}, "time_zone", "'Mars/Olympus' is not a known time zone"),
    ({"zone": ""}, "time_zone", "is not a known time zone"),
    ({"period": Period(1, 600, 500)}, "period", "ends before it starts"),
    ({"not_before": datetime(2026, 11, 16, 9)}, "not_before", "aware"),
]


@pytest.mark.parametrize(("change", "code", "message"), BAD)
def test_bad_requests_raise_slot_error_with_a_clear_message(change, code, message):
    a = school("a", "AR", "America/Argentina/Buenos_Aires")
    b = school("b", "UA", change.get("zone", "Europe/Kyiv"))
    if "period" in change:
        b = replace(b, periods=(change["period"],))
    classes = [a] if "classes" in change else [a, a] if "duplicate" in change else [a, b]
    with pytest.raises(SlotError, match=message) as raised:
        find_slots(
            request(
                classes,
                date(2026, 11, 16),
                change.get("last", date(2026, 11, 20)),
                change.get("minutes", 60),
                step=change.get("step", 15),
                limit=change.get("limit", 10),
                not_before=change.get("not_before"),
            )
        )
    assert raised.value.code == code
    assert isinstance(raised.value, ValueError)

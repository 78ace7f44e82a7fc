"""The plain data the slot finder takes and returns (no Django)."""

from dataclasses import dataclass
from datetime import date, datetime

from orbis.core.schooldays import SchoolCalendar
from orbis.core.timetable import Period


class SlotError(ValueError):
    """A request the slot finder cannot answer. The message is a plain English sentence;
    `code` says which rule was broken and `params` holds what a translated message needs.

    Codes: "classes" (fewer than two), "duplicate" (two classes with one key), "window"
    (last day before first day), "window_length" (longer than MAX_WINDOW_DAYS), "minutes",
    "step", "limit", "time_zone" (unknown IANA zone), "period" (a malformed period),
    "not_before" (a naive datetime).
    """

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class ClassSchedule:
    key: str  # stable id, e.g. the classroom pk as text
    name: str  # "6th grade B"
    country: str  # ISO 3166-1 alpha-2
    time_zone: str  # IANA zone of the school
    periods: tuple[Period, ...]  # weekly availability in the school's local time
    calendar: SchoolCalendar  # weekend days, public holidays (its country), term breaks


@dataclass(frozen=True)
class SlotRequest:
    classes: tuple[ClassSchedule, ...]
    first_day: date  # window, inclusive: a slot starts on a UTC date from first_day to last_day
    last_day: date
    minutes: int  # session length, 15..240
    step: int = 15  # start times on this grid (minutes past the UTC hour; divides 60)
    limit: int = 10  # at most this many ranked slots
    not_before: datetime | None = None  # aware; no slot starts earlier (e.g. "now")


@dataclass(frozen=True)
class Slot:
    start: datetime  # aware, UTC
    end: datetime
    attendees: tuple[str, ...]  # keys of the classes free for the whole slot, sorted
    comfort: float  # 0..1: 1 = at least COMFORT_MINUTES inside every attendee's availability
    score: float  # rank key, higher is better: attendees + comfort / 2


@dataclass(frozen=True)
class CoveringSession:
    slot: Slot
    attendees: tuple[str, ...]  # the classes assigned to this session (subset of slot.attendees)


@dataclass(frozen=True)
class Compromise:
    key: str  # the class that can meet nobody inside its hours
    partner: str  # the class it could then meet
    weekday: int  # weekday (0 = Monday) in the isolated class's local time
    minutes: int  # how far its availability must stretch (the smallest found)
    side: str  # "before" (start earlier) or "after" (stay later)
    slot: Slot  # the meeting that would become possible


@dataclass(frozen=True)
class SlotProposal:
    best: tuple[Slot, ...]  # ranked: most attendees, then comfort, then earliest
    everyone: bool  # True when best[0] has every class
    covering: tuple[CoveringSession, ...]  # smallest set covering every class that can meet
    # someone, each session with classes of >= 2 countries; empty when everyone
    isolated: tuple[str, ...]  # keys of the classes that can meet no other class
    compromises: tuple[Compromise, ...]  # the smallest one per isolated class, when found

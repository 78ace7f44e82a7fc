"""When can the classes of a project meet live? Pure module (no Django); see engine.py."""

from .compromise import MAX_STRETCH, STRETCH_STEP
from .engine import MAX_MINUTES, MAX_WINDOW_DAYS, MIN_MINUTES, find_slots
from .grid import COMFORT_MINUTES
from .types import (
    ClassSchedule,
    Compromise,
    CoveringSession,
    Slot,
    SlotError,
    SlotProposal,
    SlotRequest,
)

__all__ = [
    "COMFORT_MINUTES",
    "MAX_MINUTES",
    "MAX_STRETCH",
    "MAX_WINDOW_DAYS",
    "MIN_MINUTES",
    "STRETCH_STEP",
    "ClassSchedule",
    "Compromise",
    "CoveringSession",
    "Slot",
    "SlotError",
    "SlotProposal",
    "SlotRequest",
    "find_slots",
]

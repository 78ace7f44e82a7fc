"""What the matching engine works on and returns: profiles, constraints, weights, results.

Pure module (standard library only). `check_profile` says why a profile cannot be matched; the
engine reports such profiles as `Skipped` instead of failing the whole run.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date

from orbis.core import zones
from orbis.core.slots import MIN_MINUTES as MIN_SESSION_MINUTES
from orbis.core.timetable import MINUTES_PER_DAY, Period

DEFAULT_WEEK = date(2026, 10, 5)  # an ordinary school week: no DST change in either hemisphere
AGE_LIMITS = (3, 19)
APPROACH_CODES = ("connect", "collaborate", "create")

# Why a profile is skipped (check_profile checks in this order; the first one found wins).
EMPTY_TIMETABLE = "empty timetable"  # wants live exchanges but has no periods
INVALID_TIMETABLE = "invalid timetable"  # a period that is no Period of one day (weekday 0–6)
IMPOSSIBLE_AGES = "impossible age range"  # not whole years, min > max, or outside 3–19
UNKNOWN_LANGUAGE = "unknown language"  # none, or one that is not two lowercase letters
UNKNOWN_ZONE = "unknown time zone"  # not an IANA zone name
NO_PARTNERS_WANTED = "no partners wanted"  # partners_wanted < 1
UNKNOWN_COUNTRY = "unknown country"  # not two letters
INVALID_PROFILE = "invalid profile"  # id not an integer, or sets that are not sets of values
DUPLICATE_ID = "duplicate id"  # only from match(): a second profile with an id already seen

_LANGUAGE = re.compile(r"[a-z]{2}")
_COUNTRY = re.compile(r"[A-Za-z]{2}")


@dataclass(frozen=True, slots=True)
class ClassroomProfile:
    """One classroom as the matching engine sees it."""

    id: int
    country: str  # ISO 3166 alpha-2
    time_zone: str  # IANA
    periods: tuple[Period, ...]  # weekly availability in the school's local time
    age_min: int
    age_max: int
    languages: frozenset[str]  # ISO 639-1
    subjects: frozenset[str] = frozenset()
    sdgs: frozenset[int] = frozenset()
    approaches: frozenset[str] = frozenset()  # "connect" | "collaborate" | "create"
    wants_live: bool = True
    partners_wanted: int = 1
    region: str = ""  # e.g. "Africa", only for fairness reports
    verified: bool = False  # the school was verified by the operators' staff
    only_verified: bool = False  # a hard rule: partners only from verified schools


@dataclass(frozen=True)
class Constraints:
    """The hard rules a partnership must keep (see `compatibility`)."""

    age_tolerance: int = 1  # years allowed between the two age ranges (0 = must overlap)
    min_overlap_minutes: int = 60  # weekly common free minutes, required when either wants live
    week_of: date = DEFAULT_WEEK  # the week whose dates convert local periods to UTC
    # A common window shorter than the shortest live session is no meeting time: it counts
    # nowhere (not in the weekly minutes, the score, the hard rule, nor the windows shown).
    min_window_minutes: int = MIN_SESSION_MINUTES

    def __post_init__(self) -> None:
        if not isinstance(self.age_tolerance, int) or self.age_tolerance < 0:
            raise ValueError("age_tolerance must be a whole number of years, 0 or more")
        if not isinstance(self.min_overlap_minutes, int) or self.min_overlap_minutes < 0:
            raise ValueError("min_overlap_minutes must be a whole number, 0 or more")
        if not isinstance(self.week_of, date):
            raise ValueError("week_of must be a date")
        if not isinstance(self.min_window_minutes, int) or self.min_window_minutes < 0:
            raise ValueError("min_window_minutes must be a whole number, 0 or more")


@dataclass(frozen=True)
class Weights:
    """How much each part of the score counts (relative; see the package docstring).

    Every part is a fit between 0 and 1; the score is 100 × Σ weight × fit / Σ weight. The
    overlap part only counts when either class wants live exchanges.
    """

    languages: float = 10.0  # shared languages / languages of the class that speaks fewer
    age: float = 20.0  # 1 − |difference of the mid ages| / 4 years, at least 0
    overlap: float = 25.0  # common live minutes a week / 180, at most 1
    subjects: float = 20.0  # shared subjects / subjects of the class with fewer
    sdgs: float = 15.0  # shared SDGs / SDGs of the class with fewer
    approaches: float = 10.0  # shared approaches / approaches of the class with fewer

    def __post_init__(self) -> None:
        for name in ("languages", "age", "overlap", "subjects", "sdgs", "approaches"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {name} must be a finite number, 0 or more")
        if self.base_total() <= 0:
            raise ValueError("at least one weight other than overlap must be positive")

    def base_total(self) -> float:
        """The sum of the weights that count for every pair (all but overlap)."""
        return self.languages + self.age + self.subjects + self.sdgs + self.approaches


@dataclass(frozen=True, slots=True)
class Compatibility:
    """How well two classrooms fit, and what they share."""

    score: float  # 0–100, see the package docstring
    overlap_minutes: int  # weekly minutes both are free at the same moment, in `overlap`
    # Those moments: the common windows at least `Constraints.min_window_minutes` long, in UTC
    # minutes after Monday 00:00 UTC (a window across the week's end is two intervals).
    overlap: tuple[tuple[int, int], ...]
    shared_languages: frozenset[str]
    shared_subjects: frozenset[str]
    shared_sdgs: frozenset[int]
    shared_approaches: frozenset[str]
    age_gap: int  # 0 when the age ranges overlap


@dataclass(frozen=True)
class Skipped:
    """A profile match() could not use, and why (one of the reasons above)."""

    id: int
    reason: str


@dataclass
class MatchResult:
    partnerships: list[tuple[int, ...]]  # each sorted ids; pairs, or groups when group_size > 2
    scores: list[float]  # per partnership (for groups: mean pairwise score)
    skipped: list[Skipped] = field(default_factory=list)  # bad profiles, reported and skipped
    total_score: float = 0.0  # sum of `scores`


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _valid_period(period: object) -> bool:
    if not isinstance(period, Period):
        return False
    weekday, start, end = period.weekday, period.start, period.end
    return (
        isinstance(weekday, int)
        and isinstance(start, int)
        and isinstance(end, int)
        and 0 <= weekday <= 6
        and 0 <= start < end <= MINUTES_PER_DAY
    )


def _is_value_set(values: object) -> bool:
    """A set, frozenset, tuple or list of hashable values (not a string)."""
    if not isinstance(values, set | frozenset | tuple | list):
        return False
    try:
        frozenset(values)
    except TypeError:
        return False
    return True


def check_profile(p: ClassroomProfile) -> str | None:
    """Why the profile cannot be matched (one of the reason constants above), or None."""
    periods = getattr(p, "periods", None)
    if not isinstance(periods, tuple | list):
        return INVALID_TIMETABLE
    if getattr(p, "wants_live", True) and not periods:
        return EMPTY_TIMETABLE
    if not all(_valid_period(period) for period in periods):
        return INVALID_TIMETABLE
    age_min, age_max = getattr(p, "age_min", None), getattr(p, "age_max", None)
    if not (_is_int(age_min) and _is_int(age_max)):
        return IMPOSSIBLE_AGES
    if not AGE_LIMITS[0] <= age_min <= age_max <= AGE_LIMITS[1]:
        return IMPOSSIBLE_AGES
    languages = getattr(p, "languages", None)
    if not _is_value_set(languages) or not languages:
        return UNKNOWN_LANGUAGE
    if not all(isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in languages):
        return UNKNOWN_LANGUAGE
    zone = getattr(p, "time_zone", None)
    if not isinstance(zone, str) or not zones.is_valid_zone(zone):
        return UNKNOWN_ZONE
    wanted = getattr(p, "partners_wanted", None)
    if not _is_int(wanted) or wanted < 1:
        return NO_PARTNERS_WANTED
    country = getattr(p, "country", None)
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        return UNKNOWN_COUNTRY
    if not _is_int(getattr(p, "id", None)):
        return INVALID_PROFILE
    for name in ("subjects", "sdgs", "approaches"):
        if not _is_value_set(getattr(p, name, None)):
            return INVALID_PROFILE
    return None

"""A classroom as the matching engine sees it (orbis.core.matching.ClassroomProfile), built in
one function from plain values.

The search index reads every classroom's values in bulk (index.py: about 20,000 classrooms in a
fraction of a second, where loading models would take several times longer); the pages and
`orbis match` hold Classroom objects and hand over the same values (`profile_of`). Either way
the timetable comes from `orbis.classrooms.selectors.weekly_timetables` and the "verified" rule
from `orbis.accounts.models.is_verified_at_school`.
"""

from collections.abc import Iterable

from orbis.classrooms.models import Classroom
from orbis.core import regions
from orbis.core.matching import ClassroomProfile
from orbis.core.timetable import Period
from orbis.vocabulary import ExchangeMode


def classroom_profile(
    *,
    pk: int,
    country: str | None,
    time_zone: str | None,
    periods: tuple[Period, ...],
    age_min: int,
    age_max: int,
    languages: Iterable[str],
    subjects: Iterable[str],
    sdgs: Iterable[int],
    approaches: Iterable[str],
    exchange_mode: str,
    partners_wanted: int,
    verified: bool,
    only_verified: bool,
) -> ClassroomProfile:
    """The engine's view of a classroom from its values (its school's country and zone: ""
    or None for a teacher without a school). A frozenset passed in is kept as it is, not
    copied: the index shares one set among the many classrooms with the same list."""
    country = str(country or "")
    return ClassroomProfile(
        id=pk,
        country=country,
        time_zone=time_zone or "",
        periods=periods,
        age_min=age_min,
        age_max=age_max,
        languages=frozenset(languages),
        subjects=frozenset(subjects),
        sdgs=frozenset(sdgs),
        approaches=frozenset(approaches),
        wants_live=exchange_mode == ExchangeMode.LIVE,
        partners_wanted=partners_wanted,
        region=regions.region_of(country),
        verified=bool(verified),
        only_verified=bool(only_verified),
    )


def profile_of(classroom: Classroom, *, periods: tuple[Period, ...]) -> ClassroomProfile:
    """The same from a Classroom (its teacher and her school loaded) and its timetable, as
    `weekly_timetables` reads it."""
    teacher = classroom.teacher
    school = teacher.school
    return classroom_profile(
        pk=classroom.pk,
        country=school.country if school else "",
        time_zone=school.time_zone if school else "",
        periods=periods,
        age_min=classroom.age_min,
        age_max=classroom.age_max,
        languages=classroom.languages,
        subjects=classroom.subjects,
        sdgs=classroom.sdgs,
        approaches=classroom.approaches,
        exchange_mode=classroom.exchange_mode,
        partners_wanted=classroom.partners_wanted,
        verified=teacher.verified_at_school,
        only_verified=teacher.only_verified_partners,
    )

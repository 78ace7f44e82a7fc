"""Reads for partner discovery: the Django side of orbis.core.matching."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from orbis.classrooms.models import Classroom
from orbis.core import regions, timetable
from orbis.core.matching import ClassroomProfile, Compatibility, Constraints, compatibility

from .models import PartnerRequest, Partnership

SEARCH_LIMIT = 2000  # candidates scored per search, after the database filters


def classroom_profile(classroom: Classroom) -> ClassroomProfile:
    """The engine's view of a classroom (its teacher's school must be loaded)."""
    school = classroom.teacher.school
    country = str(school.country) if school else ""
    return ClassroomProfile(
        id=classroom.pk,
        country=country,
        time_zone=school.time_zone if school else "",
        periods=tuple(period.as_period() for period in classroom.availability.all()),
        age_min=classroom.age_min,
        age_max=classroom.age_max,
        languages=frozenset(classroom.languages),
        subjects=frozenset(classroom.subjects),
        sdgs=frozenset(classroom.sdgs),
        approaches=frozenset(classroom.approaches),
        wants_live=classroom.wants_live,
        partners_wanted=classroom.partners_wanted,
        region=regions.region_of(country),
        verified=bool(school and school.verified),
        only_verified=classroom.teacher.only_verified_partners,
    )


def partner_ids(classroom_ids) -> dict[int, set[int]]:
    """For each classroom, the ids of its partners."""
    result: dict[int, set[int]] = {}
    pairs = Partnership.objects.filter(
        Q(classroom_a__in=classroom_ids) | Q(classroom_b__in=classroom_ids)
    ).values_list("classroom_a_id", "classroom_b_id")
    for a, b in pairs:
        result.setdefault(a, set()).add(b)
        result.setdefault(b, set()).add(a)
    return result


def partnerships_of(classrooms) -> list[tuple[Classroom, Classroom]]:
    """(my classroom, its partner) for each partnership of these classrooms."""
    mine = {classroom.pk: classroom for classroom in classrooms}
    rows = Partnership.objects.filter(
        Q(classroom_a__in=mine) | Q(classroom_b__in=mine)
    ).select_related("classroom_a__teacher__school", "classroom_b__teacher__school")
    pairs = []
    for row in rows:
        for own, other in ((row.classroom_a, row.classroom_b), (row.classroom_b, row.classroom_a)):
            if own.pk in mine:
                pairs.append((mine[own.pk], other))
    return pairs


@dataclass(frozen=True)
class SearchFilters:
    subject: str = ""
    language: str = ""
    approach: str = ""
    sdg: int | None = None
    country: str = ""
    region: str = ""
    exchange_mode: str = ""
    min_overlap: int = 0
    age_tolerance: int = 1
    verified_only: bool = False


@dataclass(frozen=True)
class SearchResult:
    classroom: Classroom
    compatibility: Compatibility


def _json_has(field: str, value: str) -> Q:
    # JSON lists hold codes; matching the quoted code works the same on SQLite and PostgreSQL.
    return Q(**{f"{field}__icontains": f'"{value}"'})


def _json_has_number(field: str, number: int) -> Q:
    # Both databases write a list of numbers as "[4, 13]": the number stands between these.
    forms = (f"[{number}]", f"[{number},", f" {number},", f" {number}]")
    query = Q()
    for text in forms:
        query |= Q(**{f"{field}__icontains": text})
    return query


def candidates(*, classroom: Classroom, filters: SearchFilters) -> QuerySet[Classroom]:
    school = classroom.teacher.school
    found = (
        Classroom.objects.filter(
            looking_for_partners=True,
            teacher__is_active=True,
            teacher__school__isnull=False,
            age_min__lte=classroom.age_max + filters.age_tolerance,
            age_max__gte=classroom.age_min - filters.age_tolerance,
        )
        .exclude(teacher=classroom.teacher)
        .exclude(teacher__school__country=school.country)
    )
    # Verified schools only, for a teacher who asks in the search or always (her profile); and
    # a teacher who always wants verified partners is not shown to unverified schools.
    if filters.verified_only or classroom.teacher.only_verified_partners:
        found = found.filter(teacher__school__verified=True)
    if not school.verified:
        found = found.exclude(teacher__only_verified_partners=True)
    if filters.subject:
        found = found.filter(_json_has("subjects", filters.subject))
    if filters.language:
        found = found.filter(_json_has("languages", filters.language))
    if filters.approach:
        found = found.filter(_json_has("approaches", filters.approach))
    if filters.sdg:
        found = found.filter(_json_has_number("sdgs", filters.sdg))
    if filters.country:
        found = found.filter(teacher__school__country=filters.country)
    if filters.region:
        members = [code for code, region in regions.REGION_OF.items() if region == filters.region]
        found = found.filter(teacher__school__country__in=members)
    if filters.exchange_mode:
        found = found.filter(exchange_mode=filters.exchange_mode)
    return found.select_related("teacher__school").prefetch_related("availability")


def partner_search(
    *, classroom: Classroom, filters: SearchFilters, week_of: date
) -> list[SearchResult]:
    """Classrooms that could partner with this one, best first, each with why it fits."""
    constraints = Constraints(
        age_tolerance=filters.age_tolerance, min_overlap_minutes=0, week_of=week_of
    )
    mine = classroom_profile(classroom)
    partners = partner_ids([classroom.pk]).get(classroom.pk, set())
    results = []
    for candidate in candidates(classroom=classroom, filters=filters).order_by("pk")[:SEARCH_LIMIT]:
        if candidate.pk in partners:
            continue
        fit = compatibility(mine, classroom_profile(candidate), constraints)
        if fit is None or fit.overlap_minutes < filters.min_overlap:
            continue
        results.append(SearchResult(candidate, fit))
    results.sort(key=lambda result: (-result.compatibility.score, result.classroom.pk))
    return results


def overlap_windows(fit: Compatibility, zone: str, week_of: date):
    """The shared live moments in a school's local time, grouped: [((1, 2, 3), 780, 850)]."""
    periods = timetable.local_periods(list(fit.overlap), zone, week_of)
    return timetable.group_by_time(periods)


def requests_for(teacher) -> tuple[QuerySet, QuerySet]:
    received = PartnerRequest.objects.filter(to_classroom__teacher=teacher)
    sent = PartnerRequest.objects.filter(from_classroom__teacher=teacher)
    related = ("from_classroom__teacher__school", "to_classroom__teacher__school")
    return received.select_related(*related), sent.select_related(*related)


def visible_partner_classroom(*, teacher, classroom_id: int) -> Classroom | None:
    """Another teacher's classroom as a possible partner sees it: only when it is looking for
    partners, or already linked to one of this teacher's classrooms."""
    mine = Classroom.objects.filter(teacher=teacher)
    linked = (
        Q(looking_for_partners=True)
        | Q(sent_requests__to_classroom__in=mine)
        | Q(received_requests__from_classroom__in=mine)
    )
    return (
        Classroom.objects.filter(linked, pk=classroom_id, teacher__school__isnull=False)
        .exclude(teacher=teacher)
        .select_related("teacher__school")
        .prefetch_related("availability")
        .distinct()
        .first()
    )

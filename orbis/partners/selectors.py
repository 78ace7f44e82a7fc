"""Reads for partner discovery: the Django side of orbis.core.matching."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from orbis.accounts import limits
from orbis.classrooms.models import Classroom
from orbis.classrooms.selectors import weekly_timetables
from orbis.core import regions, timetable
from orbis.core.matching import ClassroomProfile, Compatibility, Constraints, compatibility, search

from . import index
from .models import PartnerRequest, Partnership
from .profiles import profile_of


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


def _search_filters(filters: SearchFilters) -> search.SearchFilters:
    countries = None
    if filters.country:
        countries = frozenset({filters.country.upper()})
    if filters.region:
        members = frozenset(
            code for code, region in regions.REGION_OF.items() if region == filters.region
        )
        countries = members if countries is None else countries & members
    return search.SearchFilters(
        subject=filters.subject,
        language=filters.language,
        approach=filters.approach,
        sdg=filters.sdg,
        countries=countries,
        exchange_mode=filters.exchange_mode,
        min_overlap=filters.min_overlap,
        verified_only=filters.verified_only,
    )


class PartnerResults:
    """The ranked search results, all of them scored; the classrooms of a slice (the page the
    paginator asks for) loaded from the database only then."""

    def __init__(self, mine: ClassroomProfile | None, ranked: list[tuple[int, float]], constraints):
        self.mine, self.ranked, self.constraints = mine, ranked, constraints

    def __len__(self) -> int:
        return len(self.ranked)

    def __getitem__(self, item):
        if isinstance(item, slice):
            return self._load(self.ranked[item])
        return self._load([self.ranked[item]])[0]

    def _load(self, ranked) -> list[SearchResult]:
        ids = [pk for pk, _score in ranked]
        found = Classroom.objects.filter(pk__in=ids).select_related("teacher__school")
        rooms = {room.pk: room for room in found}
        timetables = weekly_timetables(rooms)
        results = []
        for pk in ids:
            room = rooms.get(pk)
            # A classroom deleted or changed since the index was built drops out of the page.
            theirs = room and profile_of(room, periods=timetables.get(pk, ()))
            fit = theirs and compatibility(self.mine, theirs, self.constraints)
            if fit:
                results.append(SearchResult(room, fit))
        return results


def partner_search(*, classroom: Classroom, filters: SearchFilters, week_of: date):
    """Classrooms that could partner with this one, best first, each with why it fits: a
    sequence whose slices (pages) hold SearchResult."""
    constraints = Constraints(
        age_tolerance=filters.age_tolerance, min_overlap_minutes=0, week_of=week_of
    )
    partners = partner_ids([classroom.pk]).get(classroom.pk, set())
    found = index.current(week_of)
    row = found.row(classroom.pk)
    ranked = search.search(
        found,
        classroom.pk,
        constraints=constraints,
        filters=_search_filters(filters),
        exclude=partners,
    )
    # Her own profile as the index holds it: a classroom missing there can't be matched.
    mine = None if row is None else found.enc.profiles[row]
    return PartnerResults(mine, ranked, constraints)


def overlap_windows(fit: Compatibility, zone: str, week_of: date):
    """The shared live moments in a school's local time, grouped: [((1, 2, 3), 780, 850)]. A
    window across Monday 00:00 UTC comes in two parts that touch: shown as one."""
    periods: list[timetable.Period] = []
    for period in timetable.local_periods(list(fit.overlap), zone, week_of):
        last = periods[-1] if periods else None
        if last and (last.weekday, last.end) == (period.weekday, period.start):
            period = timetable.Period(period.weekday, last.start, period.end)
            periods.pop()
        periods.append(period)
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


def requests_sent_since(teacher, since) -> int:
    return PartnerRequest.objects.filter(
        from_classroom__teacher=teacher, created_at__gte=since
    ).count()


def request_refusal(teacher) -> str | None:
    """Whether this teacher may send one more partner request: her count, the verdict of
    orbis/accounts/limits.py."""
    if message := limits.email_refusal(teacher):
        return message
    count = requests_sent_since(teacher, limits.since("requests"))
    return limits.refusal(teacher, limit="requests", count=count)

"""`orbis match`: the matching engine run over every classroom looking for partners, its
proposals stored as suggestions. Re-running adds no duplicate and never re-proposes a pair a
teacher declined, a pair already partners, or a pair with an open request."""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from orbis.classrooms.models import Classroom
from orbis.classrooms.selectors import weekly_timetables
from orbis.core.matching import Constraints, compatibility, match
from orbis.notifications.models import Notification
from orbis.notifications.services import notify

from .models import PartnerRequest, PartnerSuggestion
from .profiles import profile_of
from .selectors import partner_ids


@dataclass
class MatchReport:
    classrooms: int = 0
    matched: int = 0
    new_suggestions: int = 0
    skipped: list[tuple[Classroom | None, str]] = field(default_factory=list)


def _blocked_pairs(ids) -> set[tuple[int, int]]:
    """Pairs (either order) that must not be proposed: declined, requested, or partners."""
    blocked = set()
    for a, b in (
        PartnerSuggestion.objects.filter(classroom__in=ids)
        .exclude(status=PartnerSuggestion.Status.OPEN)
        .values_list("classroom_id", "partner_id")
    ):
        blocked |= {(a, b), (b, a)}
    for a, b in PartnerRequest.objects.filter(
        Q(from_classroom__in=ids) | Q(to_classroom__in=ids), status=PartnerRequest.Status.PENDING
    ).values_list("from_classroom_id", "to_classroom_id"):
        blocked |= {(a, b), (b, a)}
    return blocked


def run_matching(*, group_size: int = 2, week_of: date | None = None) -> MatchReport:
    report = MatchReport()
    looking = Classroom.objects.filter(looking_for_partners=True, teacher__is_active=True)
    rooms = {room.pk: room for room in looking.select_related("teacher__school")}
    timetables = weekly_timetables(looking)
    report.classrooms = len(rooms)
    partners = partner_ids(list(rooms))
    profiles = []
    for room in rooms.values():
        if room.teacher.school is None:
            report.skipped.append((room, "no school"))
            continue
        wanted = room.partners_wanted - len(partners.get(room.pk, ()))
        if wanted < 1:
            continue  # has all the partners it asked for
        profile = profile_of(room, periods=timetables.get(room.pk, ()))
        profiles.append(replace(profile, partners_wanted=wanted))
    constraints = Constraints(week_of=week_of or timezone.localdate())
    result = match(profiles, constraints, group_size=group_size)
    report.skipped += [(rooms.get(item.id), item.reason) for item in result.skipped]
    blocked = _blocked_pairs(list(rooms))
    for room_id, other_ids in partners.items():
        blocked |= {(room_id, other) for other in other_ids}
    if group_size == 2:
        _replace_blocked(profiles, result, blocked, constraints)
    new_per_classroom: Counter[int] = Counter()
    matched = set()
    with transaction.atomic():
        for group, score in zip(result.partnerships, result.scores, strict=True):
            matched.update(group)
            for a, b in combinations(group, 2):
                for own, other in ((a, b), (b, a)):
                    if (own, other) in blocked:
                        continue
                    _suggestion, created = PartnerSuggestion.objects.update_or_create(
                        classroom_id=own,
                        partner_id=other,
                        defaults={"score": score},
                        create_defaults={"score": score},
                    )
                    if created:
                        new_per_classroom[own] += 1
        for room_id, count in new_per_classroom.items():
            room = rooms[room_id]
            notify(
                recipient=room.teacher,
                kind=Notification.Kind.SUGGESTIONS,
                params={"count": count, "classroom": room.name},
                url=reverse("partner_suggestions"),
            )
    report.matched = len(matched)
    report.new_suggestions = sum(new_per_classroom.values())
    return report


def _replace_blocked(profiles, result, blocked, constraints) -> None:
    """The engine does not know which pairs teachers declined: a classroom whose proposal is a
    blocked pair gets, instead, its best feasible partner among those with a free place."""
    by_id = {profile.id: profile for profile in profiles}
    spare = {profile.id: profile.partners_wanted for profile in profiles}
    kept_pairs, kept_scores, lost = [], [], set()
    for pair, score in zip(result.partnerships, result.scores, strict=True):
        if (pair[0], pair[1]) in blocked:
            lost.update(pair)
            continue
        kept_pairs.append(pair)
        kept_scores.append(score)
        for member in pair:
            spare[member] -= 1
    for room_id in sorted(lost):
        best = None
        for other_id, free in spare.items():
            if other_id == room_id or free < 1 or spare[room_id] < 1:
                continue
            if (room_id, other_id) in blocked:
                continue
            fit = compatibility(by_id[room_id], by_id[other_id], constraints)
            if fit is not None and (best is None or fit.score > best[1]):
                best = (other_id, fit.score)
        if best is not None:
            kept_pairs.append(tuple(sorted((room_id, best[0]))))
            kept_scores.append(best[1])
            spare[room_id] -= 1
            spare[best[0]] -= 1
    result.partnerships, result.scores = kept_pairs, kept_scores


@task()
def match_all(group_size: int = 2) -> dict:
    """`orbis match` for large networks, run by the background worker."""
    report = run_matching(group_size=group_size)
    return {
        "classrooms": report.classrooms,
        "matched": report.matched,
        "new_suggestions": report.new_suggestions,
        "skipped": len(report.skipped),
    }

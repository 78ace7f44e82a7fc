"""How well a template fits the assistant's answers: the hard filters (`passes`, relaxed step by
step in the RELAXATIONS order), the score with the reasons behind it (`score_of`), and whether a
template's modes suit the project's exchange mode (`fits_mode`). generator.py ranks and builds
with them."""

from collections.abc import Sequence

from orbis.core.codes import MODES_ACCEPTED

from .types import PlanRequest, Reason, Template
from .vocabulary import MAX_WEEKS, MIN_WEEKS

# Score points (see score_of); the reasons are listed in the order of their points.
AGE_POINTS = 3.0  # the whole requested age range is covered
AGE_GAP_PENALTY = 0.5  # per year between the requested ages and the template's
SUBJECT_POINTS = 2.0
SDG_POINTS = 2.0  # all requested SDGs served
COMPETENCY_POINTS = 1.5  # all requested competencies served
DURATION_POINTS = 1.0  # the duration is in the middle of the template's range
DURATION_GAP_PENALTY = 1.0  # per week outside the template's range (when relaxed)
# A project that meets live prefers, at an equal fit, a template with live sessions (a tie-breaker:
# a board-only template that fits better, even by a week of duration, still wins).
LIVE_POINTS = 0.25

# When no template passes the hard filters, they are dropped in this order (the approach the
# teacher chose is kept as long as possible; an approach whose MIN_WEEKS exceeds the request's
# weeks is never chosen):
RELAXATIONS = (
    frozenset(),  # duration in the template's range, the approach, the mode
    frozenset({"mode"}),  # a live-only template for an asynchronous project
    frozenset({"mode", "duration"}),  # a template for longer or shorter projects, stretched
    frozenset({"mode", "duration", "approach"}),  # another approach the time allows
)


def passes(template: Template, request: PlanRequest, relaxed: frozenset[str]) -> bool:
    if MIN_WEEKS[template.approach] > request.weeks:
        return False  # never relaxed: the project would be too short for its approach
    low, high = template.weeks
    if "duration" not in relaxed and not low <= request.weeks <= high:
        return False
    if "approach" not in relaxed and request.approach and template.approach != request.approach:
        return False
    return "mode" in relaxed or fits_mode(request.mode, template.modes)


def fits_mode(mode: str, template_modes: Sequence[str]) -> bool:
    """Whether a template made for template_modes suits a project in `mode` (see MODES_ACCEPTED:
    a live project also exchanges asynchronously, so board-only templates suit it)."""
    return any(accepted in template_modes for accepted in MODES_ACCEPTED.get(mode, ()))


def score_of(template: Template, request: PlanRequest) -> tuple[float, list[tuple[float, Reason]]]:
    """The template's score for the request and the reasons with the points each brought."""
    points: list[tuple[float, Reason]] = []
    score = 0.0

    low, high = template.ages
    overlap = min(high, request.age_max) - max(low, request.age_min) + 1
    if overlap > 0:
        share = overlap / (request.age_max - request.age_min + 1)
        points.append((AGE_POINTS * share, Reason("ages", template.ages)))
        score += AGE_POINTS * share
    else:
        score -= AGE_GAP_PENALTY * (1 - overlap)  # overlap ≤ 0: minus the gap in years

    if request.subject in template.subjects:
        points.append((SUBJECT_POINTS, Reason("subject", request.subject)))
        score += SUBJECT_POINTS

    sdgs = [sdg for sdg in request.sdgs if sdg in template.sdgs]
    for sdg in sdgs:
        points.append((SDG_POINTS / len(request.sdgs), Reason("sdg", sdg)))
    score += SDG_POINTS * len(sdgs) / max(1, len(request.sdgs))

    competencies = [c for c in request.competencies if c in template.competencies]
    for competency in competencies:
        points.append(
            (COMPETENCY_POINTS / len(request.competencies), Reason("competency", competency))
        )
    score += COMPETENCY_POINTS * len(competencies) / max(1, len(request.competencies))

    low, high = template.weeks
    if low <= request.weeks <= high:
        # A template fits best in the middle of its range (its activities were sized for it).
        fit = 1 - abs(request.weeks - (low + high) / 2) / (MAX_WEEKS + 1)
        points.append((DURATION_POINTS * fit, Reason("duration", request.weeks)))
        score += DURATION_POINTS * fit
    else:
        score -= DURATION_GAP_PENALTY * min(abs(request.weeks - low), abs(request.weeks - high))

    if request.mode in template.modes:
        bonus = LIVE_POINTS if request.mode == "live" else 0.0
        points.append((bonus, Reason("mode", request.mode)))
        score += bonus
    elif fits_mode(request.mode, template.modes):  # a board-only template in a live project
        points.append((0.0, Reason("mode", "async")))
    return score, points


def strongest_first(template: Template, points: list[tuple[float, Reason]]) -> list[Reason]:
    # The approach leads (it shapes the whole project), then the reasons by points; sorted()
    # is stable, so equal points keep the order score_of gave them.
    ordered = [reason for _, reason in sorted(points, key=lambda item: -item[0])]
    return [Reason("approach", template.approach), *ordered]


def explain(request: PlanRequest, template: Template) -> list[Reason]:
    """Why the template suits the request, the strongest reason first."""
    return strongest_first(template, score_of(template, request)[1])

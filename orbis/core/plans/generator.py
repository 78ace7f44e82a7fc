"""Turn the assistant's answers (a PlanRequest) into a dated plan from the template library.

1. choose_template: hard filters, then a score (fit.py); the filters are relaxed step by step
   when no template passes them (fit.RELAXATIONS).
2. The plan's dates: the school days every partner school shares are split among the phases,
   and each activity is due on a school day within its phase, in proportion to its `share`.

Everything is deterministic: the same request and library give the same plan.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from orbis.core.codes import APPROACHES, EXCHANGE_MODES
from orbis.core.schooldays import (
    SEARCH_DAYS,
    SchoolCalendar,
    next_school_day,
    school_days,
    school_days_between,
)

from .fit import RELAXATIONS, explain, passes, score_of, strongest_first
from .library import MAX_AGE, MIN_AGE
from .library import library as default_library
from .types import (
    Plan,
    PlannedActivity,
    PlannedMilestone,
    PlannedPhase,
    PlannedSession,
    PlanRequest,
    Reason,
    Template,
    TemplateActivity,
)
from .vocabulary import (
    COMPETENCIES,
    DURATIONS,
    LANGUAGES,
    MIN_WEEKS,
    PHASES,
)

# How a project's school days are split among the phases (definition, execution, reflection,
# dissemination). A single exchange (0 weeks) takes about one school week: two days to get ready,
# the exchange mid-week, then reflection and dissemination.
PHASE_SHARES = (0.15, 0.60, 0.15, 0.10)
SINGLE_EXCHANGE_DAYS = (2, 1, 1, 1)

class PlanError(ValueError):
    """An invalid request; `field` names the PlanRequest field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class UnknownTemplate(PlanError, KeyError):
    """template_key names no template in the library (a KeyError too, for callers that look
    templates up by key)."""

    def __str__(self) -> str:
        return ValueError.__str__(self)  # not KeyError's quoted repr


@dataclass
class PhasePlan:
    """One phase of a plan with its milestones and sessions (what regenerate_phase returns)."""

    phase: PlannedPhase
    milestones: list[PlannedMilestone]
    sessions: list[PlannedSession]


@dataclass(frozen=True)
class Candidate:
    """A template that passed the (possibly relaxed) filters, with its score and reasons."""

    template: Template
    score: float
    reasons: tuple[Reason, ...]
    relaxed: frozenset[str]


def validate(request: PlanRequest) -> None:
    """Raise PlanError when the request cannot be planned (dates in the past are the shell's)."""
    if request.weeks not in DURATIONS:
        weeks = ", ".join(str(weeks) for weeks in DURATIONS)
        raise PlanError(f"The duration must be one of {weeks} weeks.", "weeks")
    if request.approach is not None:
        if request.approach not in APPROACHES:
            raise PlanError(f"Unknown approach {request.approach!r}.", "approach")
        if request.weeks < MIN_WEEKS[request.approach]:
            raise PlanError(
                f"A {request.approach.capitalize()} project needs at least "
                f"{MIN_WEEKS[request.approach]} weeks.",
                "weeks",
            )
    for name in ("age_min", "age_max"):
        age = getattr(request, name)
        if not MIN_AGE <= age <= MAX_AGE:
            raise PlanError(f"Student ages must be between {MIN_AGE} and {MAX_AGE}.", name)
    if request.age_min > request.age_max:
        raise PlanError("The youngest students cannot be older than the oldest.", "age_min")
    if request.mode not in EXCHANGE_MODES:
        raise PlanError(f"Unknown mode {request.mode!r}: live or async.", "mode")
    if not request.languages:
        raise PlanError("Give at least one language the classes share.", "languages")
    if request.text_language not in LANGUAGES:
        raise PlanError(
            f"Plans are written in {' or '.join(LANGUAGES)}, not {request.text_language!r}.",
            "text_language",
        )
    unknown = sorted(set(request.competencies) - set(COMPETENCIES))
    if unknown:
        raise PlanError(f"Unknown competencies: {', '.join(unknown)}.", "competencies")
    if any(not 1 <= sdg <= 17 for sdg in request.sdgs):
        raise PlanError("SDGs are numbered 1 to 17.", "sdgs")


def rank_templates(request: PlanRequest, library: Mapping[str, Template]) -> list[Candidate]:
    """The templates that pass the filters, best first (ties by key), relaxing the filters in
    the RELAXATIONS order until some template passes; [] when none ever does."""
    validate(request)
    for relaxed in RELAXATIONS:
        candidates = []
        for key in sorted(library):
            template = library[key]
            if not passes(template, request, relaxed):
                continue
            score, points = score_of(template, request)
            reasons = tuple(strongest_first(template, points))
            candidates.append(Candidate(template, round(score, 9), reasons, relaxed))
        if candidates:
            return sorted(candidates, key=lambda c: (-c.score, c.template.key))
    return []


def choose_template(
    request: PlanRequest, library: Mapping[str, Template]
) -> tuple[Template, list[Reason]]:
    """The best template for the request and why (the strongest reason first)."""
    ranked = rank_templates(request, library)
    if not ranked:
        raise PlanError(
            f"No template in the library fits a project of {request.weeks} weeks.", "weeks"
        )
    return ranked[0].template, list(ranked[0].reasons)


def generate_plan(
    request: PlanRequest,
    library: Mapping[str, Template] | None = None,
    *,
    template_key: str | None = None,
) -> Plan:
    """A complete dated plan for the request, from the best template (or template_key's)."""
    library = default_library() if library is None else library
    if template_key is None:
        template, reasons = choose_template(request, library)
    else:
        validate(request)
        template = _template(library, template_key)
        reasons = explain(request, template)
    return _build(request, template, reasons)


def regenerate_phase(
    request: PlanRequest,
    template_key: str,
    phase: str,
    library: Mapping[str, Template] | None = None,
) -> PhasePlan:
    """One phase exactly as generate_plan(request, template_key=…) gives it, with its milestones
    and sessions, so the shell can replace that phase's rows only."""
    if phase not in PHASES:
        raise PlanError(f"Unknown phase {phase!r}.", "phase")
    plan = generate_plan(request, library, template_key=template_key)
    return PhasePlan(
        phase=next(p for p in plan.phases if p.key == phase),
        milestones=[m for m in plan.milestones if m.phase == phase],
        sessions=[s for s in plan.sessions if s.phase == phase],
    )


def shift_dates(
    items: Sequence[tuple[str, date]], calendars: Sequence[SchoolCalendar]
) -> list[date]:
    """Each item's date moved to the next school day for all calendars (unchanged when it is
    one, or when no such day comes within a year). Order-preserving: an earlier date never
    lands after a later one's new date, so the items need not come sorted."""
    return [next_school_day(day, calendars, limit=SEARCH_DAYS) for _title, day in items]


def _template(library: Mapping[str, Template], key: str) -> Template:
    try:
        return library[key]
    except KeyError:
        raise UnknownTemplate(f"No template {key!r} in the library.", "template_key") from None


def _phase_days(request: PlanRequest, start: date) -> list[list[date]]:
    """The school days (shared by all schools) of each phase, each phase at least one day."""
    calendars = request.calendars
    if request.weeks == 0:
        days = school_days(start, sum(SINGLE_EXCHANGE_DAYS), calendars)
        counts = list(SINGLE_EXCHANGE_DAYS)
    else:
        last = start + timedelta(days=request.weeks * 7 - 1)
        days = school_days_between(start, last, calendars)
        if len(days) < len(PHASES):  # a week of holidays: take the next school days
            days = school_days(start, len(PHASES), calendars)
        counts = _split(len(days), PHASE_SHARES)
    if len(days) < sum(counts):
        # No shared school day for a year (contradictory calendars): plan on plain days.
        days = [start + timedelta(days=k) for k in range(sum(counts))]
    slices, first = [], 0
    for count in counts:
        slices.append(days[first : first + count])
        first += count
    return slices


def _split(total: int, shares: Sequence[float]) -> list[int]:
    """total days split by cumulative shares, each part at least one day (total ≥ len)."""
    parts = len(shares)
    bounds, cumulative = [], 0.0
    for k, share in enumerate(shares):
        cumulative += share
        bound = round(total * cumulative) if k < parts - 1 else total
        low = (bounds[-1] if bounds else 0) + 1
        bounds.append(min(max(bound, low), total - (parts - 1 - k)))
    return [b - a for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]


def _due_days(activities: Sequence[TemplateActivity], days: Sequence[date]) -> list[date]:
    """Each activity's due date: the phase's day at the activity's cumulative share."""
    total = sum(activity.share for activity in activities)
    due, cumulative = [], 0
    for activity in activities:
        cumulative += activity.share
        index = math.ceil(cumulative * len(days) / total) - 1
        due.append(days[min(max(index, 0), len(days) - 1)])
    return due


def _build(request: PlanRequest, template: Template, reasons: list[Reason]) -> Plan:
    language = request.text_language
    texts = template.texts[language]
    live_mode = request.mode == "live"
    start = next_school_day(request.start, request.calendars, limit=SEARCH_DAYS)
    phases, milestones, sessions = [], [], []
    order = 0
    for phase, days in zip(PHASES, _phase_days(request, start), strict=True):
        activities = template.phase_activities(phase)
        planned = PlannedPhase(phase, days[0], days[-1])
        for activity, due in zip(activities, _due_days(activities, days), strict=True):
            order += 1
            text = activity.texts[language]
            live = activity.live and live_mode
            title, instructions = text.title, text.instructions
            if activity.live and not live_mode:
                title = text.async_title or title
                instructions = text.async_instructions or instructions
            planned.activities.append(
                PlannedActivity(
                    phase=phase,
                    order=order,
                    key=activity.key,
                    kind=activity.kind,
                    title=title,
                    description=text.description,
                    instructions=instructions,
                    evidence=text.evidence,
                    due=due,
                    live=live,
                )
            )
            if activity.milestone and text.milestone:
                milestones.append(PlannedMilestone(text.milestone, due, phase))
            if live:
                sessions.append(
                    PlannedSession(title, text.description, due, activity.minutes, phase)
                )
        phases.append(planned)
    # Phases follow each other without gaps: each runs until the day before the next starts.
    for current, following in pairwise(phases):
        current.ends = following.starts - timedelta(days=1)
    return Plan(
        template=template.key,
        reasons=reasons,
        approach=template.approach,
        project_type=template.project_type,
        title=texts.title,
        central_question=texts.central_question,
        summary=texts.summary,
        objectives=list(texts.objectives),
        final_product=template.final_products[0],
        phases=phases,
        milestones=milestones,
        sessions=sessions,
        reflection_prompts=list(texts.reflection_prompts),
        starts=phases[0].starts,
        ends=phases[-1].ends,
        weeks=request.weeks,
    )

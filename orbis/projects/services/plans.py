"""The plan's writes: creating a project from the assistant's plan, regenerating a phase, editing
and moving its dates; and the reads they share: the participating schools' calendars and the
planned dates that clash with them."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.utils.translation import gettext as _

from orbis.accounts.models import User
from orbis.classrooms.models import Classroom
from orbis.core.plans import calendar as school_calendar
from orbis.core.plans import generator
from orbis.core.plans.types import Plan, PlannedPhase, PlanRequest
from orbis.core.schooldays import SchoolCalendar
from orbis.schools.calendars import school_calendar as calendar_of_school
from orbis.schools.models import School

from ..models import Activity, Membership, Milestone, Project, SuggestedSession
from . import ProjectError

Role = Membership.Role


# The schools' calendars ----------------------------------------------------------------------


def _schools_of(project: Project) -> list[School]:
    """Every participating school with its terms, the owner's first, each school once."""
    seen, found = set(), []
    members = sorted(project.memberships.all(), key=lambda m: m.role != Role.OWNER)
    prefetch_related_objects(members, "classroom__teacher__school__terms")
    for membership in members:
        school = membership.classroom.teacher.school
        if school is not None and school.pk not in seen:
            seen.add(school.pk)
            found.append(school)
    return found


def calendars_of(project: Project) -> list[SchoolCalendar]:
    """The calendars of every participating school, the owner's first, each school once."""
    return [calendar_of_school(school) for school in _schools_of(project)]


def schools_without_terms(project: Project) -> list[School]:
    """The participating schools that have entered no term or break: the date check knows
    their weekends and public holidays, not their school breaks."""
    return [school for school in _schools_of(project) if not school.terms.all()]


def dated_items(project: Project) -> list[tuple[str, date]]:
    items = [(a.title, a.due_date) for a in project.activities.all()]
    items += [(m.title, m.due_date) for m in project.milestones.all()]
    items += [(s.title, s.on_date) for s in project.sessions.all()]
    return items


def clashes(project: Project, calendars: list[SchoolCalendar] | None = None):
    """Planned dates on which a participating school has no lessons."""
    if calendars is None:
        calendars = calendars_of(project)
    return school_calendar.clashes(dated_items(project), calendars)


# Creating from the assistant ----------------------------------------------------------------


def plan_request_from_answers(answers: dict, calendars) -> PlanRequest:
    return PlanRequest(
        age_min=answers["age_min"],
        age_max=answers["age_max"],
        subject=answers["subject"],
        competencies=tuple(answers["competencies"]),
        sdgs=tuple(answers["sdgs"]),
        weeks=answers["weeks"],
        mode=answers["mode"],
        languages=tuple(answers["languages"]),
        start=date.fromisoformat(answers["start"]),
        approach=answers.get("approach") or None,
        text_language=answers.get("text_language", "en"),
        calendars=tuple(calendars),
    )


def _store_phase(project: Project, phase: PlannedPhase, plan: Plan) -> None:
    Activity.objects.bulk_create(
        Activity(
            project=project,
            phase=phase.key,
            order=item.order,
            template_activity=item.key,
            kind=item.kind,
            title=item.title,
            description=item.description,
            instructions=item.instructions,
            evidence=item.evidence,
            due_date=item.due,
            live=item.live,
        )
        for item in phase.activities
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, phase=m.phase, title=m.title, due_date=m.due)
        for m in plan.milestones
        if m.phase == phase.key
    )
    SuggestedSession.objects.bulk_create(
        SuggestedSession(
            project=project,
            phase=s.phase,
            title=s.title,
            purpose=s.purpose,
            on_date=s.on,
            minutes=s.minutes,
        )
        for s in plan.sessions
        if s.phase == phase.key
    )


@transaction.atomic
def project_create_from_plan(
    *, owner: User, classroom: Classroom, answers: dict, plan: Plan, max_partners: int = 2
) -> Project:
    if classroom.teacher_id != owner.pk:
        raise ProjectError(_("You can only start projects with your own classrooms."))
    project = Project.objects.create(
        owner=owner,
        title=plan.title,
        central_question=plan.central_question,
        summary=plan.summary,
        approach=plan.approach,
        project_type=plan.project_type,
        sdgs=sorted(set(answers["sdgs"])),
        subjects=[answers["subject"]],
        competencies=list(answers["competencies"]),
        age_min=answers["age_min"],
        age_max=answers["age_max"],
        languages=list(answers["languages"]),
        start_date=plan.starts,
        end_date=plan.ends,
        duration_weeks=plan.weeks,
        live_sessions_planned=len(plan.sessions),
        max_partners=max_partners,
        final_product=plan.final_product,
        exchange_mode=answers["mode"],
        objectives=plan.objectives,
        reflection_prompts=plan.reflection_prompts,
        template_key=plan.template,
        template_reasons=[[r.kind, r.value] for r in plan.reasons],
        answers=answers,
        plan_language=answers.get("text_language", "en"),
    )
    Membership.objects.create(project=project, classroom=classroom, role=Role.OWNER)
    for phase in plan.phases:
        _store_phase(project, phase, plan)
    return project


@transaction.atomic
def regenerate_phase(project: Project, phase: str) -> None:
    """Replace one phase's activities, milestones and sessions with fresh ones from the
    template; the teacher's edits in the other phases stay as they are."""
    if not project.template_key or not project.answers:
        raise ProjectError(_("This plan was not made with the assistant: nothing to regenerate."))
    request = plan_request_from_answers(project.answers, calendars_of(project))
    try:
        plan = generator.generate_plan(request, template_key=project.template_key)
    except KeyError:
        raise ProjectError(
            _("The assistant's template for this project is no longer available.")
        ) from None
    except generator.PlanError as error:
        raise ProjectError(str(error)) from error
    chosen = next((p for p in plan.phases if p.key == phase), None)
    if chosen is None:
        raise ProjectError(_("Unknown phase."))
    project.activities.filter(phase=phase).delete()
    project.milestones.filter(phase=phase).delete()
    project.sessions.filter(phase=phase).delete()
    _store_phase(project, chosen, plan)
    refresh_dates(project)


def refresh_dates(project: Project) -> None:
    """Keep the project's end date (and start, if the plan now begins earlier) and its count
    of live sessions in step with the plan's items."""
    days = [d for _title, d in dated_items(project)]
    if days:
        project.start_date = min(min(days), project.start_date)
        project.end_date = max(max(days), project.start_date)
    else:
        project.end_date = project.start_date
    project.live_sessions_planned = project.sessions.count()
    project.save(update_fields=["start_date", "end_date", "live_sessions_planned", "updated_at"])


@transaction.atomic
def move_plan(project: Project, days: int) -> None:
    """Move every date of the plan by `days` (the start date changed), then onto days all
    participating schools are open."""
    delta = timedelta(days=days)
    if project.answers.get("start"):
        # A phase regenerated later must land in the moved plan, not where it first was.
        start = date.fromisoformat(project.answers["start"]) + delta
        project.answers = {**project.answers, "start": start.isoformat()}
        project.save(update_fields=["answers", "updated_at"])
    project.activities.update(due_date=F("due_date") + delta)
    project.milestones.update(due_date=F("due_date") + delta)
    project.sessions.update(on_date=F("on_date") + delta)
    shift_clashing_dates(project)
    refresh_dates(project)


@transaction.atomic
def shift_clashing_dates(project: Project) -> int:
    """Move every date that falls on a day without lessons (for any participating school) to
    the next day that suits all of them, keeping the plan's order. Returns how many moved."""
    rows = [
        *((row, "due_date") for row in project.activities.all()),
        *((row, "due_date") for row in project.milestones.all()),
        *((row, "on_date") for row in project.sessions.all()),
    ]
    days = [getattr(row, field) for row, field in rows]
    shifted = generator.shift_dates([("", day) for day in days], calendars_of(project))
    moved = 0
    for (row, field), day, new_day in zip(rows, days, shifted, strict=True):
        if new_day != day:
            setattr(row, field, new_day)
            row.save(update_fields=[field])
            moved += 1
    if moved:
        refresh_dates(project)
    return moved

"""Writes for projects: creating one from the assistant's plan, status changes, joining,
roles, editing the plan. Each runs in one transaction; notifications go out on commit."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.limits import email_refusal
from orbis.accounts.models import User
from orbis.classrooms.models import Classroom
from orbis.core.plans import calendar as school_calendar
from orbis.core.plans import generator
from orbis.core.plans.types import Plan, PlannedPhase, PlanRequest, SchoolCalendar
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.schools.models import School, SchoolTerm

from .models import Activity, JoinRequest, Membership, Milestone, Project, SuggestedSession

Status = Project.Status
Role = Membership.Role

# Which status may follow which: a project never skips a step back to draft once partners
# work from it, and an archived one stays archived.
TRANSITIONS = {
    Status.DRAFT: (Status.OPEN, Status.ARCHIVED),
    Status.OPEN: (Status.RUNNING, Status.DRAFT, Status.ARCHIVED),
    Status.RUNNING: (Status.COMPLETED,),
    Status.COMPLETED: (Status.ARCHIVED,),
    Status.ARCHIVED: (),
}


class ProjectError(Exception):
    """A change that can't be made; the message says why, for the teacher."""


# Reading -------------------------------------------------------------------------------------


def membership_of(project: Project, user) -> Membership | None:
    """The user's strongest membership in the project (owner > co-editor > partner)."""
    if not getattr(user, "is_authenticated", False):
        return None
    rank = {Role.OWNER: 0, Role.CO_EDITOR: 1, Role.MEMBER: 2}
    own = [m for m in project.memberships.all() if m.classroom.teacher_id == user.pk]
    return min(own, key=lambda m: rank[m.role], default=None)


def can_edit(project: Project, user) -> bool:
    membership = membership_of(project, user)
    return membership is not None and membership.role in (Role.OWNER, Role.CO_EDITOR)


def can_view(project: Project, user) -> bool:
    """Drafts only for their members; every other status for anyone holding the link."""
    return project.status != Status.DRAFT or membership_of(project, user) is not None


def partner_count(project: Project) -> int:
    # From the memberships read with the project (the project page), else one query; the
    # joining paths lock the project row and read it afresh, so they always count in the
    # database.
    if "memberships" in getattr(project, "_prefetched_objects_cache", {}):
        return sum(m.role != Role.OWNER for m in project.memberships.all())
    return project.memberships.exclude(role=Role.OWNER).count()


def school_calendar_of(school: School) -> SchoolCalendar:
    breaks = tuple(
        (term.starts_on, term.ends_on)
        for term in school.terms.all()
        if term.kind == SchoolTerm.Kind.BREAK
    )
    return SchoolCalendar(
        name=school.name,
        country=school.country.code,
        weekend_days=tuple(sorted(school.weekend_days)),
        breaks=breaks,
    )


def calendars_of(project: Project) -> list[SchoolCalendar]:
    """The calendars of every participating school, the owner's first, each school once."""
    seen, found = set(), []
    members = sorted(project.memberships.all(), key=lambda m: m.role != Role.OWNER)
    prefetch_related_objects(members, "classroom__teacher__school__terms")
    for membership in members:
        school = membership.classroom.teacher.school
        if school is not None and school.pk not in seen:
            seen.add(school.pk)
            found.append(school_calendar_of(school))
    return found


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


# Status -------------------------------------------------------------------------------------


def transition_refusal(project: Project, new_status: str) -> str | None:
    """Why the project can't move to new_status now, or None when it can."""
    current = Status(project.status)
    if new_status not in Status.values:
        return _("Unknown status.")
    new = Status(new_status)
    if new not in TRANSITIONS[current]:
        return _("A project that is “%(current)s” can't become “%(new)s”.") % {
            "current": current.label,
            "new": new.label,
        }
    if new == Status.OPEN and not project.activities.exists():
        return _("Add at least one activity to the plan before opening it to partners.")
    if new == Status.OPEN and project.end_date < timezone.localdate():
        return _("The plan's dates are all in the past: move the start date first.")
    if new == Status.RUNNING and partner_count(project) == 0:
        return _("A project runs with at least one partner class: wait for one to join.")
    if new == Status.DRAFT and partner_count(project) > 0:
        return _("Partner classes already work from this plan: it can't go back to draft.")
    return None


@transaction.atomic
def change_status(project: Project, new_status: str, *, by: User) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not can_edit(project, by):
        raise ProjectError(_("Only the project's owner and co-editors can change its status."))
    if new_status in (Status.DRAFT, Status.ARCHIVED) and project.owner_id != by.pk:
        raise ProjectError(_("Only the project's owner can archive it or take it back to draft."))
    refusal = transition_refusal(project, new_status)
    if refusal:
        raise ProjectError(refusal)
    project.status = new_status
    project.save(update_fields=["status", "updated_at"])
    return project


# Joining ------------------------------------------------------------------------------------


def _project_url(project: Project) -> str:
    return reverse("project_detail", args=[project.token])


def join_refusal(project: Project, classroom: Classroom) -> str | None:
    if project.status != Status.OPEN:
        return _("This project is not open for partners.")
    if classroom.teacher.school_id is None:
        return _("Add your school first: partner classes need a school.")
    if project.memberships.filter(classroom=classroom).exists():
        return _("This classroom already takes part in the project.")
    owner_school = project.owner.school
    if owner_school is not None and classroom.teacher.school.country == owner_school.country:
        return _("Projects connect classes in different countries: yours is in the same country.")
    if partner_count(project) >= project.max_partners:
        return _("This project already has all the partner classes it can take.")
    return None


@transaction.atomic
def join_request_create(
    *, teacher: User, project: Project, classroom: Classroom, message: str
) -> JoinRequest:
    if classroom.teacher_id != teacher.pk:
        raise ProjectError(_("You can only join with your own classrooms."))
    if project.owner_id == teacher.pk:
        raise ProjectError(_("This is your own project."))
    refusal = email_refusal(teacher) or join_refusal(project, classroom)
    if refusal:
        raise ProjectError(refusal)
    try:
        with transaction.atomic():
            join = JoinRequest.objects.create(project=project, classroom=classroom, message=message)
    except IntegrityError:
        raise ProjectError(_("You already asked to join with this classroom.")) from None
    notify(
        recipient=project.owner,
        kind=Notification.Kind.JOIN_REQUEST,
        params={
            "teacher": str(teacher),
            "country": teacher.school.country.code if teacher.school else "",
            "classroom": classroom.name,
            "project": project.title,
        },
        url=_project_url(project) + "#requests",
    )
    return join


def _answerable(join_id: int, user: User) -> JoinRequest:
    join = (
        JoinRequest.objects.select_for_update()
        .select_related("project", "classroom__teacher")
        .filter(pk=join_id)
        .first()
    )
    if join is None or not can_edit(join.project, user):
        raise ProjectError(_("This request doesn't exist or isn't yours to answer."))
    if join.status != JoinRequest.Status.PENDING:
        raise ProjectError(_("This request was already answered or withdrawn."))
    return join


@transaction.atomic
def join_request_accept(join_id: int, *, by: User) -> Membership:
    # Lock the project row first: two owners (or two tabs) accepting at the same moment are
    # serialised here, so the partner count below is always the current one.
    asked = JoinRequest.objects.filter(pk=join_id).values("project_id")
    list(Project.objects.select_for_update().filter(pk__in=asked))
    join = _answerable(join_id, by)
    project = join.project
    if project.status not in (Status.OPEN, Status.RUNNING):
        raise ProjectError(_("This project is not open for partners."))
    if partner_count(project) >= project.max_partners:
        raise ProjectError(
            _("The project already has %(count)d partner classes, its maximum.")
            % {"count": project.max_partners}
        )
    membership = Membership.objects.create(project=project, classroom=join.classroom)
    join.status = JoinRequest.Status.ACCEPTED
    join.answered_at = timezone.now()
    join.save(update_fields=["status", "answered_at"])
    newcomer = join.classroom.teacher
    clash_count = len(clashes(project))
    notify(
        recipient=newcomer,
        kind=Notification.Kind.JOIN_ACCEPTED,
        params={"teacher": str(by), "classroom": join.classroom.name, "project": project.title},
        url=_project_url(project),
    )
    if clash_count:
        for teacher in {m.classroom.teacher for m in project.memberships.all()} - {newcomer}:
            notify(
                recipient=teacher,
                kind=Notification.Kind.PLAN_CLASHES,
                params={"count": clash_count, "project": project.title},
                url=_project_url(project) + "#clashes",
            )
    return membership


@transaction.atomic
def join_request_decline(join_id: int, *, by: User) -> JoinRequest:
    join = _answerable(join_id, by)
    join.status = JoinRequest.Status.DECLINED
    join.answered_at = timezone.now()
    join.save(update_fields=["status", "answered_at"])
    notify(
        recipient=join.classroom.teacher,
        kind=Notification.Kind.JOIN_DECLINED,
        params={
            "teacher": str(by),
            "classroom": join.classroom.name,
            "project": join.project.title,
        },
        url=reverse("project_list"),
    )
    return join


@transaction.atomic
def join_request_withdraw(join_id: int, *, by: User) -> JoinRequest:
    join = JoinRequest.objects.select_for_update().filter(pk=join_id).first()
    if join is None or join.classroom.teacher_id != by.pk:
        raise ProjectError(_("This request doesn't exist or isn't yours."))
    if join.status != JoinRequest.Status.PENDING:
        raise ProjectError(_("This request was already answered or withdrawn."))
    join.status = JoinRequest.Status.WITHDRAWN
    join.answered_at = timezone.now()
    join.save(update_fields=["status", "answered_at"])
    return join


@transaction.atomic
def set_role(project: Project, membership_id: int, role: str, *, by: User) -> Membership:
    if project.owner_id != by.pk:
        raise ProjectError(_("Only the project's owner can change roles."))
    membership = project.memberships.filter(pk=membership_id).first()
    if membership is None or membership.role == Role.OWNER:
        raise ProjectError(_("This classroom is not a partner in the project."))
    if role not in (Role.CO_EDITOR, Role.MEMBER):
        raise ProjectError(_("Unknown role."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def leave(project: Project, membership_id: int, *, by: User) -> None:
    membership = project.memberships.filter(pk=membership_id).first()
    if membership is None or membership.classroom.teacher_id != by.pk:
        raise ProjectError(_("This classroom is not yours or not in the project."))
    if membership.role == Role.OWNER:
        raise ProjectError(
            _("The owner's classroom can't leave its own project: archive the project instead.")
        )
    membership.delete()
    notify(
        recipient=project.owner,
        kind=Notification.Kind.MEMBER_LEFT,
        params={
            "teacher": str(by),
            "classroom": membership.classroom.name,
            "project": project.title,
        },
        url=_project_url(project),
    )


def open_requests_for(project: Project):
    return project.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "classroom__teacher__school"
    )


def projects_of(user: User):
    # One subquery, the union of her projects and her classrooms' memberships: each side uses
    # its index. (A join needs DISTINCT, and "owner OR id IN (...)" makes PostgreSQL scan every
    # project.)
    owned = Project.objects.filter(owner=user).order_by().values("pk")
    theirs = Membership.objects.filter(classroom__teacher=user).order_by().values("project_id")
    return Project.objects.filter(pk__in=owned.union(theirs)).order_by("-updated_at")

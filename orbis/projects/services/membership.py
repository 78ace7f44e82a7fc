"""Joining a project, answering the requests, the member classes' roles and leaving."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.limits import email_refusal
from orbis.accounts.models import User
from orbis.classrooms.models import Classroom
from orbis.notifications.models import Notification
from orbis.notifications.services import notify

from ..access import teacher_viewer
from ..models import JoinRequest, Membership, Project
from . import ProjectError
from .plans import clashes

Status = Project.Status
Role = Membership.Role


def partner_count(project: Project) -> int:
    # From the memberships read with the project (the project page), else one query; the
    # joining paths lock the project row and read it afresh, so they always count in the
    # database.
    if "memberships" in getattr(project, "_prefetched_objects_cache", {}):
        return sum(m.role != Role.OWNER for m in project.memberships.all())
    return project.memberships.exclude(role=Role.OWNER).count()


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
    if join is None or not teacher_viewer(join.project, user).can_edit:
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

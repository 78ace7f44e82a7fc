"""A project's status: which may follow which, and the change itself."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.models import User

from ..access import teacher_viewer
from ..models import Project
from . import ProjectError
from .membership import partner_count

Status = Project.Status

# Which status may follow which: a project never skips a step back to draft once partners
# work from it, and an archived one stays archived.
TRANSITIONS = {
    Status.DRAFT: (Status.OPEN, Status.ARCHIVED),
    Status.OPEN: (Status.RUNNING, Status.DRAFT, Status.ARCHIVED),
    Status.RUNNING: (Status.COMPLETED,),
    Status.COMPLETED: (Status.ARCHIVED,),
    Status.ARCHIVED: (),
}


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
    if not teacher_viewer(project, by).can_edit:
        raise ProjectError(_("Only the project's owner and co-editors can change its status."))
    if new_status in (Status.DRAFT, Status.ARCHIVED) and project.owner_id != by.pk:
        raise ProjectError(_("Only the project's owner can archive it or take it back to draft."))
    refusal = transition_refusal(project, new_status)
    if refusal:
        raise ProjectError(refusal)
    project.status = new_status
    project.save(update_fields=["status", "updated_at"])
    return project

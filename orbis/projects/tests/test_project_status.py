"""A project's status at the service layer: which status may follow which, and who may change it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orbis.projects.models import Membership, Project
from orbis.projects.services import ProjectError
from orbis.projects.services.status import TRANSITIONS, change_status
from tests.builders import add_partner

pytestmark = pytest.mark.django_db

Status = Project.Status
Role = Membership.Role


def status_of(project) -> str:
    return Project.objects.values_list("status", flat=True).get(pk=project.pk)


# ---- status -------------------------------------------------------------------------------

ALLOWED = [
    (Status.DRAFT, Status.OPEN),
    (Status.DRAFT, Status.ARCHIVED),
    (Status.OPEN, Status.RUNNING),
    (Status.OPEN, Status.DRAFT),
    (Status.OPEN, Status.ARCHIVED),
    (Status.RUNNING, Status.COMPLETED),
    (Status.COMPLETED, Status.ARCHIVED),
]


def test_the_transition_table_is_the_one_tested():
    assert sorted((old, new) for old, targets in TRANSITIONS.items() for new in targets) == sorted(
        ALLOWED
    )


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_every_allowed_transition(make_project, teacher, delhi, old, new):
    project = make_project(status=old)
    if new == Status.RUNNING:
        add_partner(project, delhi)
    changed = change_status(project, new, by=teacher)
    assert changed.status == new
    assert status_of(project) == new


def test_every_other_transition_is_refused_and_says_which(draft, teacher, delhi):
    add_partner(draft, delhi)  # so only the table decides (running needs a partner)
    allowed = set(ALLOWED)
    for old in Status:
        for new in Status:
            if (old, new) in allowed:
                continue
            Project.objects.filter(pk=draft.pk).update(status=old)
            with pytest.raises(ProjectError) as refused:
                change_status(draft, new, by=teacher)
            assert str(refused.value) == (
                f"A project that is “{old.label}” can't become “{new.label}”."
            ), (old, new)
            assert status_of(draft) == old


def test_an_archived_project_stays_archived(make_project, teacher):
    project = make_project(status=Status.ARCHIVED)
    for new in Status:
        with pytest.raises(ProjectError, match="“Archived” can't become"):
            change_status(project, new, by=teacher)
    assert status_of(project) == Status.ARCHIVED
    assert TRANSITIONS[Status.ARCHIVED] == ()


def test_unknown_status_is_refused(draft, teacher):
    with pytest.raises(ProjectError, match="Unknown status"):
        change_status(draft, "deleted", by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_running_needs_a_partner(open_project, teacher):
    with pytest.raises(ProjectError, match="at least one partner class"):
        change_status(open_project, Status.RUNNING, by=teacher)
    assert status_of(open_project) == Status.OPEN


def test_back_to_draft_is_refused_once_partners_joined(open_project, teacher, delhi):
    add_partner(open_project, delhi)
    with pytest.raises(ProjectError, match="already work from this plan"):
        change_status(open_project, Status.DRAFT, by=teacher)
    assert status_of(open_project) == Status.OPEN


def test_opening_needs_an_activity(draft, teacher):
    draft.activities.all().delete()
    with pytest.raises(ProjectError, match="at least one activity"):
        change_status(draft, Status.OPEN, by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_opening_a_plan_that_is_over_is_refused(draft, teacher):
    past = timezone.localdate() - timedelta(days=30)
    Project.objects.filter(pk=draft.pk).update(start_date=past - timedelta(days=30), end_date=past)
    with pytest.raises(ProjectError, match="all in the past"):
        change_status(draft, Status.OPEN, by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_partner_cannot_change_the_status(open_project, partner_teacher, delhi):
    add_partner(open_project, delhi)
    with pytest.raises(ProjectError, match="Only the project's owner and co-editors"):
        change_status(open_project, Status.ARCHIVED, by=partner_teacher)
    assert status_of(open_project) == Status.OPEN


def test_co_editor_may_start_the_project_but_not_archive_it(open_project, partner_teacher, delhi):
    add_partner(open_project, delhi, role=Role.CO_EDITOR)
    with pytest.raises(ProjectError, match="Only the project's owner can archive"):
        change_status(open_project, Status.ARCHIVED, by=partner_teacher)
    change_status(open_project, Status.RUNNING, by=partner_teacher)
    assert status_of(open_project) == Status.RUNNING

"""Joining a project at the service layer: requests, their answers, the partner maximum under
concurrent accepts (PostgreSQL only), roles and leaving."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.projects.access import teacher_viewer
from orbis.projects.models import JoinRequest, Membership, Project
from orbis.projects.services import ProjectError
from orbis.projects.services import membership as joining_services
from orbis.projects.services.membership import (
    join_request_accept,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
    leave,
    partner_count,
    set_role,
)
from tests.builders import add_partner, build_project, foreign_classroom
from tests.factories import ClassroomFactory, TeacherFactory

pytestmark = pytest.mark.django_db

Status = Project.Status
Role = Membership.Role


# ---- joining ------------------------------------------------------------------------------


def join(project, classroom, message="Hello!"):
    return join_request_create(
        teacher=classroom.teacher, project=project, classroom=classroom, message=message
    )


def test_join_request_is_stored_and_the_owner_told(open_project, delhi, teacher):
    request = join(open_project, delhi, "Namaste from Delhi")
    assert (request.status, request.message) == (JoinRequest.Status.PENDING, "Namaste from Delhi")
    note = Notification.objects.get(recipient=teacher, kind=Notification.Kind.JOIN_REQUEST)
    assert note.params["classroom"] == "Class of Delhi"
    assert note.url == reverse("project_detail", args=[open_project.token]) + "#requests"


def test_cannot_join_own_project(open_project, teacher):
    second = ClassroomFactory(teacher=teacher, name="7th grade A")
    with pytest.raises(ProjectError, match="your own project"):
        join(open_project, second)
    assert not JoinRequest.objects.exists()


def test_cannot_join_from_the_same_country(open_project):
    cordoba = foreign_classroom("AR", "5to A Córdoba")
    with pytest.raises(ProjectError, match="different countries"):
        join(open_project, cordoba)
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.RUNNING, Status.COMPLETED, Status.ARCHIVED]
)
def test_cannot_join_a_project_that_is_not_open(make_project, delhi, status):
    project = make_project(status=status)
    with pytest.raises(ProjectError, match="not open for partners"):
        join(project, delhi)
    assert not JoinRequest.objects.exists()


def test_cannot_join_twice(open_project, delhi):
    add_partner(open_project, delhi)
    with pytest.raises(ProjectError, match="already takes part"):
        join(open_project, delhi)
    assert not JoinRequest.objects.exists()


def test_duplicate_pending_request_is_refused(open_project, delhi):
    join(open_project, delhi)
    with pytest.raises(ProjectError, match="already asked to join"):
        join(open_project, delhi)
    assert JoinRequest.objects.count() == 1
    # One notification for the one request.
    assert Notification.objects.filter(kind=Notification.Kind.JOIN_REQUEST).count() == 1


def test_a_new_request_after_a_withdrawn_one_is_fine(open_project, delhi, partner_teacher):
    first = join(open_project, delhi)
    join_request_withdraw(first.pk, by=partner_teacher)
    second = join(open_project, delhi)
    assert second.pk != first.pk and second.status == JoinRequest.Status.PENDING


def test_cannot_join_with_someone_elses_classroom(open_project, partner_teacher):
    nairobi = foreign_classroom("KE", "Nairobi 6")
    with pytest.raises(ProjectError, match="your own classrooms"):
        join_request_create(
            teacher=partner_teacher, project=open_project, classroom=nairobi, message=""
        )
    assert not JoinRequest.objects.exists()


def test_teacher_without_school_cannot_join(open_project):
    homeless = ClassroomFactory(teacher=TeacherFactory(school=None))
    with pytest.raises(ProjectError, match="Add your school first"):
        join(open_project, homeless)


def test_cannot_ask_to_join_a_full_project(make_project, delhi):
    project = make_project(status=Status.OPEN, max_partners=1)
    add_partner(project, foreign_classroom("KE", "Nairobi 6"))
    with pytest.raises(ProjectError, match="all the partner classes it can take"):
        join(project, delhi)
    assert not JoinRequest.objects.exists()


# ---- answering requests -----------------------------------------------------------------


def test_accept_makes_a_partner_and_tells_the_newcomer(join_request, teacher, partner_teacher):
    membership = join_request_accept(join_request.pk, by=teacher)
    assert (membership.classroom, membership.role) == (join_request.classroom, Role.MEMBER)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    assert join_request.answered_at is not None
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.JOIN_ACCEPTED
    ).exists()
    assert partner_count(join_request.project) == 1


def test_co_editor_may_accept(join_request, teacher):
    editor_room = foreign_classroom("KE", "Nairobi 6")
    add_partner(join_request.project, editor_room, role=Role.CO_EDITOR)
    join_request_accept(join_request.pk, by=editor_room.teacher)
    assert join_request.project.memberships.filter(classroom=join_request.classroom).exists()


@pytest.mark.parametrize("answer", ["join_request_accept", "join_request_decline"])
def test_only_editors_answer_requests(join_request, partner_teacher, outsider, answer):
    for stranger in (partner_teacher, outsider):
        with pytest.raises(ProjectError, match="isn't yours to answer"):
            getattr(joining_services, answer)(join_request.pk, by=stranger)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert partner_count(join_request.project) == 0


def test_a_request_is_answered_once(join_request, teacher):
    join_request_decline(join_request.pk, by=teacher)
    for answer in (join_request_accept, join_request_decline):
        with pytest.raises(ProjectError, match="already answered or withdrawn"):
            answer(join_request.pk, by=teacher)
    assert partner_count(join_request.project) == 0


def test_decline_tells_the_teacher_who_asked(join_request, teacher, partner_teacher):
    join_request_decline(join_request.pk, by=teacher)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert join_request.answered_at is not None
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.JOIN_DECLINED
    ).exists()
    assert partner_count(join_request.project) == 0


def test_withdraw_is_for_the_teacher_who_asked(join_request, teacher, partner_teacher):
    with pytest.raises(ProjectError, match="isn't yours"):
        join_request_withdraw(join_request.pk, by=teacher)
    join_request_withdraw(join_request.pk, by=partner_teacher)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.WITHDRAWN
    with pytest.raises(ProjectError, match="already answered or withdrawn"):
        join_request_accept(join_request.pk, by=teacher)
    with pytest.raises(ProjectError, match="already answered or withdrawn"):
        join_request_withdraw(join_request.pk, by=partner_teacher)


def test_accept_keeps_to_the_maximum(make_project, teacher, delhi):
    project = make_project(status=Status.OPEN, max_partners=1)
    pending = JoinRequest.objects.create(project=project, classroom=delhi)
    add_partner(project, foreign_classroom("KE", "Nairobi 6"))  # joined in the meantime
    with pytest.raises(ProjectError, match="already has 1 partner classes, its maximum"):
        join_request_accept(pending.pk, by=teacher)
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING
    assert partner_count(project) == 1


def test_accept_into_a_project_back_in_draft_is_refused(join_request, teacher):
    Project.objects.filter(pk=join_request.project_id).update(status=Status.DRAFT)
    with pytest.raises(ProjectError, match="not open for partners"):
        join_request_accept(join_request.pk, by=teacher)
    assert partner_count(join_request.project) == 0


def test_accept_into_a_running_project(join_request, teacher):
    add_partner(join_request.project, foreign_classroom("KE", "Nairobi 6"))
    Project.objects.filter(pk=join_request.project_id).update(status=Status.RUNNING)
    join_request_accept(join_request.pk, by=teacher)
    assert partner_count(join_request.project) == 2


@pytest.mark.django_db(transaction=True)
def test_maximum_holds_when_two_accepts_race(teacher, classroom, monkeypatch):
    """Two owners' tabs accept two requests at the same moment into a project that takes one
    partner: the project row is locked before the partners are counted, so exactly one wins."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers: SQLite serialises them (run with-postgres)")
    project = build_project(classroom, status=Status.OPEN, max_partners=1)
    requests = [
        JoinRequest.objects.create(project=project, classroom=foreign_classroom(country, name))
        for country, name in [("IN", "Class of Delhi"), ("KE", "Nairobi 6")]
    ]
    # Widen the window between counting the partners and adding one: without the lock, both
    # threads would count 0 partners and both would add theirs.
    count = partner_count

    def slow_count(project):
        found = count(project)
        threading.Event().wait(0.3)
        return found

    monkeypatch.setattr(joining_services, "partner_count", slow_count)
    barrier = threading.Barrier(len(requests))
    outcomes: dict[int, object] = {}

    def accept(join_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            join_request_accept(join_id, by=teacher)
            outcomes[join_id] = "accepted"
        except Exception as error:  # kept for the assertions below
            outcomes[join_id] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(r.pk,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)

    results = list(outcomes.values())
    assert results.count("accepted") == 1, results
    refused = [result for result in results if result != "accepted"]
    assert len(refused) == 1 and isinstance(refused[0], ProjectError), refused
    assert "its maximum" in str(refused[0])
    assert Membership.objects.filter(project=project, role=Role.MEMBER).count() == 1
    statuses = sorted(JoinRequest.objects.values_list("status", flat=True))
    assert statuses == [JoinRequest.Status.ACCEPTED, JoinRequest.Status.PENDING]


# ---- roles and leaving ----------------------------------------------------------------------


def test_owner_makes_a_partner_co_editor_and_back(open_project, teacher, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    assert not teacher_viewer(open_project, partner_teacher).can_edit
    set_role(open_project, membership.pk, Role.CO_EDITOR, by=teacher)
    assert teacher_viewer(open_project, partner_teacher).can_edit
    set_role(open_project, membership.pk, Role.MEMBER, by=teacher)
    assert not teacher_viewer(open_project, partner_teacher).can_edit


def test_only_the_owner_sets_roles(open_project, partner_teacher, delhi):
    co_editor = add_partner(open_project, delhi, role=Role.CO_EDITOR)
    other = add_partner(open_project, foreign_classroom("KE", "Nairobi 6"))
    with pytest.raises(ProjectError, match="Only the project's owner can change roles"):
        set_role(open_project, other.pk, Role.CO_EDITOR, by=partner_teacher)
    assert Membership.objects.get(pk=other.pk).role == Role.MEMBER
    assert Membership.objects.get(pk=co_editor.pk).role == Role.CO_EDITOR


def test_set_role_refuses_the_owner_unknown_roles_and_foreign_memberships(
    open_project, make_project, teacher, delhi
):
    owner_membership = open_project.memberships.get(role=Role.OWNER)
    with pytest.raises(ProjectError, match="not a partner"):
        set_role(open_project, owner_membership.pk, Role.MEMBER, by=teacher)
    partner = add_partner(open_project, delhi)
    for role in (Role.OWNER, "admin"):
        with pytest.raises(ProjectError, match="Unknown role"):
            set_role(open_project, partner.pk, role, by=teacher)
    elsewhere = add_partner(make_project(), foreign_classroom("KE", "Nairobi 6"))
    with pytest.raises(ProjectError, match="not a partner"):
        set_role(open_project, elsewhere.pk, Role.CO_EDITOR, by=teacher)
    assert Membership.objects.get(pk=owner_membership.pk).role == Role.OWNER
    assert Membership.objects.get(pk=partner.pk).role == Role.MEMBER
    assert Membership.objects.get(pk=elsewhere.pk).role == Role.MEMBER


def test_a_partner_leaves_and_the_owner_is_told(open_project, teacher, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    leave(open_project, membership.pk, by=partner_teacher)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Notification.objects.filter(
        recipient=teacher, kind=Notification.Kind.MEMBER_LEFT
    ).exists()


def test_the_owner_cannot_leave(open_project, teacher):
    owner_membership = open_project.memberships.get(role=Role.OWNER)
    with pytest.raises(ProjectError, match="can't leave its own project"):
        leave(open_project, owner_membership.pk, by=teacher)
    assert Membership.objects.filter(pk=owner_membership.pk).exists()


def test_nobody_removes_another_class(open_project, teacher, outsider, delhi):
    membership = add_partner(open_project, delhi)
    for someone in (teacher, outsider):
        with pytest.raises(ProjectError, match="not yours"):
            leave(open_project, membership.pk, by=someone)
    assert Membership.objects.filter(pk=membership.pk).exists()

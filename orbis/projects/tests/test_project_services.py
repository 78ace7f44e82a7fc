"""The rules of projects, at the service layer: status changes, joining, roles, leaving,
regenerating a phase, moving dates onto school days; and the partner maximum under
concurrent accepts (PostgreSQL only)."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from orbis.core.plans import calendar as school_calendar
from orbis.notifications.models import Notification
from orbis.projects import services
from orbis.projects.models import Activity, JoinRequest, Membership, Milestone, Project
from orbis.projects.services import ProjectError
from tests.factories import ClassroomFactory, SchoolTermFactory, TeacherFactory

from .conftest import add_partner, build_project, foreign_classroom

pytestmark = pytest.mark.django_db

Status = Project.Status
Role = Membership.Role


def status_of(project) -> str:
    return Project.objects.values_list("status", flat=True).get(pk=project.pk)


def a_friday_activity(project) -> Activity:
    """An activity due on a Friday that is a school day for the schools taking part now."""
    activity = project.activities.filter(due_date__week_day=6).first()  # Sunday is 1
    if activity is None:
        activity = project.activities.first()
        calendars = services.calendars_of(project)
        day = activity.due_date
        while day.weekday() != 4 or not school_calendar.is_school_day(day, calendars):
            day += timedelta(days=1)
        activity.due_date = day
        activity.save()
        services.refresh_dates(project)
    return activity


def move(project, days: int) -> None:
    """What the edit form does when the start date changes: save the dates, move the plan."""
    project.start_date += timedelta(days=days)
    project.end_date += timedelta(days=days)
    project.save()
    services.move_plan(project, days)


def plan_dates(project) -> list[date]:
    return sorted(
        [
            *project.activities.values_list("due_date", flat=True),
            *project.milestones.values_list("due_date", flat=True),
            *project.sessions.values_list("on_date", flat=True),
        ]
    )


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
    assert sorted(
        (old, new) for old, targets in services.TRANSITIONS.items() for new in targets
    ) == sorted(ALLOWED)


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_every_allowed_transition(make_project, teacher, delhi, old, new):
    project = make_project(status=old)
    if new == Status.RUNNING:
        add_partner(project, delhi)
    changed = services.change_status(project, new, by=teacher)
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
                services.change_status(draft, new, by=teacher)
            assert str(refused.value) == (
                f"A project that is “{old.label}” can't become “{new.label}”."
            ), (old, new)
            assert status_of(draft) == old


def test_an_archived_project_stays_archived(make_project, teacher):
    project = make_project(status=Status.ARCHIVED)
    for new in Status:
        with pytest.raises(ProjectError, match="“Archived” can't become"):
            services.change_status(project, new, by=teacher)
    assert status_of(project) == Status.ARCHIVED
    assert services.TRANSITIONS[Status.ARCHIVED] == ()


def test_unknown_status_is_refused(draft, teacher):
    with pytest.raises(ProjectError, match="Unknown status"):
        services.change_status(draft, "deleted", by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_running_needs_a_partner(open_project, teacher):
    with pytest.raises(ProjectError, match="at least one partner class"):
        services.change_status(open_project, Status.RUNNING, by=teacher)
    assert status_of(open_project) == Status.OPEN


def test_back_to_draft_is_refused_once_partners_joined(open_project, teacher, delhi):
    add_partner(open_project, delhi)
    with pytest.raises(ProjectError, match="already work from this plan"):
        services.change_status(open_project, Status.DRAFT, by=teacher)
    assert status_of(open_project) == Status.OPEN


def test_opening_needs_an_activity(draft, teacher):
    draft.activities.all().delete()
    with pytest.raises(ProjectError, match="at least one activity"):
        services.change_status(draft, Status.OPEN, by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_opening_a_plan_that_is_over_is_refused(draft, teacher):
    past = timezone.localdate() - timedelta(days=30)
    Project.objects.filter(pk=draft.pk).update(start_date=past - timedelta(days=30), end_date=past)
    with pytest.raises(ProjectError, match="all in the past"):
        services.change_status(draft, Status.OPEN, by=teacher)
    assert status_of(draft) == Status.DRAFT


def test_partner_cannot_change_the_status(open_project, partner_teacher, delhi):
    add_partner(open_project, delhi)
    with pytest.raises(ProjectError, match="Only the project's owner and co-editors"):
        services.change_status(open_project, Status.ARCHIVED, by=partner_teacher)
    assert status_of(open_project) == Status.OPEN


def test_co_editor_may_start_the_project_but_not_archive_it(open_project, partner_teacher, delhi):
    add_partner(open_project, delhi, role=Role.CO_EDITOR)
    with pytest.raises(ProjectError, match="Only the project's owner can archive"):
        services.change_status(open_project, Status.ARCHIVED, by=partner_teacher)
    services.change_status(open_project, Status.RUNNING, by=partner_teacher)
    assert status_of(open_project) == Status.RUNNING


# ---- joining ------------------------------------------------------------------------------


def join(project, classroom, message="Hello!"):
    return services.join_request_create(
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
    services.join_request_withdraw(first.pk, by=partner_teacher)
    second = join(open_project, delhi)
    assert second.pk != first.pk and second.status == JoinRequest.Status.PENDING


def test_cannot_join_with_someone_elses_classroom(open_project, partner_teacher):
    nairobi = foreign_classroom("KE", "Nairobi 6")
    with pytest.raises(ProjectError, match="your own classrooms"):
        services.join_request_create(
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
    membership = services.join_request_accept(join_request.pk, by=teacher)
    assert (membership.classroom, membership.role) == (join_request.classroom, Role.MEMBER)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    assert join_request.answered_at is not None
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.JOIN_ACCEPTED
    ).exists()
    assert services.partner_count(join_request.project) == 1


def test_co_editor_may_accept(join_request, teacher):
    editor_room = foreign_classroom("KE", "Nairobi 6")
    add_partner(join_request.project, editor_room, role=Role.CO_EDITOR)
    services.join_request_accept(join_request.pk, by=editor_room.teacher)
    assert join_request.project.memberships.filter(classroom=join_request.classroom).exists()


@pytest.mark.parametrize("answer", ["join_request_accept", "join_request_decline"])
def test_only_editors_answer_requests(join_request, partner_teacher, outsider, answer):
    for stranger in (partner_teacher, outsider):
        with pytest.raises(ProjectError, match="isn't yours to answer"):
            getattr(services, answer)(join_request.pk, by=stranger)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert services.partner_count(join_request.project) == 0


def test_a_request_is_answered_once(join_request, teacher):
    services.join_request_decline(join_request.pk, by=teacher)
    for answer in (services.join_request_accept, services.join_request_decline):
        with pytest.raises(ProjectError, match="already answered or withdrawn"):
            answer(join_request.pk, by=teacher)
    assert services.partner_count(join_request.project) == 0


def test_decline_tells_the_teacher_who_asked(join_request, teacher, partner_teacher):
    services.join_request_decline(join_request.pk, by=teacher)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert join_request.answered_at is not None
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.JOIN_DECLINED
    ).exists()
    assert services.partner_count(join_request.project) == 0


def test_withdraw_is_for_the_teacher_who_asked(join_request, teacher, partner_teacher):
    with pytest.raises(ProjectError, match="isn't yours"):
        services.join_request_withdraw(join_request.pk, by=teacher)
    services.join_request_withdraw(join_request.pk, by=partner_teacher)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.WITHDRAWN
    with pytest.raises(ProjectError, match="already answered or withdrawn"):
        services.join_request_accept(join_request.pk, by=teacher)
    with pytest.raises(ProjectError, match="already answered or withdrawn"):
        services.join_request_withdraw(join_request.pk, by=partner_teacher)


def test_accept_keeps_to_the_maximum(make_project, teacher, delhi):
    project = make_project(status=Status.OPEN, max_partners=1)
    pending = JoinRequest.objects.create(project=project, classroom=delhi)
    add_partner(project, foreign_classroom("KE", "Nairobi 6"))  # joined in the meantime
    with pytest.raises(ProjectError, match="already has 1 partner classes, its maximum"):
        services.join_request_accept(pending.pk, by=teacher)
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING
    assert services.partner_count(project) == 1


def test_accept_into_a_project_back_in_draft_is_refused(join_request, teacher):
    Project.objects.filter(pk=join_request.project_id).update(status=Status.DRAFT)
    with pytest.raises(ProjectError, match="not open for partners"):
        services.join_request_accept(join_request.pk, by=teacher)
    assert services.partner_count(join_request.project) == 0


def test_accept_into_a_running_project(join_request, teacher):
    add_partner(join_request.project, foreign_classroom("KE", "Nairobi 6"))
    Project.objects.filter(pk=join_request.project_id).update(status=Status.RUNNING)
    services.join_request_accept(join_request.pk, by=teacher)
    assert services.partner_count(join_request.project) == 2


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
    count = services.partner_count

    def slow_count(project):
        found = count(project)
        threading.Event().wait(0.3)
        return found

    monkeypatch.setattr(services, "partner_count", slow_count)
    barrier = threading.Barrier(len(requests))
    outcomes: dict[int, object] = {}

    def accept(join_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.join_request_accept(join_id, by=teacher)
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
    assert not services.can_edit(open_project, partner_teacher)
    services.set_role(open_project, membership.pk, Role.CO_EDITOR, by=teacher)
    assert services.can_edit(open_project, partner_teacher)
    services.set_role(open_project, membership.pk, Role.MEMBER, by=teacher)
    assert not services.can_edit(open_project, partner_teacher)


def test_only_the_owner_sets_roles(open_project, partner_teacher, delhi):
    co_editor = add_partner(open_project, delhi, role=Role.CO_EDITOR)
    other = add_partner(open_project, foreign_classroom("KE", "Nairobi 6"))
    with pytest.raises(ProjectError, match="Only the project's owner can change roles"):
        services.set_role(open_project, other.pk, Role.CO_EDITOR, by=partner_teacher)
    assert Membership.objects.get(pk=other.pk).role == Role.MEMBER
    assert Membership.objects.get(pk=co_editor.pk).role == Role.CO_EDITOR


def test_set_role_refuses_the_owner_unknown_roles_and_foreign_memberships(
    open_project, make_project, teacher, delhi
):
    owner_membership = open_project.memberships.get(role=Role.OWNER)
    with pytest.raises(ProjectError, match="not a partner"):
        services.set_role(open_project, owner_membership.pk, Role.MEMBER, by=teacher)
    partner = add_partner(open_project, delhi)
    for role in (Role.OWNER, "admin"):
        with pytest.raises(ProjectError, match="Unknown role"):
            services.set_role(open_project, partner.pk, role, by=teacher)
    elsewhere = add_partner(make_project(), foreign_classroom("KE", "Nairobi 6"))
    with pytest.raises(ProjectError, match="not a partner"):
        services.set_role(open_project, elsewhere.pk, Role.CO_EDITOR, by=teacher)
    assert Membership.objects.get(pk=owner_membership.pk).role == Role.OWNER
    assert Membership.objects.get(pk=partner.pk).role == Role.MEMBER
    assert Membership.objects.get(pk=elsewhere.pk).role == Role.MEMBER


def test_a_partner_leaves_and_the_owner_is_told(open_project, teacher, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    services.leave(open_project, membership.pk, by=partner_teacher)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Notification.objects.filter(
        recipient=teacher, kind=Notification.Kind.MEMBER_LEFT
    ).exists()


def test_the_owner_cannot_leave(open_project, teacher):
    owner_membership = open_project.memberships.get(role=Role.OWNER)
    with pytest.raises(ProjectError, match="can't leave its own project"):
        services.leave(open_project, owner_membership.pk, by=teacher)
    assert Membership.objects.filter(pk=owner_membership.pk).exists()


def test_nobody_removes_another_class(open_project, teacher, outsider, delhi):
    membership = add_partner(open_project, delhi)
    for someone in (teacher, outsider):
        with pytest.raises(ProjectError, match="not yours"):
            services.leave(open_project, membership.pk, by=someone)
    assert Membership.objects.filter(pk=membership.pk).exists()


# ---- regenerating a phase ---------------------------------------------------------------------


def test_regenerate_replaces_only_that_phase(draft):
    definition = draft.activities.filter(phase="definition").first()
    definition.title, definition.edited = "Our own icebreaker", True
    definition.save()
    hand_made = Milestone.objects.create(
        project=draft, phase="reflection", title="Letters sent", due_date=draft.end_date
    )
    execution = list(draft.activities.filter(phase="execution").values_list("pk", "title"))
    draft.activities.filter(phase="execution").update(title="Changed", edited=True)
    others = set(draft.activities.exclude(phase="execution").values_list("pk", "title"))

    services.regenerate_phase(draft, "execution")

    fresh = list(draft.activities.filter(phase="execution").values_list("pk", "title"))
    assert [title for _pk, title in fresh] == [title for _pk, title in execution]
    assert not {pk for pk, _title in fresh} & {pk for pk, _title in execution}
    assert not draft.activities.filter(phase="execution", edited=True).exists()
    assert set(draft.activities.exclude(phase="execution").values_list("pk", "title")) == others
    assert Activity.objects.get(pk=definition.pk).title == "Our own icebreaker"
    assert Milestone.objects.filter(pk=hand_made.pk).exists()


def test_regenerate_after_the_plan_moved_keeps_the_new_dates(draft):
    """A phase regenerated after the start date moved lands in the moved plan, not where the
    assistant first put it."""
    before = list(draft.activities.filter(phase="execution").values_list("due_date", flat=True))
    move(draft, 28)
    moved = list(draft.activities.filter(phase="execution").values_list("due_date", flat=True))
    services.regenerate_phase(draft, "execution")
    fresh = list(draft.activities.filter(phase="execution").values_list("due_date", flat=True))
    assert min(fresh) > max(before)
    assert abs((min(fresh) - min(moved)).days) <= 7  # holidays may split the days otherwise
    definition = draft.activities.filter(phase="definition").values_list("due_date", flat=True)
    assert min(fresh) >= max(definition)


def test_regenerate_refuses_unknown_phases_and_hand_made_plans(draft):
    before = plan_dates(draft)
    with pytest.raises(ProjectError, match="Unknown phase"):
        services.regenerate_phase(draft, "celebration")
    Project.objects.filter(pk=draft.pk).update(template_key="no-longer-there")
    draft.refresh_from_db()
    with pytest.raises(ProjectError, match="no longer available"):
        services.regenerate_phase(draft, "execution")
    Project.objects.filter(pk=draft.pk).update(template_key="", answers={})
    draft.refresh_from_db()
    with pytest.raises(ProjectError, match="not made with the assistant"):
        services.regenerate_phase(draft, "execution")
    assert plan_dates(draft) == before


# ---- dates and school calendars ---------------------------------------------------------


def test_shift_moves_fridays_when_a_partner_school_has_a_friday_weekend(open_project, teacher):
    cairo = foreign_classroom("EG", "Cairo 6", weekend_days=[4, 5], time_zone="Africa/Cairo")
    a_friday_activity(open_project)
    add_partner(open_project, cairo)
    fridays = [day for day in plan_dates(open_project) if day.weekday() == 4]
    assert services.clashes(open_project)

    moved = services.shift_clashing_dates(open_project)

    assert moved >= len(fridays)
    assert services.clashes(open_project) == []
    calendars = services.calendars_of(open_project)
    assert all(school_calendar.is_school_day(day, calendars) for day in plan_dates(open_project))
    assert not [day for day in plan_dates(open_project) if day.weekday() in (4, 5, 6)]
    open_project.refresh_from_db()
    assert open_project.end_date == max(plan_dates(open_project))


def test_shift_keeps_the_order_of_the_plan(open_project):
    cairo = foreign_classroom("EG", "Cairo 6", weekend_days=[4, 5], time_zone="Africa/Cairo")
    add_partner(open_project, cairo)
    order = list(open_project.activities.order_by("order").values_list("pk", flat=True))
    services.shift_clashing_dates(open_project)
    dates = dict(open_project.activities.values_list("pk", "due_date"))
    assert [dates[pk] for pk in order] == sorted(dates[pk] for pk in order)


def test_shift_moves_dates_out_of_a_long_school_break(open_project, teacher):
    """A summer break of three months: the dates inside it go to the first day after it."""
    dates = plan_dates(open_project)
    first, last = dates[len(dates) // 2], dates[-1] + timedelta(days=90)
    SchoolTermFactory(
        school=teacher.school, name="Summer", kind="break", starts_on=first, ends_on=last
    )
    inside = [day for day in dates if first <= day <= last]

    moved = services.shift_clashing_dates(open_project)

    assert moved == len(inside)
    assert services.clashes(open_project) == []
    assert all(day > last for day in plan_dates(open_project) if day >= first)


def test_shift_without_clashes_moves_nothing(open_project):
    before = plan_dates(open_project)
    assert services.shift_clashing_dates(open_project) == 0
    assert plan_dates(open_project) == before


def test_move_plan_moves_every_date(draft):
    before = plan_dates(draft)
    move(draft, 7)  # a whole week: weekdays stay weekdays
    after = plan_dates(draft)
    calendars = services.calendars_of(draft)
    assert all(school_calendar.is_school_day(day, calendars) for day in after)
    assert all(new >= old + timedelta(days=7) for old, new in zip(before, after, strict=True))
    draft.refresh_from_db()
    assert (draft.start_date, draft.end_date) == (min(after), max(after))


def test_clashes_are_listed_on_the_project_page_after_a_partner_joins(
    open_project, teacher_client, teacher
):
    cairo = foreign_classroom("EG", "Cairo 6", weekend_days=[4, 5], time_zone="Africa/Cairo")
    friday = a_friday_activity(open_project).due_date
    page = teacher_client.get(reverse("project_detail", args=[open_project.token]))
    assert page.context["clashes"] == []

    request = JoinRequest.objects.create(project=open_project, classroom=cairo)
    services.join_request_accept(request.pk, by=teacher)

    page = teacher_client.get(reverse("project_detail", args=[open_project.token]))
    clashes = page.context["clashes"]
    assert any(c["on"] == friday and c["school"] == "School in EG" for c in clashes)
    assert {c["reason_text"] for c in clashes if c["on"].weekday() == 4} == {"weekend"}
    assert "Move these dates to the suggested days" in page.text
    assert Notification.objects.filter(
        recipient=teacher, kind=Notification.Kind.PLAN_CLASHES
    ).exists()


def test_calendars_of_lists_each_school_once_owner_first(open_project, teacher, partner_teacher):
    add_partner(open_project, ClassroomFactory(teacher=partner_teacher, name="Delhi A"))
    add_partner(open_project, ClassroomFactory(teacher=partner_teacher, name="Delhi B"))
    names = [calendar.name for calendar in services.calendars_of(open_project)]
    assert names == ["Escuela Rosario", "Delhi Public School"]

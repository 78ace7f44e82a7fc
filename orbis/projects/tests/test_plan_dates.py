"""The plan's dates at the service layer: regenerating a phase, moving the plan, moving dates
onto days every participating school is open, and the clashes listed on the project page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from orbis.core import schooldays
from orbis.notifications.models import Notification
from orbis.projects.models import Activity, JoinRequest, Membership, Milestone, Project
from orbis.projects.services import ProjectError
from orbis.projects.services.membership import join_request_accept
from orbis.projects.services.plans import (
    calendars_of,
    clashes,
    move_plan,
    refresh_dates,
    regenerate_phase,
    shift_clashing_dates,
)
from tests.builders import add_partner, foreign_classroom
from tests.factories import ClassroomFactory, SchoolTermFactory

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
        calendars = calendars_of(project)
        day = activity.due_date
        while day.weekday() != 4 or not schooldays.is_school_day(day, calendars):
            day += timedelta(days=1)
        activity.due_date = day
        activity.save()
        refresh_dates(project)
    return activity


def move(project, days: int) -> None:
    """What the edit form does when the start date changes: save the dates, move the plan."""
    project.start_date += timedelta(days=days)
    project.end_date += timedelta(days=days)
    project.save()
    move_plan(project, days)


def plan_dates(project) -> list[date]:
    return sorted(
        [
            *project.activities.values_list("due_date", flat=True),
            *project.milestones.values_list("due_date", flat=True),
            *project.sessions.values_list("on_date", flat=True),
        ]
    )


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

    regenerate_phase(draft, "execution")

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
    regenerate_phase(draft, "execution")
    fresh = list(draft.activities.filter(phase="execution").values_list("due_date", flat=True))
    assert min(fresh) > max(before)
    assert abs((min(fresh) - min(moved)).days) <= 7  # holidays may split the days otherwise
    definition = draft.activities.filter(phase="definition").values_list("due_date", flat=True)
    assert min(fresh) >= max(definition)


def test_regenerate_refuses_unknown_phases_and_hand_made_plans(draft):
    before = plan_dates(draft)
    with pytest.raises(ProjectError, match="Unknown phase"):
        regenerate_phase(draft, "celebration")
    Project.objects.filter(pk=draft.pk).update(template_key="no-longer-there")
    draft.refresh_from_db()
    with pytest.raises(ProjectError, match="no longer available"):
        regenerate_phase(draft, "execution")
    Project.objects.filter(pk=draft.pk).update(template_key="", answers={})
    draft.refresh_from_db()
    with pytest.raises(ProjectError, match="not made with the assistant"):
        regenerate_phase(draft, "execution")
    assert plan_dates(draft) == before


# ---- dates and school calendars ---------------------------------------------------------


def test_shift_moves_fridays_when_a_partner_school_has_a_friday_weekend(open_project, teacher):
    cairo = foreign_classroom("EG", "Cairo 6", weekend_days=[4, 5], time_zone="Africa/Cairo")
    a_friday_activity(open_project)
    add_partner(open_project, cairo)
    fridays = [day for day in plan_dates(open_project) if day.weekday() == 4]
    assert clashes(open_project)

    moved = shift_clashing_dates(open_project)

    assert moved >= len(fridays)
    assert clashes(open_project) == []
    calendars = calendars_of(open_project)
    assert all(schooldays.is_school_day(day, calendars) for day in plan_dates(open_project))
    assert not [day for day in plan_dates(open_project) if day.weekday() in (4, 5, 6)]
    open_project.refresh_from_db()
    assert open_project.end_date == max(plan_dates(open_project))


def test_shift_keeps_the_order_of_the_plan(open_project):
    cairo = foreign_classroom("EG", "Cairo 6", weekend_days=[4, 5], time_zone="Africa/Cairo")
    add_partner(open_project, cairo)
    order = list(open_project.activities.order_by("order").values_list("pk", flat=True))
    shift_clashing_dates(open_project)
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

    moved = shift_clashing_dates(open_project)

    assert moved == len(inside)
    assert clashes(open_project) == []
    assert all(day > last for day in plan_dates(open_project) if day >= first)


def test_shift_without_clashes_moves_nothing(open_project):
    before = plan_dates(open_project)
    assert shift_clashing_dates(open_project) == 0
    assert plan_dates(open_project) == before


def test_move_plan_moves_every_date(draft):
    before = plan_dates(draft)
    move(draft, 7)  # a whole week: weekdays stay weekdays
    after = plan_dates(draft)
    calendars = calendars_of(draft)
    assert all(schooldays.is_school_day(day, calendars) for day in after)
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
    join_request_accept(request.pk, by=teacher)

    page = teacher_client.get(reverse("project_detail", args=[open_project.token]))
    listed = page.context["clashes"]
    assert any(c["on"] == friday and c["school"] == "School in EG" for c in listed)
    assert {c["reason_text"] for c in listed if c["on"].weekday() == 4} == {"weekend"}
    assert "Move these dates to the suggested days" in page.text
    assert Notification.objects.filter(
        recipient=teacher, kind=Notification.Kind.PLAN_CLASHES
    ).exists()


def test_calendars_of_lists_each_school_once_owner_first(open_project, teacher, partner_teacher):
    add_partner(open_project, ClassroomFactory(teacher=partner_teacher, name="Delhi A"))
    add_partner(open_project, ClassroomFactory(teacher=partner_teacher, name="Delhi B"))
    names = [calendar.name for calendar in calendars_of(open_project)]
    assert names == ["Escuela Rosario", "Delhi Public School"]


def test_unknown_school_terms_are_said_and_their_teacher_offered_to_add_them(
    open_project, teacher, partner_teacher, login_client
):
    """The holidays package knows public holidays, not school breaks: without a school's terms
    the page must not say every date is a school day."""
    add_partner(open_project, ClassroomFactory(teacher=partner_teacher, name="Delhi A"))
    url = reverse("project_detail", args=[open_project.token])
    add_terms = f'href="{reverse("school_detail")}#terms"'

    page = login_client(teacher).get(url)
    assert [school.name for school in page.context["unknown_terms"]] == [
        "Escuela Rosario",
        "Delhi Public School",
    ]
    assert "The terms and breaks of Escuela Rosario, Delhi Public School are not" in page.text
    assert add_terms in page.text
    assert "Every date of the plan is a school day" not in page.text

    SchoolTermFactory(school=teacher.school, kind="term")
    page = login_client(teacher).get(url)  # her school's terms known, her partner's not
    assert "The terms and breaks of Delhi Public School are not on Orbis yet" in page.text
    assert add_terms not in page.text  # the partner's page is not hers to edit
    assert "Every date of the plan is a school day" not in page.text
    assert add_terms in login_client(partner_teacher).get(url).text

    SchoolTermFactory(school=partner_teacher.school, kind="term")
    page = login_client(teacher).get(url)
    assert page.context["unknown_terms"] == [] and "not on Orbis yet" not in page.text

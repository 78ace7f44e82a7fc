"""Editing a project from its pages: the details form, moving the plan, roles from the page, the
plan's items, marking an activity done, regenerating a phase, and the calendar file."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from orbis.projects.models import Activity, Membership, Milestone, Project, SuggestedSession
from tests.builders import add_partner
from tests.factories import ClassroomFactory, TeacherFactory

from .pages import follow_messages, shows

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# ---- the edit form ------------------------------------------------------------------------


def edit_data(project, **overrides) -> dict:
    data = {
        "title": project.title,
        "central_question": project.central_question,
        "summary": project.summary,
        "approach": project.approach,
        "project_type": project.project_type,
        "final_product": project.final_product,
        "sdgs": [str(sdg) for sdg in project.sdgs],
        "subjects": project.subjects,
        "competencies": project.competencies,
        "age_min": project.age_min,
        "age_max": project.age_max,
        "languages": project.languages,
        "start_date": project.start_date.isoformat(),
        "duration_weeks": project.duration_weeks,
        "exchange_mode": project.exchange_mode,
        "live_sessions_planned": project.live_sessions_planned,
        "max_partners": project.max_partners,
        "visibility": project.visibility,
        "objectives_text": "\n".join(project.objectives),
        "prompts_text": "\n".join(project.reflection_prompts),
    }
    data.update(overrides)
    return data


def snapshot(project) -> tuple:
    project = Project.objects.get(pk=project.pk)
    return (
        project.title,
        project.start_date,
        project.end_date,
        project.max_partners,
        sorted(project.activities.values_list("pk", "due_date")),
    )


def test_edit_form_saves(teacher_client, draft):
    data = edit_data(draft, title="  Water   around us ", objectives_text="One\n\n Two ")
    response = teacher_client.post(reverse("project_edit", args=[draft.token]), data)
    assert response["Location"] == reverse("project_detail", args=[draft.token])
    draft.refresh_from_db()
    assert (draft.title, draft.objectives) == ("Water around us", ["One", "Two"])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "This field is required."),
        ("start_date", "2020-03-02", "The start date is in the past: choose today or later."),
        ("start_date", "02/03/2027x", "Enter a valid date."),
        ("age_max", "8", "The oldest age can't be below the youngest."),
        ("approach", "create", "A Create project needs at least 4 weeks."),
        ("max_partners", "11", "Ensure this value is less than or equal to 10."),
    ],
)
def test_edit_form_refuses_bad_values_and_saves_nothing(
    teacher_client, make_project, field, value, message
):
    project = make_project(weeks=2)
    before = snapshot(project)
    data = edit_data(project, **{field: value})
    response = teacher_client.post(reverse("project_edit", args=[project.token]), data)
    assert response.status_code == 200
    assert shows(response, message)
    assert snapshot(project) == before


def test_max_partners_cannot_drop_below_the_partners_taking_part(teacher_client, open_project):
    add_partner(open_project, ClassroomFactory(teacher=TeacherFactory()))
    add_partner(open_project, ClassroomFactory(teacher=TeacherFactory()))
    before = snapshot(open_project)
    data = edit_data(open_project, max_partners=1)
    response = teacher_client.post(reverse("project_edit", args=[open_project.token]), data)
    assert response.status_code == 200
    assert shows(response, "2 partner classes already take part: the maximum can't be lower.")
    assert snapshot(open_project) == before


def test_a_running_project_keeps_its_past_start_date(teacher_client, open_project):
    past = TODAY() - timedelta(days=3)
    Project.objects.filter(pk=open_project.pk).update(start_date=past)
    open_project.refresh_from_db()
    data = edit_data(open_project, title="Still running")
    response = teacher_client.post(reverse("project_edit", args=[open_project.token]), data)
    assert response.status_code == 302
    open_project.refresh_from_db()
    assert (open_project.title, open_project.start_date) == ("Still running", past)


@pytest.mark.parametrize("days", [7, 70])
def test_changing_the_start_date_moves_the_plan(teacher_client, draft, days):
    """Moved by a week or by more than the plan lasts: every date follows, onto school days."""
    before = sorted(draft.activities.values_list("pk", "due_date"))
    asked = date.fromisoformat(draft.answers["start"])
    start = draft.start_date + timedelta(days=days)
    data = edit_data(draft, start_date=start.isoformat())
    response = teacher_client.post(reverse("project_edit", args=[draft.token]), data)
    assert response.status_code == 302
    after = dict(draft.activities.values_list("pk", "due_date"))
    for pk, due in before:
        assert after[pk] >= due + timedelta(days=days)
        assert after[pk].weekday() < 5
    draft.refresh_from_db()
    assert draft.start_date == start
    assert draft.end_date == max(
        *after.values(),
        *draft.milestones.values_list("due_date", flat=True),
        *draft.sessions.values_list("on_date", flat=True),
    )
    # Regenerating a phase later starts from the moved date.
    assert draft.answers["start"] == (asked + timedelta(days=days)).isoformat()


def test_co_editor_can_edit_a_partner_cannot(login_client, open_project, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    client = login_client(partner_teacher)
    edit = reverse("project_edit", args=[open_project.token])
    assert client.get(edit).status_code == 404
    assert client.post(edit, edit_data(open_project, title="Taken over")).status_code == 404
    Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.CO_EDITOR)
    assert client.get(edit).status_code == 200
    assert client.post(edit, edit_data(open_project, title="Ours now")).status_code == 302
    open_project.refresh_from_db()
    assert open_project.title == "Ours now"


def test_owner_makes_a_partner_co_editor_from_the_page(
    teacher_client, login_client, open_project, partner_teacher, delhi
):
    membership = add_partner(open_project, delhi)
    url = reverse("project_member_role", args=[open_project.token, membership.pk])
    response = teacher_client.post(url, {"role": "co_editor"})
    assert "The role is changed." in follow_messages(teacher_client, response)
    page = login_client(partner_teacher).get(reverse("project_detail", args=[open_project.token]))
    assert page.context["editor"] is True
    # The co-editor can't hand out roles.
    response = login_client(partner_teacher).post(url, {"role": "member"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CO_EDITOR


# ---- plan items -----------------------------------------------------------------------------

ITEM_DATA = {
    "activity": {"phase": "execution", "kind": "exchange", "title": "Swap recipes"},
    "milestone": {"phase": "execution", "title": "Recipes swapped"},
    "session": {"phase": "execution", "title": "Cook together", "minutes": 45},
}
DATE_FIELD = {"activity": "due_date", "milestone": "due_date", "session": "on_date"}
MODELS = {"activity": Activity, "milestone": Milestone, "session": SuggestedSession}


def item_data(kind: str, day) -> dict:
    return {**ITEM_DATA[kind], DATE_FIELD[kind]: str(day)}


@pytest.mark.parametrize("kind", ITEM_DATA)
def test_item_add_edit_delete(teacher_client, draft, kind):
    model = MODELS[kind]
    day = draft.end_date + timedelta(days=7)
    add = reverse("project_item_add", args=[draft.token, kind])
    assert teacher_client.get(add + "?phase=reflection").context["form"].initial["phase"] == (
        "reflection"
    )
    response = teacher_client.post(add, item_data(kind, day))
    assert response.status_code == 302
    assert response["Location"].endswith("#phase-execution")
    item = model.objects.get(project=draft, title=ITEM_DATA[kind]["title"])
    assert item.edited
    draft.refresh_from_db()
    assert draft.end_date == day  # the plan grew to hold the new date

    edit = reverse("project_item_edit", args=[draft.token, kind, item.pk])
    data = {**item_data(kind, day - timedelta(days=1)), "title": "Renamed"}
    assert teacher_client.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert (item.title, getattr(item, DATE_FIELD[kind])) == ("Renamed", day - timedelta(days=1))

    delete = reverse("project_item_delete", args=[draft.token, kind, item.pk])
    assert teacher_client.post(delete).status_code == 302
    assert not model.objects.filter(pk=item.pk).exists()
    draft.refresh_from_db()
    assert draft.end_date < day - timedelta(days=1)


BAD_DATES = [
    ("", "This field is required."),
    ("not-a-date", "Enter a valid date."),
    ("2027-02-30", "Enter a valid date."),
    ("9999-12-31", "near the plan's dates"),
    ("0001-01-01", "near the plan's dates"),
]


@pytest.mark.parametrize("kind", ITEM_DATA)
def test_item_with_a_bad_date_gets_a_message_and_saves_nothing(teacher_client, draft, kind):
    model = MODELS[kind]
    existing = model.objects.filter(project=draft).first() or model.objects.create(
        project=draft, **item_data(kind, draft.start_date)
    )
    count = model.objects.count()
    dates = (draft.start_date, draft.end_date)
    edit = reverse("project_item_edit", args=[draft.token, kind, existing.pk])
    add = reverse("project_item_add", args=[draft.token, kind])
    for value, message in BAD_DATES:
        for url in (add, edit):
            response = teacher_client.post(url, item_data(kind, value))
            assert response.status_code == 200, (url, value)
            assert shows(response, message), (url, value)
    assert model.objects.count() == count
    assert model.objects.get(pk=existing.pk).title == existing.title
    draft.refresh_from_db()
    assert (draft.start_date, draft.end_date) == dates
    assert teacher_client.get(reverse("project_detail", args=[draft.token])).status_code == 200


def test_session_minutes_out_of_range(teacher_client, draft):
    data = {**item_data("session", draft.start_date), "minutes": 5}
    response = teacher_client.post(reverse("project_item_add", args=[draft.token, "session"]), data)
    assert "Ensure this value is greater than or equal to 15." in response.text
    assert not SuggestedSession.objects.filter(title="Cook together").exists()


def test_items_of_another_project_or_unknown_kinds_are_404(teacher_client, draft, make_project):
    other = make_project()
    foreign = other.activities.first()
    for url in (
        reverse("project_item_edit", args=[draft.token, "activity", foreign.pk]),
        reverse("project_item_delete", args=[draft.token, "activity", foreign.pk]),
        reverse("project_item_add", args=[draft.token, "objective"]),
        reverse("project_item_edit", args=[draft.token, "milestone", foreign.pk]),
    ):
        assert teacher_client.post(url, item_data("activity", draft.start_date)).status_code == 404
    assert Activity.objects.get(pk=foreign.pk).title == foreign.title


def test_member_marks_an_activity_done(login_client, open_project, partner_teacher, delhi):
    add_partner(open_project, delhi)
    activity = open_project.activities.first()
    client = login_client(partner_teacher)
    url = reverse("project_activity_done", args=[open_project.token, activity.pk])
    client.post(url, {"done": "1"})
    activity.refresh_from_db()
    assert activity.done
    client.post(url, {"done": "0"})
    activity.refresh_from_db()
    assert not activity.done


def test_phase_regenerate_from_the_page(teacher_client, draft):
    first = set(draft.activities.filter(phase="reflection").values_list("pk", flat=True))
    url = reverse("project_phase_regenerate", args=[draft.token, "reflection"])
    response = teacher_client.post(url)
    assert "The Reflection phase is regenerated" in follow_messages(teacher_client, response)[0]
    fresh = set(draft.activities.filter(phase="reflection").values_list("pk", flat=True))
    assert fresh and not fresh & first
    bad = reverse("project_phase_regenerate", args=[draft.token, "party"])
    assert teacher_client.post(bad).status_code == 404


# ---- the calendar file --------------------------------------------------------------------


def test_ics_has_one_all_day_event_per_dated_item(teacher_client, draft):
    response = teacher_client.get(reverse("project_ics", args=[draft.token]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    expected = sorted(
        [
            *draft.activities.values_list("due_date", flat=True),
            *draft.milestones.values_list("due_date", flat=True),
            *draft.sessions.values_list("on_date", flat=True),
        ]
    )
    assert len(events) == len(expected) > 0
    starts = [event.decoded("dtstart") for event in events]
    assert all(type(day) is date for day in starts)  # all-day: a date, not a date-time
    assert sorted(starts) == expected
    for event in events:
        assert event.decoded("dtend") == event.decoded("dtstart") + timedelta(days=1)
        assert str(event["summary"]).startswith(draft.title)
    assert len({str(event["uid"]) for event in events}) == len(events)
    assert b"DTSTART;VALUE=DATE:" in response.content


def test_ics_of_a_plan_without_items(teacher_client, draft):
    draft.activities.all().delete()
    draft.milestones.all().delete()
    draft.sessions.all().delete()
    response = teacher_client.get(reverse("project_ics", args=[draft.token]))
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []

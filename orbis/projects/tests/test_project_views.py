"""The project pages: the assistant's steps (with and without JavaScript), the edit form, plan
items, the listing and its filters, the calendar file, and who sees which project."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from orbis.projects import services
from orbis.projects.models import Activity, Membership, Milestone, Project, SuggestedSession
from orbis.projects.views import ASSISTANT
from tests.factories import ClassroomFactory, TeacherFactory

from .conftest import add_partner
from .test_project_flow import run_assistant

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def shows(response, message: str) -> bool:
    """The page shows the message (as the template escapes it)."""
    return escape(message) in response.text


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def follow_messages(client, response) -> list[str]:
    """The messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    return messages_of(client.get(response["Location"]))


# ---- the assistant ----------------------------------------------------------------------


def step_data(classroom) -> dict[str, dict]:
    """Valid answers for each step of the assistant, in order."""
    return {
        "class": {
            "classroom": classroom.pk,
            "age_min": 10,
            "age_max": 12,
            "subject": "social-studies",
        },
        "goals": {"competencies": ["intercultural-communication"], "sdgs": ["4"]},
        "time": {
            "weeks": 4,
            "start": (TODAY() + timedelta(days=10)).isoformat(),
            "mode": "live",
            "approach": "",
        },
        "languages": {"languages": ["es", "en"], "text_language": "en", "max_partners": 2},
    }


def step_url(step: str) -> str:
    return reverse("project_assistant", args=[step])


def answer_steps_before(client, classroom, step: str) -> None:
    for key, data in step_data(classroom).items():
        if key == step:
            return
        assert client.post(step_url(key), data).status_code == 302


BAD_ANSWERS = [
    ("class", {"age_min": 14, "age_max": 10}, "The oldest age can't be below the youngest."),
    ("class", {"age_min": 3}, "Select a valid choice."),
    ("goals", {"competencies": []}, "This field is required."),
    ("goals", {"competencies": ["juggling"]}, "Select a valid choice."),
    ("goals", {"sdgs": ["4", "5", "6", "13"]}, "Choose at most 3."),
    ("time", {"start": "2020-01-01"}, "The start date is in the past: choose today or later."),
    ("time", {"start": "2026-02-30"}, "Enter a valid date."),
    ("time", {"start": "2999-01-01"}, "Choose a start date within the next two years."),
    ("time", {"weeks": 1, "approach": "create"}, "A Create project needs at least 4 weeks."),
    ("time", {"weeks": 0, "approach": "collaborate"}, "needs at least 2 weeks."),
    ("time", {"weeks": 5}, "Select a valid choice."),
    ("languages", {"languages": []}, "This field is required."),
    ("languages", {"max_partners": 0}, "Select a valid choice."),
]


@pytest.mark.parametrize(("step", "bad", "message"), BAD_ANSWERS)
def test_assistant_bad_answer_gets_a_message_and_saves_nothing(
    teacher_client, classroom, step, bad, message
):
    answer_steps_before(teacher_client, classroom, step)
    before = dict(teacher_client.session.get(ASSISTANT, {}))
    response = teacher_client.post(step_url(step), {**step_data(classroom)[step], **bad})
    assert response.status_code == 200
    assert shows(response, message)
    assert teacher_client.session.get(ASSISTANT, {}) == before
    assert not Project.objects.exists()


def test_assistant_refuses_another_teachers_classroom(teacher_client, classroom, partner_teacher):
    delhi = ClassroomFactory(teacher=partner_teacher)
    data = {**step_data(classroom)["class"], "classroom": delhi.pk}
    response = teacher_client.post(step_url("class"), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert ASSISTANT not in teacher_client.session


def test_assistant_unknown_step_is_404(teacher_client, classroom):
    assert teacher_client.get(step_url("budget")).status_code == 404
    assert teacher_client.post(step_url("budget"), {"x": "1"}).status_code == 404


def test_assistant_steps_come_in_order(teacher_client, classroom):
    response = teacher_client.get(step_url("languages"))
    assert response["Location"] == step_url("class")
    answer_steps_before(teacher_client, classroom, "time")
    response = teacher_client.post(step_url("languages"), step_data(classroom)["languages"])
    assert response["Location"] == step_url("time")
    assert "done_languages" not in teacher_client.session[ASSISTANT]


def test_preview_before_the_steps_goes_to_the_first_missing_one(teacher_client, classroom):
    preview = reverse("project_assistant_preview")
    assert teacher_client.get(preview)["Location"] == step_url("class")
    assert teacher_client.post(preview)["Location"] == step_url("class")
    answer_steps_before(teacher_client, classroom, "time")
    assert teacher_client.get(preview)["Location"] == step_url("time")
    assert not Project.objects.exists()


def test_a_stale_start_date_is_sent_back_to_the_time_step(teacher_client, classroom):
    """The answers wait in the session: by the time the teacher comes back, the start date
    may be past."""
    answer_steps_before(teacher_client, classroom, None)
    session = teacher_client.session
    session[ASSISTANT] = {**session[ASSISTANT], "start": (TODAY() - timedelta(days=1)).isoformat()}
    session.save()
    preview = reverse("project_assistant_preview")
    for method in (teacher_client.get, teacher_client.post):
        response = method(preview)
        assert response["Location"] == step_url("time")
        assert "The start date is in the past: choose today or later." in follow_messages(
            teacher_client, response
        )
    assert not Project.objects.exists()


def test_a_classroom_deleted_meanwhile_sends_back_to_the_class_step(teacher_client, classroom):
    other = ClassroomFactory(teacher=classroom.teacher, name="7th grade A")
    answer_steps_before(teacher_client, other, None)
    other.delete()
    response = teacher_client.post(reverse("project_assistant_preview"))
    assert response["Location"] == step_url("class")
    assert not Project.objects.exists()


def test_assistant_without_javascript_goes_step_by_step(teacher_client, classroom):
    keys = list(step_data(classroom))
    for key, following in zip(keys, [*keys[1:], None], strict=True):
        page = teacher_client.get(step_url(key))
        assert page.status_code == 200 and "HX-Push-Url" not in page
        response = teacher_client.post(step_url(key), step_data(classroom)[key])
        assert response.status_code == 302
        expected = step_url(following) if following else reverse("project_assistant_preview")
        assert response["Location"] == expected
    assert teacher_client.get(reverse("project_assistant_preview")).status_code == 200
    response = teacher_client.post(reverse("project_assistant_preview"))
    project = Project.objects.get()
    assert response["Location"] == reverse("project_detail", args=[project.token])
    assert ASSISTANT not in teacher_client.session


def test_assistant_with_htmx_pushes_each_step_url(teacher_client, classroom):
    htmx = {"HX-Request": "true"}
    page = teacher_client.get(step_url("class"), headers=htmx)
    assert page["HX-Push-Url"] == step_url("class")
    # htmx follows the redirect itself; the next step's page tells it which URL to show.
    response = teacher_client.post(
        step_url("class"), step_data(classroom)["class"], headers=htmx, follow=True
    )
    assert response.redirect_chain == [(step_url("goals"), 302)]
    assert response["HX-Push-Url"] == step_url("goals")
    invalid = teacher_client.post(step_url("goals"), {"competencies": []}, headers=htmx)
    assert invalid.status_code == 200
    assert invalid["HX-Push-Url"] == step_url("goals")
    assert "This field is required." in invalid.text


def test_assistant_restart_forgets_the_answers(teacher_client, classroom):
    answer_steps_before(teacher_client, classroom, "time")
    response = teacher_client.get(reverse("project_new") + "?restart=1")
    assert response["Location"] == step_url("class")
    assert ASSISTANT not in teacher_client.session


def test_assistant_needs_a_classroom(login_client, teacher):
    response = login_client(TeacherFactory(school=teacher.school)).get(step_url("class"))
    assert response["Location"] == reverse("dashboard")


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


# ---- the listing ----------------------------------------------------------------------------


def listed_project(owner, title, **fields) -> Project:
    values = {
        "owner": owner,
        "title": title,
        "central_question": "How do we live?",
        "summary": "A project.",
        "approach": "collaborate",
        "project_type": "cultural-exchange",
        "sdgs": [4],
        "subjects": ["geography"],
        "age_min": 10,
        "age_max": 12,
        "languages": ["en"],
        "start_date": TODAY() + timedelta(days=20),
        "end_date": TODAY() + timedelta(days=50),
        "duration_weeks": 4,
        "final_product": "video",
        "exchange_mode": "live",
        "status": Project.Status.OPEN,
    }
    values.update(fields)
    return Project.objects.create(**values)


@pytest.fixture
def catalogue(partner_teacher):
    """Three listed projects, and three that never appear in the listing."""
    soon, later = TODAY() + timedelta(days=10), TODAY() + timedelta(days=90)
    made = {
        "water": listed_project(
            partner_teacher,
            "Water diaries",
            approach="connect",
            sdgs=[6, 13],
            age_min=8,
            age_max=10,
            subjects=["science"],
            summary="Rivers, rain and taps.",
        ),
        "games": listed_project(
            partner_teacher,
            "Games our grandparents played",
            sdgs=[4],
            age_min=11,
            age_max=14,
            languages=["es", "en"],
            subjects=["history"],
            start_date=later,
            end_date=later + timedelta(days=30),
            status=Project.Status.RUNNING,
        ),
        "postcards": listed_project(
            partner_teacher,
            "Postcards from our town",
            approach="create",
            sdgs=[1, 11],
            age_min=15,
            age_max=17,
            languages=["fr"],
            subjects=["arts"],
            start_date=soon,
        ),
    }
    listed_project(partner_teacher, "Secret draft", status=Project.Status.DRAFT)
    listed_project(partner_teacher, "Only by link", visibility=Project.Visibility.LINK)
    listed_project(partner_teacher, "Old and archived", status=Project.Status.ARCHIVED)
    return made


def listing_titles(client, query: str = "") -> list[str]:
    response = client.get(reverse("project_list") + query)
    assert response.status_code == 200
    return [project.title for project in response.context["page"]]


def test_listing_shows_listed_projects_open_ones_first(teacher_client, catalogue):
    assert listing_titles(teacher_client) == [
        "Postcards from our town",
        "Water diaries",
        "Games our grandparents played",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?approach=create", ["postcards"]),
        ("?approach=connect", ["water"]),
        ("?sdg=6", ["water"]),
        ("?sdg=1", ["postcards"]),  # not 11, not 13
        ("?sdg=13", ["water"]),
        ("?age=9", ["water"]),
        ("?age=12", ["games"]),
        ("?age=19", []),
        ("?language=fr", ["postcards"]),
        ("?language=es", ["games"]),
        ("?subject=history", ["games"]),
        ("?q=grandparents", ["games"]),
        ("?q=RAIN+diaries", ["water"]),
        ("?q=water+postcards", []),
        ("?approach=collaborate&language=en", ["games"]),
    ],
)
def test_each_listing_filter_narrows_the_results(teacher_client, catalogue, query, expected):
    titles = {catalogue[key].title for key in expected}
    assert set(listing_titles(teacher_client, query)) == titles


def test_starts_after_filter(teacher_client, catalogue):
    day = (TODAY() + timedelta(days=60)).isoformat()
    assert listing_titles(teacher_client, f"?starts_after={day}") == [catalogue["games"].title]


HOSTILE_QUERIES = [
    "?age=abc&sdg=99&starts_after=notadate&page=-1&q=<script>alert(1)</script>",
    "?page=99999&approach=../../etc/passwd&language=xx&subject=%00",
    "?q=%00%01%1b&sdg=-1&age=1e9&starts_after=9999-99-99",
    "?q=" + "x" * 5000,
    "?sdg=4&sdg=5&age=&age=12&page=abc",
    "?starts_after=0001-01-01&q=%27%3B+DROP+TABLE+projects_project%3B+--",
    "?language=%E2%80%AEevil&subject=arts&approach=create&page=1.5",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_listing_answers_hostile_query_strings(teacher_client, catalogue, query):
    response = teacher_client.get(reverse("project_list") + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert Project.objects.count() == 6


@pytest.mark.parametrize("query", HOSTILE_QUERIES[:3])
def test_project_page_answers_hostile_query_strings(teacher_client, draft, query):
    response = teacher_client.get(reverse("project_detail", args=[draft.token]) + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text


def test_listing_pages(teacher_client, partner_teacher):
    for number in range(23):
        listed_project(partner_teacher, f"Project {number:02d}")
    first = teacher_client.get(reverse("project_list") + "?approach=collaborate")
    assert len(first.context["page"]) == 20
    assert first.context["query"] == "approach=collaborate"
    last = teacher_client.get(reverse("project_list") + "?approach=collaborate&page=2")
    assert len(last.context["page"]) == 3


def test_a_link_only_project_is_reachable_by_its_link(login_client, outsider, catalogue):
    hidden = Project.objects.get(title="Only by link")
    client = login_client(outsider)
    assert "Only by link" not in listing_titles(client)
    page = client.get(reverse("project_detail", args=[hidden.token]))
    assert page.status_code == 200
    assert "Only by link" in page.text
    assert client.get(reverse("project_ics", args=[hidden.token])).status_code == 200


def test_a_wrong_token_is_404(teacher_client, draft):
    for token in (draft.token[:-1], draft.token.upper(), "x" * 200):
        if token != draft.token:
            url = reverse("project_detail", args=[token])
            assert teacher_client.get(url).status_code == 404


# ---- who sees which project -----------------------------------------------------------------


def test_a_draft_is_404_for_everyone_but_its_members(
    login_client, teacher_client, outsider, partner_teacher, draft, delhi
):
    for who in (outsider, partner_teacher):
        client = login_client(who)
        for name in ("project_detail", "project_ics"):
            assert client.get(reverse(name, args=[draft.token])).status_code == 404
        join = client.post(reverse("project_join", args=[draft.token]), {"classroom": delhi.pk})
        assert join.status_code == 404
    assert teacher_client.get(reverse("project_detail", args=[draft.token])).status_code == 200
    add_partner(draft, delhi)
    partner = login_client(partner_teacher)
    assert partner.get(reverse("project_detail", args=[draft.token])).status_code == 200
    assert partner.get(reverse("project_edit", args=[draft.token])).status_code == 404


def test_an_open_project_offers_to_join_and_the_request_arrives(
    login_client, teacher_client, open_project, partner_teacher, delhi
):
    client = login_client(partner_teacher)
    page = client.get(reverse("project_detail", args=[open_project.token]))
    assert page.context["join_form"] is not None and page.context["editor"] is False
    response = client.post(
        reverse("project_join", args=[open_project.token]),
        {"classroom": delhi.pk, "message": "<b>Namaste</b>"},
    )
    assert "Your request is sent." in " ".join(follow_messages(client, response))
    page = client.get(reverse("project_detail", args=[open_project.token]))
    assert page.context["pending"].classroom == delhi
    owner_page = teacher_client.get(reverse("project_detail", args=[open_project.token]))
    assert [join.classroom for join in owner_page.context["requests"]] == [delhi]
    assert "&lt;b&gt;Namaste&lt;/b&gt;" in owner_page.text
    again = client.post(reverse("project_join", args=[open_project.token]), {"classroom": delhi.pk})
    assert "You already asked to join with this classroom." in follow_messages(client, again)


def test_join_with_a_classroom_that_is_not_yours(login_client, open_project, partner_teacher):
    stranger = ClassroomFactory(teacher=TeacherFactory())
    client = login_client(partner_teacher)
    response = client.post(
        reverse("project_join", args=[open_project.token]), {"classroom": stranger.pk}
    )
    assert "Choose one of your classrooms to join with." in follow_messages(client, response)
    assert not open_project.join_requests.exists()


def test_status_change_refusals_show_their_reason(teacher_client, open_project):
    response = teacher_client.post(
        reverse("project_status", args=[open_project.token]), {"status": "running"}
    )
    assert (
        "A project runs with at least one partner class: wait for one to join."
        in follow_messages(teacher_client, response)
    )
    open_project.refresh_from_db()
    assert open_project.status == Project.Status.OPEN


def test_answering_a_request_from_the_page(teacher_client, login_client, join_request):
    response = teacher_client.post(reverse("project_join_accept", args=[join_request.pk]))
    assert response["Location"].endswith("#classes")
    assert services.partner_count(join_request.project) == 1
    # The teacher who asked can't withdraw it any more.
    client = login_client(join_request.classroom.teacher)
    response = client.post(reverse("project_join_withdraw", args=[join_request.pk]))
    assert response["Location"] == reverse("project_mine")
    assert "This request was already answered or withdrawn." in follow_messages(client, response)


def test_strangers_get_404_for_join_requests_and_no_link(outsider_client, join_request):
    for name in ("project_join_accept", "project_join_decline", "project_join_withdraw"):
        response = outsider_client.post(reverse(name, args=[join_request.pk]))
        assert response.status_code == 404
        assert join_request.project.token not in response.text
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_a_partner_leaves_from_the_page(login_client, open_project, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    client = login_client(partner_teacher)
    url = reverse("project_member_leave", args=[open_project.token, membership.pk])
    response = client.post(url)
    assert response["Location"] == reverse("project_mine")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_owner_cannot_leave_from_the_page(teacher_client, open_project):
    owner = open_project.memberships.get(role=Membership.Role.OWNER)
    url = reverse("project_member_leave", args=[open_project.token, owner.pk])
    response = teacher_client.post(url)
    assert "archive the project instead" in " ".join(follow_messages(teacher_client, response))
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_my_projects_lists_owned_and_joined_ones(
    login_client, teacher_client, open_project, partner_teacher, delhi, make_project
):
    draft = make_project()
    add_partner(open_project, delhi)
    mine = teacher_client.get(reverse("project_mine"))
    assert {p.pk for p in mine.context["projects"]} == {open_project.pk, draft.pk}
    theirs = login_client(partner_teacher).get(reverse("project_mine"))
    assert [p.pk for p in theirs.context["projects"]] == [open_project.pk]


def test_assistant_end_to_end_plan_matches_its_answers(teacher_client, classroom):
    start = TODAY() + timedelta(days=21)
    project = run_assistant(teacher_client, classroom, weeks=2, mode="async", start=start)
    assert project.start_date >= start
    assert project.exchange_mode == "async"
    assert project.duration_weeks == 2
    assert not project.sessions.exists()  # asynchronous: no live session suggested
    assert project.memberships.get().classroom == classroom

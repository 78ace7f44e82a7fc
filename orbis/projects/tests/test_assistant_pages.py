"""The assistant's pages: its steps with and without JavaScript, their order, bad answers, and
the plan made from the answers."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from orbis.projects.models import Project
from orbis.projects.views.assistant import ASSISTANT
from tests.factories import ClassroomFactory, SchoolFactory, SchoolTermFactory, TeacherFactory

from .pages import follow_messages, shows
from .test_project_flow import run_assistant

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


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


def test_assistant_end_to_end_plan_matches_its_answers(teacher_client, classroom):
    start = TODAY() + timedelta(days=21)
    project = run_assistant(teacher_client, classroom, weeks=2, mode="async", start=start)
    assert project.start_date >= start
    assert project.exchange_mode == "async"
    assert project.duration_weeks == 2
    assert not project.sessions.exists()  # asynchronous: no live session suggested
    assert project.memberships.get().classroom == classroom


def test_a_live_and_asynchronous_class_is_offered_an_asynchronous_template(
    teacher_client, classroom
):
    """The default, "live sessions and asynchronous exchange", takes the templates made for the
    board only too: weather-and-climate-diaries fits these answers best."""
    assert classroom.exchange_mode == "live"
    answer_steps_before(teacher_client, classroom, "time")
    page = teacher_client.get(step_url("time"))
    assert page.context["form"].initial["mode"] == "live"  # the class's mode, the default
    answers = step_data(classroom)
    answers["class"]["subject"] = "science"
    answers["goals"] = {"competencies": ["critical-thinking"], "sdgs": ["13"]}
    for key, data in answers.items():
        assert teacher_client.post(step_url(key), data).status_code == 302
    preview = teacher_client.get(reverse("project_assistant_preview"))
    assert preview.context["plan"].template == "weather-and-climate-diaries"
    assert "works without live sessions" in preview.text
    teacher_client.post(reverse("project_assistant_preview"))
    project = Project.objects.get()
    assert (project.template_key, project.exchange_mode) == ("weather-and-climate-diaries", "live")


def test_the_default_start_skips_the_typical_long_break_while_the_terms_are_unknown(
    login_client,
):
    """A week from 7 December is mid-December: Kenya's long holidays. Without the school's
    terms the step suggests the first day after the typical break, and says so."""
    school = SchoolFactory(name="Nairobi Primary", country="KE", time_zone="Africa/Nairobi")
    teacher = TeacherFactory(school=school)
    client = login_client(teacher)
    answer_steps_before(client, ClassroomFactory(teacher=teacher), "time")
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), tick=False):
        page = client.get(step_url("time"))
        assert page.context["form"].initial["start"] == date(2027, 1, 4)
        assert "long school holidays typical for Kenya" in page.text

        SchoolTermFactory(school=school, kind="term")  # her own calendar is the truth now
        page = client.get(step_url("time"))
        assert page.context["form"].initial["start"] == date(2026, 12, 14)
        assert "typical for" not in page.text

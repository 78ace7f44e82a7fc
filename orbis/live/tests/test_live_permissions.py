"""Who reaches every URL of live sessions. Project pages: member teachers and the students of
a participating class; everyone else signed in gets 404 (a project or session that exists is
not told from one that doesn't), a visitor who is nobody is sent to log in. Changing a session
is for its creator and the project's editors. The calendar feed is public to whoever holds its
secret address."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from orbis.live.models import CalendarFeed, LiveSession
from orbis.live.services import feed_of
from orbis.projects.models import Membership
from tests.builders import MEET, schedule
from tests.factories import ClassroomFactory, StudentFactory
from tests.helpers import student_client_for

ROUTE_NAMES = {
    "live_sessions",
    "live_session_new",
    "live_session_detail",
    "live_session_edit",
    "live_session_cancel",
    "live_session_ics",
    "live_calendar_feed_settings",
    "live_calendar_feed_reset",
    "live_calendar_feed",
}
PROJECT_PAGES = ["live_sessions", "live_session_new"]
SESSION_PAGES = ["live_session_detail", "live_session_edit", "live_session_ics"]


@pytest.fixture
def setup(world, teacher, classroom, delhi, kyiv, student, login_client, outsider):
    session = schedule(world, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, tzinfo=UTC))
    other_student = StudentFactory(classroom=ClassroomFactory(), nickname="Lobo")
    kyiv_student = StudentFactory(classroom=kyiv, nickname="Sova")
    return {
        "project": world,
        "session": session,
        "anonymous": Client(),
        "owner": login_client(teacher),
        "partner": login_client(delhi.teacher),  # in the session, not its creator, no editor
        "kyiv": login_client(kyiv.teacher),  # a member whose class is not in the session
        "outsider": login_client(outsider),
        "member_student": student_client_for(student),
        "kyiv_student": student_client_for(kyiv_student),  # member, class not in the session
        "other_student": student_client_for(other_student),
    }


def url(name, setup) -> str:
    if name in PROJECT_PAGES:
        return reverse(name, args=[setup["project"].token])
    return reverse(name, args=[setup["project"].token, setup["session"].pk])


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def edit_payload(setup, classroom, delhi) -> dict:
    return {
        "title": "Hacked",
        "day": "2027-02-05",
        "time": "10:00",
        "minutes": "30",
        "classrooms": [classroom.pk, delhi.pk],
        "meeting_url": MEET,
    }


@pytest.mark.parametrize("name", PROJECT_PAGES + SESSION_PAGES)
def test_anonymous_is_sent_to_log_in(setup, name):
    assert is_login_redirect(setup["anonymous"].get(url(name, setup)))


@pytest.mark.parametrize("name", PROJECT_PAGES + SESSION_PAGES + ["live_session_cancel"])
@pytest.mark.parametrize("role", ["outsider", "other_student"])
def test_non_members_get_404(setup, name, role):
    client = setup[role]
    method = client.post if name == "live_session_cancel" else client.get
    assert method(url(name, setup)).status_code == 404


@pytest.mark.parametrize("role", ["owner", "partner", "kyiv", "member_student"])
def test_members_see_the_list(setup, role):
    assert setup[role].get(url("live_sessions", setup)).status_code == 200


@pytest.mark.parametrize("role", ["owner", "partner", "kyiv", "member_student"])
@pytest.mark.parametrize("name", ["live_session_detail", "live_session_ics"])
def test_members_see_a_session(setup, role, name):
    assert setup[role].get(url(name, setup)).status_code == 200


@pytest.mark.parametrize("name", ["live_session_detail", "live_session_ics"])
def test_a_student_sees_only_the_sessions_of_her_class(setup, name):
    assert setup["kyiv_student"].get(url(name, setup)).status_code == 404
    assert setup["kyiv_student"].get(url("live_sessions", setup)).status_code == 200


@pytest.mark.parametrize("role", ["owner", "partner", "kyiv"])
def test_member_teachers_may_schedule(setup, role):
    assert setup[role].get(url("live_session_new", setup)).status_code == 200


@pytest.mark.parametrize("role", ["member_student", "kyiv_student"])
@pytest.mark.parametrize("name", ["live_session_new", "live_session_edit"])
def test_students_cannot_schedule_or_change(setup, role, name, classroom, delhi):
    client = setup[role]
    assert client.get(url(name, setup)).status_code == 404
    assert client.post(url(name, setup), edit_payload(setup, classroom, delhi)).status_code == 404
    assert client.post(url("live_session_cancel", setup)).status_code == 404
    assert LiveSession.objects.filter(title="Rivers we live by", status="scheduled").count() == 1


@pytest.mark.parametrize("role", ["partner", "kyiv", "outsider"])
def test_only_the_creator_and_editors_change_or_cancel(setup, role, classroom, delhi):
    client = setup[role]
    assert client.get(url("live_session_edit", setup)).status_code == 404
    response = client.post(url("live_session_edit", setup), edit_payload(setup, classroom, delhi))
    assert response.status_code == 404
    assert client.post(url("live_session_cancel", setup)).status_code == 404
    setup["session"].refresh_from_db()
    assert (setup["session"].title, setup["session"].status) == ("Rivers we live by", "scheduled")


def test_the_creator_and_a_co_editor_change_and_cancel(setup, classroom, delhi, kyiv):
    owner = setup["owner"]
    assert owner.get(url("live_session_edit", setup)).status_code == 200
    Membership.objects.filter(project=setup["project"], classroom=kyiv).update(role="co_editor")
    editor = setup["kyiv"]
    assert editor.get(url("live_session_edit", setup)).status_code == 200
    response = editor.post(url("live_session_edit", setup), edit_payload(setup, classroom, delhi))
    assert response.status_code == 302
    setup["session"].refresh_from_db()
    assert setup["session"].title == "Hacked"
    assert owner.get(url("live_session_cancel", setup)).status_code == 405
    assert owner.post(url("live_session_cancel", setup)).status_code == 302
    setup["session"].refresh_from_db()
    assert setup["session"].cancelled


def test_anonymous_cannot_cancel(setup):
    response = setup["anonymous"].post(url("live_session_cancel", setup))
    assert is_login_redirect(response)
    setup["session"].refresh_from_db()
    assert not setup["session"].cancelled


def test_missing_projects_and_sessions_are_404_as_for_non_members(setup):
    owner = setup["owner"]
    token = setup["project"].token
    assert owner.get(reverse("live_sessions", args=["nosuchproject"])).status_code == 404
    assert owner.get(reverse("live_session_detail", args=[token, 999_999])).status_code == 404
    assert owner.post(reverse("live_session_cancel", args=[token, 999_999])).status_code == 404


# ---- the calendar feed ----------------------------------------------------------------------


def test_feed_settings_are_for_teachers_each_her_own(setup, teacher, outsider):
    page = reverse("live_calendar_feed_settings")
    reset = reverse("live_calendar_feed_reset")
    assert is_login_redirect(setup["anonymous"].get(page))
    assert is_login_redirect(setup["member_student"].get(page))
    assert is_login_redirect(setup["anonymous"].post(reset))
    assert is_login_redirect(setup["member_student"].post(reset))
    assert setup["outsider"].get(reset).status_code == 405
    own = setup["outsider"].get(page)
    assert own.status_code == 200
    outsider_token = CalendarFeed.objects.get(teacher=outsider).token
    assert outsider_token in own.content.decode()
    gisel_token = feed_of(teacher).token
    assert gisel_token not in own.content.decode()
    assert setup["outsider"].post(reset).status_code == 302
    assert CalendarFeed.objects.get(teacher=teacher).token == gisel_token  # only her own changes


def test_the_feed_is_for_whoever_holds_the_token(setup, teacher):
    token = feed_of(teacher).token
    for role in ["anonymous", "outsider", "other_student", "owner"]:
        response = setup[role].get(reverse("live_calendar_feed", args=[token]))
        assert response.status_code == 200, role
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert setup["anonymous"].get(reverse("live_calendar_feed", args=[wrong])).status_code == 404
    assert setup["owner"].post(reverse("live_calendar_feed", args=[token])).status_code == 405

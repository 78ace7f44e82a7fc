"""The scheduling form: what it accepts, what it refuses and why, and that bad input never
half-saves or fails with a server error."""

import html
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from orbis.live.models import LiveSession
from orbis.notifications.models import Notification
from tests.builders import MEET
from tests.factories import ClassroomFactory


@pytest.fixture
def new_url(world):
    return reverse("live_session_new", args=[world.token])


def payload(classrooms, **overrides):
    data = {
        "title": "Rivers we live by",
        "agenda": "Greetings, then each class shows its river.",
        "day": "2027-02-04",
        "time": "13:00",
        "minutes": "45",
        "classrooms": [str(c.pk) for c in classrooms],
        "meeting_url": MEET,
    }
    data.update(overrides)
    return data


def test_a_teacher_schedules_in_her_own_zone(
    teacher_client, new_url, world, teacher, classroom, delhi
):
    page = teacher_client.get(new_url)
    assert page.status_code == 200
    assert "In your time zone, America/Argentina/Cordoba." in page.content.decode()
    response = teacher_client.post(new_url, payload([classroom, delhi]))
    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("live_session_detail", args=[world.token, session.pk])
    # 13:00 in Argentina is 16:00 UTC.
    assert session.starts_at == datetime(2027, 2, 4, 16, 0, tzinfo=UTC)
    assert session.created_by == teacher
    assert set(session.classrooms.all()) == {classroom, delhi}
    assert session.reminders.count() == 2
    assert Notification.objects.filter(
        kind=Notification.Kind.SESSION_SCHEDULED, recipient=delhi.teacher
    ).exists()
    detail = teacher_client.get(response["Location"]).content.decode()
    assert "Jitsi" in detail and "The session is scheduled" in detail


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("meeting_url", "http://zoom.us/j/123", "Use the https:// link of your meeting"),
        ("meeting_url", "javascript:alert(1)", "Use the https:// link of your meeting"),
        ("meeting_url", "JaVaScRiPt:alert(1)//https://x", "Use the https:// link of your meeting"),
        ("meeting_url", "https://user:secret@zoom.us/j/1", "Remove the name and password"),
        ("meeting_url", "https:///nohost", "This link has no web site in it."),
        ("meeting_url", "https://zoom.us/j/1 2", "A link has no spaces"),
        ("meeting_url", "https://" + "a" * 600 + ".com", "at most 500 characters"),
        ("meeting_url", "https://exa mple.com", "A link has no spaces"),
        ("meeting_url", "https://example.com:99999/", "This is not a web address."),
        ("day", "2027-01-31", "This time has passed"),
        ("day", "2028-06-01", "within the next year"),
        ("day", "31/12/2027", "Write the date as YYYY-MM-DD."),
        ("time", "25:00", "Write the time as HH:MM"),
        ("minutes", "5", "at least 15 minutes"),
        ("minutes", "600", "at most 240 minutes"),
        ("minutes", "lots", "Write the duration in minutes"),
        ("title", "   ", "This field is required."),
        ("suggested_session", "999999", "Choose a session of this project's plan."),
        ("suggested_session", "x" * 5000, "Choose a session of this project's plan."),
        ("suggested_session", "9" * 40, "Choose a session of this project's plan."),
    ],
)
def test_the_form_refuses_with_a_specific_message(
    teacher_client, new_url, classroom, delhi, field, value, message
):
    response = teacher_client.post(new_url, payload([classroom, delhi], **{field: value}))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not LiveSession.objects.exists()


def test_the_classes_must_be_members_and_include_a_partner(
    teacher_client, new_url, world, classroom, delhi, outsider, teacher
):
    stranger = ClassroomFactory(teacher=outsider)
    cases = [
        ([str(classroom.pk), str(stranger.pk)], "Choose classes of this project only."),
        ([str(classroom.pk)], "Choose at least two classes"),
        (["abc", str(classroom.pk)], "Choose classes of this project only."),
        (["1e309"], "Choose classes of this project only."),
        ([str(2**70)], "Choose classes of this project only."),
        ([], "Choose the classes that take part."),
    ]
    for ids, message in cases:
        response = teacher_client.post(new_url, {**payload([]), "classrooms": ids})
        assert response.status_code == 200, ids
        assert message in response.content.decode(), ids
    # Two classes of Gisel's own are no exchange.
    second = ClassroomFactory(teacher=teacher, name="7th grade A")
    from tests.builders import add_partner

    add_partner(world, second)
    response = teacher_client.post(new_url, payload([classroom, second]))
    assert "Choose at least one partner class of another teacher." in response.content.decode()
    assert not LiveSession.objects.exists()


def test_a_time_that_does_not_exist_because_clocks_change_is_refused(
    login_client, world, classroom, kyiv, ukraine_teacher
):
    # Kyiv springs forward on 28 March 2027 at 03:00 → 04:00: 03:30 never happens.
    client = login_client(ukraine_teacher)
    url = reverse("live_session_new", args=[world.token])
    response = client.post(url, payload([classroom, kyiv], day="2027-03-28", time="03:30"))
    assert "The clocks change at that time in Europe/Kyiv" in response.content.decode()
    assert not LiveSession.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "?day=yesterday&time=99:99&minutes=-4&classrooms=abc&classrooms=99999999999999999999",
        "?suggested=" + "9" * 40,
        "?suggested=-1&day=2027-02-04&time=13:00",
        "?find=1&first_day=x&last_day=&minutes=ten&classrooms=%00",
        "?find=1&first_day=2027-02-02&last_day=2030-01-01&minutes=45",
        "?find=1&first_day=2027-01-01&last_day=2026-01-01&minutes=45",
        "?find=1&" + "classrooms=1&" * 500,
    ],
)
def test_hostile_query_strings_never_fail(teacher_client, new_url, query):
    assert teacher_client.get(new_url + query).status_code == 200


def test_use_this_time_prefills_the_form(teacher_client, new_url, classroom, kyiv):
    query = f"?day=2027-02-04&time=09:15&minutes=30&classrooms={classroom.pk}&classrooms={kyiv.pk}"
    form = teacher_client.get(new_url + query).context["form"]
    assert form.initial["day"].isoformat() == "2027-02-04"
    assert form.initial["time"].strftime("%H:%M") == "09:15"
    assert form.initial["minutes"] == 30
    assert form.initial["classrooms"] == [classroom.pk, kyiv.pk]


def test_a_plan_session_prefills_title_agenda_and_length(teacher_client, new_url, world):
    suggested = world.sessions.first()
    page = teacher_client.get(reverse("live_sessions", args=[world.token]))
    assert f"?suggested={suggested.pk}" in page.content.decode()
    form = teacher_client.get(f"{new_url}?suggested={suggested.pk}").context["form"]
    assert form.initial["title"] == suggested.title
    assert form.initial["minutes"] == suggested.minutes
    assert form.initial["suggested_session"] == suggested.pk


def test_editing_moves_the_session_and_cancelling_needs_post(
    teacher_client, world, classroom, delhi
):
    teacher_client.post(
        reverse("live_session_new", args=[world.token]), payload([classroom, delhi])
    )
    session = LiveSession.objects.get()
    edit = reverse("live_session_edit", args=[world.token, session.pk])
    form = teacher_client.get(edit).context["form"]
    assert form.initial["time"].strftime("%H:%M") == "13:00"
    response = teacher_client.post(edit, payload([classroom, delhi], time="14:30"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == datetime(2027, 2, 4, 17, 30, tzinfo=UTC)
    assert {r.due_at.hour for r in session.reminders.all()} == {16, 17}
    cancel = reverse("live_session_cancel", args=[world.token, session.pk])
    assert teacher_client.get(cancel).status_code == 405
    assert teacher_client.post(cancel).status_code == 302
    session.refresh_from_db()
    assert session.cancelled
    # A cancelled session can't be edited any more.
    response = teacher_client.post(edit, payload([classroom, delhi], time="15:00"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at.hour == 17

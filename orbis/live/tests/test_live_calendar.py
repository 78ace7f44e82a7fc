"""A session's .ics and a teacher's private feed: they parse, carry the right UTC times, and
the feed's secret address can be replaced (the old one then answers 404)."""

from datetime import UTC, date, datetime, timedelta

from django.urls import reverse
from icalendar import Calendar

from orbis.live import services
from orbis.live.models import CalendarFeed
from tests.builders import MEET, schedule

START = datetime(2027, 2, 4, 16, 0, tzinfo=UTC)  # 13:00 in Argentina


def events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk() if c.name == "VEVENT"]


def test_a_session_downloads_as_an_ics_event_at_the_right_utc_time(
    teacher_client, world, teacher, classroom, delhi
):
    session = schedule(world, teacher, [classroom, delhi], at=START)
    url = reverse("live_session_ics", args=[world.token, session.pk])
    response = teacher_client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(response.content)
    assert event.decoded("dtstart") == START
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") == START + timedelta(minutes=45)
    assert str(event["url"]) == MEET
    assert str(event["status"]) == "CONFIRMED"
    assert int(event["sequence"]) == 0
    uid = str(event["uid"])
    assert uid.startswith(f"live-session-{session.pk}@")
    assert "Class of Delhi" in str(event["description"])

    # Moved: same UID, a higher SEQUENCE, the new time.
    services.update_session(
        session, actor=teacher, classrooms=[classroom, delhi], starts_at=START + timedelta(hours=1)
    )
    (moved,) = events(teacher_client.get(url).content)
    assert str(moved["uid"]) == uid
    assert int(moved["sequence"]) == 1
    assert moved.decoded("dtstart") == START + timedelta(hours=1)

    # Cancelled: still downloadable, so a calendar app removes it.
    session.refresh_from_db()
    services.cancel_session(session, actor=teacher)
    (cancelled,) = events(teacher_client.get(url).content)
    assert str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == 2


def test_the_private_feed_has_sessions_and_milestones_and_needs_no_login(
    teacher_client, client, world, teacher, classroom, delhi, kyiv
):
    ours = schedule(world, teacher, [classroom, delhi], at=START)
    gone = schedule(world, teacher, [classroom, kyiv], at=START + timedelta(days=1), title="Gone")
    services.cancel_session(gone, actor=teacher)
    not_ours = schedule(world, delhi.teacher, [delhi, kyiv], title="Without Gisel's class")
    settings_page = teacher_client.get(reverse("live_calendar_feed_settings"))
    feed = CalendarFeed.objects.get(teacher=teacher)
    url = reverse("live_calendar_feed", args=[feed.token])
    assert f"http://testserver{url}" in settings_page.content.decode()
    assert len(feed.token) >= 40

    response = client.get(url)  # no login: calendar apps can't log in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.content)
    sessions = {str(e["uid"]): e for e in found if str(e["uid"]).startswith("live-session-")}
    assert [uid.split("@")[0] for uid in sessions] == [f"live-session-{ours.pk}"]
    assert next(iter(sessions.values())).decoded("dtstart") == START
    assert not any(str(e["summary"]).endswith(not_ours.title) for e in found)
    milestones = [e for e in found if "-milestone-" in str(e["uid"])]
    assert len(milestones) == world.milestones.count() > 0
    first = world.milestones.order_by("due_date").first()
    dates = {e.decoded("dtstart") for e in milestones}
    assert first.due_date in dates
    assert all(type(d) is date for d in dates)  # all-day entries


def test_a_new_link_makes_the_old_feed_address_404(teacher_client, client, teacher, world):
    old = services.feed_of(teacher).token
    assert client.get(reverse("live_calendar_feed", args=[old])).status_code == 200
    response = teacher_client.post(reverse("live_calendar_feed_reset"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(teacher=teacher).token
    assert new != old
    assert client.get(reverse("live_calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("live_calendar_feed", args=[new])).status_code == 200


def test_unknown_or_hostile_feed_tokens_are_404(client, db):
    for token in ["nope", "x" * 65, "%00", "' OR 1=1 --"]:
        assert client.get(f"/live/calendar/{token}.ics").status_code == 404

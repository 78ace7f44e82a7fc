"""What teachers and students see: every time in their own zone and in each class's local
time (daylight-saving time included), the slot finder's proposals, the dashboard and the
students' space."""

import html
import re
from datetime import UTC, datetime

from django.urls import reverse

from tests.builders import add_partner, schedule, weekdays
from tests.factories import ClassroomFactory, SchoolFactory, StudentFactory, TeacherFactory
from tests.helpers import student_client_for


def text(response) -> str:
    """The page as a reader reads it: no tags, entities decoded, white space collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body))


def row(page: str, name: str) -> str:
    """The local-time line of one class in a page's text."""
    return page.split(name, 1)[1][:160]


# ---- local times across zones and a daylight-saving change ---------------------------------


def test_local_times_follow_each_zone_across_the_march_clock_change(
    teacher_client, world, teacher, classroom, delhi, kyiv
):
    # Kyiv moves to summer time on 28 March 2027; Argentina and India have none.
    before = schedule(
        world, teacher, [classroom, delhi, kyiv], at=datetime(2027, 3, 25, 12, 0, tzinfo=UTC)
    )
    after = schedule(
        world, teacher, [classroom, delhi, kyiv], at=datetime(2027, 3, 30, 12, 0, tzinfo=UTC)
    )
    first = text(teacher_client.get(reverse("live_session_detail", args=[world.token, before.pk])))
    second = text(teacher_client.get(reverse("live_session_detail", args=[world.token, after.pk])))
    assert "Thu 25 Mar 2027, 09:00–09:45 your time (America/Argentina/Cordoba)" in first
    assert "Thu 25 Mar 2027, 14:00–14:45 Europe/Kyiv" in row(first, "Kyiv 7-A")
    assert "Thu 25 Mar 2027, 17:30–18:15 Asia/Kolkata" in row(first, "Class of Delhi")
    assert "Tue 30 Mar 2027, 09:00–09:45 your time" in second
    assert "Tue 30 Mar 2027, 15:00–15:45 Europe/Kyiv" in row(second, "Kyiv 7-A")
    assert "Tue 30 Mar 2027, 17:30–18:15 Asia/Kolkata" in row(second, "Class of Delhi")
    # The same UTC time is inside Kyiv's hours (09:00–15:00) in winter, outside in summer.
    assert "Outside this class's hours." not in row(first, "Kyiv 7-A").split("Scheduled by")[0]
    assert "Outside this class's hours." in row(second, "Kyiv 7-A")
    assert "Outside this class's hours." in row(second, "Class of Delhi")  # Delhi ends at 14:00
    assert "Outside this class's hours." in row(first, "6th grade B")  # it meets on Tuesdays


def test_a_class_is_warned_of_its_public_holiday(teacher_client, world, teacher, classroom, kyiv):
    # 24 March is a public holiday in Argentina (Day of Remembrance for Truth and Justice).
    session = schedule(
        world, teacher, [classroom, kyiv], at=datetime(2027, 3, 24, 12, 0, tzinfo=UTC)
    )
    page = text(teacher_client.get(reverse("live_session_detail", args=[world.token, session.pk])))
    assert "No school that day (public holiday:" in row(page, "6th grade B")
    assert "No school that day" not in row(page, "Kyiv 7-A")


def test_the_list_shows_each_viewer_their_own_zone(
    teacher_client, login_client, world, teacher, partner_teacher, classroom, delhi
):
    schedule(world, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, 0, tzinfo=UTC))
    url = reverse("live_sessions", args=[world.token])
    gisel = text(teacher_client.get(url))
    assert "Thu 4 Feb 2027, 13:00–13:45 your time (America/Argentina/Cordoba)" in gisel
    assert "Rivers we live by" in gisel and "Upcoming" in gisel
    jhansi = text(login_client(partner_teacher).get(url))
    assert "Thu 4 Feb 2027, 21:30–22:15 your time (Asia/Kolkata)" in jhansi


def test_students_see_their_class_sessions_in_their_zone_but_not_the_link(
    student_client, world, teacher, classroom, delhi, kyiv, student
):
    ours = schedule(world, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, 0, tzinfo=UTC))
    theirs = schedule(world, delhi.teacher, [delhi, kyiv], title="Delhi and Kyiv only")
    page = text(student_client.get(reverse("live_sessions", args=[world.token])))
    assert "Rivers we live by" in page and "Delhi and Kyiv only" not in page
    assert "13:00–13:45 your time (America/Argentina/Cordoba)" in page
    assert "Schedule a live session" not in page
    detail = student_client.get(reverse("live_session_detail", args=[world.token, ours.pk]))
    # A link can carry the meeting's passcode: students (minors) join with their class.
    assert "meet.jit.si" not in detail.content.decode()
    assert "Your teacher opens the meeting (Jitsi) in class" in text(detail)
    ics = student_client.get(reverse("live_session_ics", args=[world.token, ours.pk]))
    assert ics.status_code == 200 and b"meet.jit.si" not in ics.content
    assert "Change or move" not in text(detail)
    other = reverse("live_session_detail", args=[world.token, theirs.pk])
    assert student_client.get(other).status_code == 404
    space = text(student_client.get(reverse("student_space")))
    assert "Your next live sessions" in space
    assert "Rivers we live by" in space and "Thu 4 Feb 2027, 13:00–13:45" in space
    # Tiger's class in Delhi reads the same session in its own zone.
    tiger = student_client_for(StudentFactory(classroom=delhi, nickname="Tiger"))
    assert "Thu 4 Feb 2027, 21:30–22:15" in text(tiger.get(reverse("student_space")))


def test_the_dashboard_lists_upcoming_sessions_in_the_teachers_time(
    login_client, world, teacher, classroom, delhi, partner_teacher
):
    schedule(world, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, 0, tzinfo=UTC))
    page = text(login_client(partner_teacher).get(reverse("dashboard")))
    assert "Upcoming live sessions" in page
    assert "Rivers we live by · Thu 4 Feb 2027, 21:30–22:15" in page
    gisel = text(login_client(teacher).get(reverse("dashboard")))
    assert "Rivers we live by · Thu 4 Feb 2027, 13:00–13:45" in gisel
    assert "Your time (Asia/Kolkata)." in page
    assert "Your sessions in your calendar app" in page


def test_the_dashboard_of_a_teacher_without_school_or_sessions_still_answers(login_client, staff):
    ClassroomFactory(teacher=staff)
    response = login_client(staff).get(reverse("dashboard"))
    assert response.status_code == 200
    assert "Upcoming live sessions" not in text(response)


# ---- the slot finder ------------------------------------------------------------------------


def finder_url(project, classrooms, minutes=45, first="2027-02-02", last="2027-02-15") -> str:
    ids = "&".join(f"classrooms={c.pk}" for c in classrooms)
    return (
        reverse("live_session_new", args=[project.token])
        + f"?find=1&first_day={first}&last_day={last}&minutes={minutes}&{ids}"
    )


def test_three_continents_no_single_time_two_sessions_include_everyone(
    teacher_client, world, classroom, delhi, kyiv
):
    weekdays(classroom, "08:00", "12:00")  # Rosario mornings, beside the Tuesday afternoon
    response = teacher_client.get(finder_url(world, [classroom, delhi, kyiv]))
    page = text(response)
    assert "No single time fits all 3 classes. These 2 sessions together include everyone:" in page
    finding = response.context["finding"]
    attended = [{row.classroom.name for row in slot.classes} for slot in finding.covering]
    assert set().union(*attended) == {"6th grade B", "Class of Delhi", "Kyiv 7-A"}
    assert "Session 1 — 🇮🇳 Class of Delhi + 🇺🇦 Kyiv 7-A" in page
    assert "Session 2 — 🇦🇷 6th grade B + 🇺🇦 Kyiv 7-A" in page
    # Each proposal in Gisel's time and in each class's own: Kyiv is 5 hours ahead of Rosario.
    assert (
        "Tue 2 Feb 2027, 08:30–09:15 your time comfortable "
        "🇦🇷 6th grade B: Tue 08:30–09:15 🇺🇦 Kyiv 7-A: Tue 13:30–14:15" in page
    )
    assert "everyone can attend" not in page
    use = finding.covering[1].use_url
    assert use.startswith(
        reverse("live_session_new", args=[world.token]) + "?day=2027-02-02&time=08%3A30"
    )


def test_when_everyone_can_meet_the_best_times_say_so(teacher_client, world, classroom, kyiv):
    weekdays(classroom, "08:00", "12:00")
    response = teacher_client.get(finder_url(world, [classroom, kyiv]))
    page = text(response)
    assert "These times suit all 2 classes, best first." in page
    assert "everyone can attend" in page
    assert all(slot.everyone for slot in response.context["finding"].best)


def test_an_isolated_class_is_told_plainly_with_the_smallest_compromise(
    teacher_client, project, classroom
):
    school = SchoolFactory(
        name="Escola Lisboa", country="PT", city="Lisboa", time_zone="Europe/Lisbon"
    )
    lisbon = ClassroomFactory(teacher=TeacherFactory(school=school), name="Lisboa 6.º A")
    weekdays(lisbon, "09:00", "16:15")
    add_partner(project, lisbon)
    page = text(teacher_client.get(finder_url(project, [classroom, lisbon])))
    assert "6th grade B can meet no other class inside its hours." in page
    assert (
        "Starting 30 minutes before the school day on Tuesdays would let 6th grade B meet "
        "Lisboa 6.º A." in page
    )
    assert "Lisboa 6.º A can meet no other class inside its hours." in page
    assert "Or let 6th grade B take part asynchronously" in page
    assert "everyone can attend" not in page


def test_the_finder_refuses_a_window_too_long_or_in_the_past(
    teacher_client, world, classroom, kyiv
):
    too_long = text(teacher_client.get(finder_url(world, [classroom, kyiv], last="2027-06-30")))
    assert "Look at 12 weeks at most." in too_long
    past = text(teacher_client.get(finder_url(world, [classroom, kyiv], first="2027-01-20")))
    assert "Start from today or later." in past


def test_the_finder_defaults_to_all_classes_and_the_next_school_days(teacher_client, world):
    form = teacher_client.get(reverse("live_session_new", args=[world.token])).context[
        "finder_form"
    ]
    assert len(form.initial["classrooms"]) == 3
    assert form.initial["first_day"].isoformat() == "2027-02-02"
    # 14 school days in Rosario from 2 February, skipping the weekends and Carnival (8–9 Feb).
    assert form.initial["last_day"].isoformat() == "2027-02-23"


def test_pages_of_a_student_of_another_class_are_404(client, world):
    other = StudentFactory(classroom=ClassroomFactory(), nickname="Lobo")
    from orbis.students.middleware import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = {"id": other.pk, "version": other.session_version}
    session.save()
    assert client.get(reverse("live_sessions", args=[world.token])).status_code == 404


def test_a_teacher_whose_school_is_gone_reads_utc_and_nothing_fails(
    teacher_client, login_client, world, teacher, classroom, delhi, kyiv
):
    from orbis.accounts.models import User

    User.objects.filter(pk=delhi.teacher_id).update(school=None)
    weekdays(classroom, "08:00", "12:00")
    session = schedule(world, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, tzinfo=UTC))
    finder = teacher_client.get(finder_url(world, [classroom, delhi, kyiv]))
    assert finder.status_code == 200
    jhansi = login_client(User.objects.get(pk=delhi.teacher_id))
    detail = text(jhansi.get(reverse("live_session_detail", args=[world.token, session.pk])))
    assert "Thu 4 Feb 2027, 16:00–16:45 your time (UTC)" in detail
    assert jhansi.get(reverse("dashboard")).status_code == 200
    assert jhansi.get(reverse("live_session_new", args=[world.token])).status_code == 200

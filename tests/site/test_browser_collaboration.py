"""The main path of a collaboration, in a real Chromium, from the board to the certificate.

Gisel's class in Rosario (Argentina) and Jhansi's in Hyderabad (India) run a project. On the
board a disguised file is refused and a photo is posted without its GPS position; a student
joins with the class code and her post waits for Gisel's approval; Jhansi comments. Gisel finds
a time both classes are in school with the slot finder, schedules the session (reminders and a
calendar feed follow), both classes reflect, Gisel completes the project, publishes its showcase
and downloads her certificate; a visitor sees the showcase without any student's nickname.
"""

import io
from datetime import timedelta

import icalendar
import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from orbis.board.models import Attachment, Post
from orbis.classrooms.codes import display_code
from orbis.classrooms.models import AvailabilityPeriod
from orbis.live.models import LiveSession, SessionReminder
from orbis.notifications.models import Notification
from orbis.projects.models import Project
from orbis.reflections.models import ReflectionResponse
from orbis.showcase.models import Showcase
from tests.builders import add_partner, build_project
from tests.factories import ClassroomFactory
from tests.samples import jpeg, pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
GPS_IFD = 0x8825


def expected_reminders(session) -> list[int]:
    """24 h and 1 h before, except those already past when it was scheduled (a session
    tomorrow morning gets only the 1-hour reminder)."""
    now = timezone.now()
    return sorted(h for h in (1, 24) if session.starts_at - timedelta(hours=h) > now)


def school_week(classroom, start: int, end: int) -> None:
    """The class can meet every school day from start to end (minutes, local time)."""
    classroom.availability.all().delete()
    for weekday in range(5):
        AvailabilityPeriod.objects.create(
            classroom=classroom, weekday=weekday, start_minute=start, end_minute=end
        )


def log_in(page, url: str, email: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda address: "/accounts/login/" not in address)


@pytest.fixture
def project(classroom, partner_teacher):
    # Rosario 07:40–09:00 is 10:40–12:00 UTC; Hyderabad 15:40–17:00 is 10:10–11:30 UTC.
    school_week(classroom, 7 * 60 + 40, 9 * 60)
    hyderabad = ClassroomFactory(teacher=partner_teacher, name="Class 7 Science")
    school_week(hyderabad, 15 * 60 + 40, 17 * 60)
    running = build_project(classroom, status=Project.Status.RUNNING)
    add_partner(running, hyderabad)
    return running


def test_from_the_board_to_the_certificate(
    browser_page, screenshot, live_server, project, classroom, teacher, partner_teacher, tmp_path
):
    url = live_server.url
    disguised = tmp_path / "drawing.jpg"
    disguised.write_bytes(pdf())
    photo = tmp_path / "our-school.jpg"
    photo.write_bytes(jpeg(900, 600, gps=True))

    # The board: a file whose content contradicts its name is refused, a photo is posted.
    gisel = browser_page()
    log_in(gisel, url, teacher.email)
    gisel.goto(f"{url}/projects/{project.token}/")
    gisel.get_by_role("link", name="Board", exact=True).click()
    gisel.get_by_text("Write a post").click()
    gisel.get_by_label("Title").fill("Our school in Rosario")
    gisel.get_by_label("Text").fill("Hola! We start at **07:40**.")
    gisel.get_by_label("Attachments").set_input_files(str(disguised))
    gisel.get_by_role("button", name="Post", exact=True).click()
    gisel.locator(".error-summary").get_by_text(
        "The file is called “drawing.jpg” but it is"
    ).wait_for()
    assert Post.objects.count() == 0 and Attachment.objects.count() == 0
    assert not default_storage.exists("board")
    gisel.get_by_label("Attachments").set_input_files(str(photo))
    gisel.get_by_role("button", name="Post", exact=True).click()
    gisel.get_by_text("Your post is on the board.").wait_for()
    attachment = Attachment.objects.get()
    with default_storage.open(attachment.file.name) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert GPS_IFD not in image.getexif() and not image.getexif()  # no GPS, no EXIF

    # A student joins with the class code; her post waits for her teacher.
    carpincho = browser_page(width=420)
    carpincho.goto(f"{url}/")
    carpincho.get_by_role("link", name="I am a student: join my class").click()
    carpincho.get_by_label("Class code").fill(display_code(classroom.join_code))
    carpincho.get_by_label("Nickname").fill("Carpincho")
    carpincho.get_by_label("I'll follow these rules").check()
    carpincho.get_by_role("button", name="Join").click()
    carpincho.get_by_role("link", name="Open the board").click()
    carpincho.get_by_text("Write a post").click()
    carpincho.get_by_label("Title").fill("The game we play at the break")
    carpincho.get_by_label("Text").fill("We play *la mancha*.")
    carpincho.get_by_role("button", name="Post", exact=True).click()
    carpincho.get_by_text("Your post waits for your teacher's approval.").wait_for()
    screenshot(carpincho, "collaboration-student-waits")

    # Jhansi sees Gisel's post, not the waiting one, and gives feedback.
    jhansi = browser_page()
    log_in(jhansi, url, partner_teacher.email)
    jhansi.goto(f"{url}/board/{project.token}/")
    jhansi.get_by_role("link", name="Our school in Rosario").wait_for()
    assert jhansi.get_by_text("The game we play at the break").count() == 0
    jhansi.get_by_role("link", name="Our school in Rosario").click()
    jhansi.get_by_label("I like…").check()
    jhansi.get_by_label("Your feedback").fill("how early you start! Ours is 08:30.")
    jhansi.get_by_role("button", name="Send").click()
    jhansi.get_by_text("Your comment is posted.").wait_for()

    # Gisel approves her student's post from her queue; Jhansi sees it now.
    gisel.goto(f"{url}/board/{project.token}/queue/")
    gisel.get_by_text("The game we play at the break").wait_for()
    gisel.get_by_role("button", name="Approve", exact=True).click()
    gisel.get_by_text("Approved: everyone sees it now.").wait_for()
    jhansi.goto(f"{url}/board/{project.token}/")
    jhansi.get_by_role("link", name="The game we play at the break").wait_for()
    screenshot(jhansi, "collaboration-board")

    # The slot finder proposes a time both classes are in school; Gisel schedules it.
    gisel.goto(f"{url}/projects/{project.token}/")
    gisel.get_by_role("link", name="Live sessions", exact=True).click()
    gisel.get_by_role("link", name="Schedule a live session").click()
    gisel.get_by_role("button", name="Find times").click()
    gisel.get_by_role("heading", name="Proposed times").wait_for()
    assert "everyone can attend" in gisel.content()
    gisel.locator("#results ol.slots > li").first.get_by_role("link", name="Use this time").click()
    gisel.get_by_label("Title").fill("Our schools, live")
    gisel.get_by_label("Agenda").fill("Each class shows its school; questions both ways.")
    gisel.get_by_label("Meeting link").fill("https://meet.jit.si/orbis-rosario-hyderabad")
    gisel.get_by_role("button", name="Schedule the session").click()
    gisel.get_by_text("The session is scheduled; the other teachers are told.").wait_for()
    session = LiveSession.objects.get()
    assert (session.starts_at.hour, session.starts_at.minute) >= (10, 40)  # both in school
    assert session.ends_at.hour * 60 + session.ends_at.minute <= 11 * 60 + 30
    assert sorted(
        SessionReminder.objects.filter(session=session).values_list("hours_before", flat=True)
    ) == expected_reminders(session)
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.SESSION_SCHEDULED
    ).exists()
    screenshot(gisel, "collaboration-session")

    # Her private calendar feed carries the session at the right moment.
    gisel.get_by_role("link", name="All live sessions").click()
    gisel.get_by_role("link", name="Your sessions in your calendar app").click()
    feed_url = gisel.get_by_label("Your private calendar address").input_value()
    feed = gisel.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    events = [
        event
        for event in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
        if str(event.get("SUMMARY")) == f"{project.title}: Our schools, live"
    ]
    assert len(events) == 1 and events[0].decoded("DTSTART") == session.starts_at

    # Both classes reflect: each teacher records her class's answer.
    for page, name in ((gisel, classroom.name), (jhansi, "Class 7 Science")):
        page.goto(f"{url}/reflections/{project.token}/")
        answer = page.locator("details.reflection-answer").filter(has_text=f"The answer of {name}")
        answer.first.get_by_label("Answer").fill(f"{name}: we learnt how the others start the day.")
        answer.first.get_by_role("button", name="Save").click()
        page.get_by_text(f"{name}: we learnt how the others start the day.").first.wait_for()
    assert ReflectionResponse.objects.filter(status="approved").count() == 2

    # The project ends; the owner publishes its showcase and downloads her certificate.
    gisel.goto(f"{url}/projects/{project.token}/")
    gisel.get_by_role("button", name="Mark as completed").click()
    gisel.get_by_role("link", name="Showcase", exact=True).click()
    gisel.get_by_label("Our school in Rosario").check()
    gisel.get_by_label("The game we play at the break").check()
    gisel.get_by_role("button", name="Save the choice").click()
    gisel.get_by_text("The choice of posts was saved.").wait_for()
    gisel.get_by_role("button", name="Publish").click()
    gisel.get_by_text("The showcase is public now.").wait_for()
    screenshot(gisel, "collaboration-showcase-manage")
    certificate = gisel.request.get(f"{url}/showcase/manage/{project.token}/certificate.pdf")
    assert certificate.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(certificate.body())).pages)
    for expected in (project.title, classroom.name, "Class 7 Science", "Argentina", "India"):
        assert expected in " ".join(text.split()), expected

    # A visitor, signed in nowhere, sees the showcase: no nickname, no unconsented picture.
    showcase = Showcase.objects.get(project=project)
    visitor = browser_page(javascript=False)
    visitor.goto(f"{url}/showcase/{showcase.slug}/")
    visitor.get_by_role("heading", name="The game we play at the break").wait_for()
    body = visitor.content()
    assert "Carpincho" not in body and "India" in body and "Argentina" in body
    assert visitor.locator("main img").count() == 0  # no consent for pictures was given
    screenshot(visitor, "collaboration-showcase-public")

"""In a real Chromium: Gisel posts on the board with a picture; her student Puma's post waits
for her approval, she approves it from her queue, and her partner Jhansi in Delhi sees both."""

import pytest
from django.conf import settings
from django.test import Client

from orbis.board.models import Post, Status
from orbis.students.middleware import SESSION_KEY
from tests.samples import png_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser_page, live_server, *, user=None, student=None, width=1000):
    """A browser page with the session of a teacher or a student (signing in is tested
    elsewhere; here the board is)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    else:
        session = client.session
        session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
        session.save()
    page = browser_page(width=width)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_a_post_with_a_picture_and_a_student_post_approved(
    browser_page, screenshot, live_server, partnered, teacher, partner_teacher, student, tmp_path
):
    url = f"{live_server.url}/board/{partnered.token}/"
    picture = tmp_path / "river.png"
    picture.write_bytes(png_upload("river.png", size=(640, 420), color="teal").read())

    gisel = signed_in(browser_page, live_server, user=teacher)
    gisel.goto(url)
    gisel.get_by_text("Write a post").click()
    gisel.get_by_label("Title").fill("Our river in spring")
    gisel.get_by_label("Text").fill("We measured the water: **12 °C**. What about yours?")
    gisel.get_by_label("Attachments").set_input_files(str(picture))
    gisel.get_by_role("button", name="Post", exact=True).click()
    gisel.get_by_text("Your post is on the board.").wait_for()
    assert gisel.locator("article.post img[alt='river.png']").is_visible()
    gisel.get_by_role("button", name="Love it").first.click()  # htmx swaps the reaction bar
    gisel.locator("button.reaction[aria-pressed='true']").wait_for()

    puma = signed_in(browser_page, live_server, student=student, width=420)
    puma.goto(url)
    puma.get_by_text("Write a post").click()
    puma.get_by_label("Title").fill("Our school garden")
    puma.get_by_label("Text").fill("We planted *tomatoes* <script>alert(1)</script>")
    puma.get_by_role("button", name="Post", exact=True).click()
    puma.get_by_text("Your post waits for your teacher's approval.").wait_for()
    puma.get_by_text("Waiting for your teacher. Only you can see it for now.").wait_for()
    post = Post.objects.get(title="Our school garden")
    assert post.status == Status.PENDING

    jhansi = signed_in(browser_page, live_server, user=partner_teacher)
    jhansi.goto(url)
    assert jhansi.get_by_text("Our school garden").count() == 0

    gisel.goto(f"{url}queue/")
    gisel.get_by_role("heading", name="Posts waiting for approval").wait_for()
    gisel.get_by_text("Our school garden").wait_for()
    gisel.get_by_role("button", name="Approve", exact=True).click()
    gisel.get_by_text("Approved: everyone sees it now.").wait_for()
    post.refresh_from_db()
    assert post.status == Status.APPROVED

    jhansi.goto(url)
    jhansi.get_by_role("link", name="Our school garden").wait_for()
    assert jhansi.locator("article.post em", has_text="tomatoes").count() == 1
    assert jhansi.locator("article.post script").count() == 0
    jhansi.locator("img[alt='river.png']").wait_for()
    screenshot(jhansi, "board")
    screenshot(puma, "board-student-phone")

    jhansi.get_by_role("link", name="Our river in spring").click()
    jhansi.get_by_label("I wonder…").check()
    jhansi.get_by_label("Your feedback").fill("how you measured it. We used a kitchen thermometer!")
    jhansi.get_by_role("button", name="Send").click()
    jhansi.get_by_text("Your comment is posted.").wait_for()
    jhansi.get_by_text("We used a kitchen thermometer!").wait_for()
    screenshot(jhansi, "board-post")

"""One way to write a day in each language, on every page (orbis/web/formats): the key pages of
a running collaboration show their dates as "Thu 4 Feb 2027" ("jue 4 feb 2027"), never as
"Feb. 4, 2027", "02/04/2027", "4 February" or "Thu 4 Feb" beside it."""

import html
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS_ABBR

from orbis.board.services import comment_create, post_create
from tests.builders import schedule
from tests.helpers import student_client_for

pytestmark = pytest.mark.django_db

OTHER_FORMATS = {
    "numeric": re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),  # 12/14/2026, 14.12.2026
    "month first": re.compile(r"\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}"),  # Dec. 14, 2026
}


def read(response) -> str:
    """The page as a reader reads it, without the week labels of the timeline picture (the
    one place a day is written short, under its month: MONTH_DAY_FORMAT)."""
    assert response.status_code == 200
    page = re.sub(r'<text class="tl-weeklabel"[^>]*>[^<]*</text>', " ", response.content.decode())
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def days_written(page: str, language: str) -> list[str]:
    """Every day written on the page, with what stands around it (a weekday before, a year
    after), as the language names weekdays and months."""
    with translation.override(language):
        weekdays = "|".join(re.escape(str(WEEKDAYS_ABBR[d])) for d in range(7))
        months = "|".join(re.escape(str(name)) for name in [*MONTHS.values(), *MONTHS_3.values()])
    pattern = rf"(?:(?:{weekdays}) )?\b\d{{1,2}} (?:de )?(?:{months})\b\.?(?: (?:de )?\d{{4}})?"
    return re.findall(pattern, page, flags=re.IGNORECASE)


@pytest.fixture
def collaboration(partnered, teacher, classroom, delhi, student):
    """Gisel's running project with Delhi: a live session, a post with a comment, a student's
    post waiting for approval, and the notifications they sent."""
    schedule(partnered, teacher, [classroom, delhi], at=datetime(2027, 2, 4, 16, 0, tzinfo=UTC))
    post = post_create(
        project=partnered, classroom=delhi, phase="execution", title="Our river",
        body="The river near our school.", teacher=delhi.teacher,
    )  # fmt: skip
    comment_create(post=post, starter="like", body="The colours of the water.", teacher=teacher)
    post_create(
        project=partnered, classroom=classroom, phase="execution", title="Puma's drawing",
        body="A drawing of the Paraná.", student=student,
    )  # fmt: skip
    return partnered, post


def pages(collaboration, teacher, partner_teacher, student, login_client):
    project, post = collaboration
    session = project.live_sessions.get()
    token = project.token
    gisel, jhansi = login_client(teacher), login_client(partner_teacher)
    return [
        (gisel, reverse("dashboard")),
        (gisel, reverse("project_detail", args=[token])),
        (gisel, reverse("project_mine")),
        (gisel, reverse("board", args=[token])),
        (gisel, reverse("board_post", args=[token, post.pk])),
        (gisel, reverse("board_queue", args=[token])),
        (gisel, reverse("live_sessions", args=[token])),
        (gisel, reverse("live_session_detail", args=[token, session.pk])),
        (jhansi, reverse("notification_list")),
        (jhansi, reverse("dashboard")),
        (student_client_for(student), reverse("student_space")),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_key_page_writes_a_day_one_way(
    language, collaboration, teacher, partner_teacher, student, login_client
):
    for client, url in pages(collaboration, teacher, partner_teacher, student, login_client):
        page = read(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
        for name, other in OTHER_FORMATS.items():
            assert not other.search(page), (url, name, other.search(page))
        days = days_written(page, language)
        with translation.override(language):
            weekdays = "|".join(re.escape(str(WEEKDAYS_ABBR[d])) for d in range(7))
            months = "|".join(re.escape(str(MONTHS_3[m])) for m in range(1, 13))
        one_way = re.compile(rf"(?:{weekdays}) \d{{1,2}} (?:{months}) \d{{4}}", re.IGNORECASE)
        assert [day for day in days if not one_way.fullmatch(day)] == [], url
    assert days  # the last page (the student's space) shows the session's day


def test_a_day_reads_the_same_in_every_language_pattern():
    # One family per language: weekday, day, month, year; a moment adds the 24-hour time.
    from django.utils.formats import date_format

    moment = datetime(2027, 2, 4, 21, 30, tzinfo=UTC)
    expected = {
        "en": "Thu 4 Feb 2027, 21:30",
        "es": "jue 4 feb 2027, 21:30",
        "fr": "jeu 4 fév 2027, 21:30",
        "tr": "Prş 4 Şub 2027, 21:30",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert date_format(moment, "DATETIME_FORMAT") == text
            assert date_format(moment.date(), "DATE_FORMAT") == text.removesuffix(", 21:30")

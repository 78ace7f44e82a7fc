"""A refused form starts with its error summary: the first thing inside the <form>, "There are
N problems", one link per wrong field to an input of the page (for a group of boxes, the
first box), focused as the page loads. Checked on the key forms of the first ten minutes:
the classroom (with a wrong timetable far below), the school and the sign-up."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from orbis.schools.tests.test_school_form import school_data
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The ids of the page's elements, the first element in each form (hidden inputs aside)
    and the links of the error summaries."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: dict[str, str] = {}
        self.first_in_form: list[dict] = []
        self.summary_links: list[str] = []
        self._in_form = False
        self._summary_depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids[attrs["id"]] = tag
        if tag == "form":
            self._in_form = True
            return
        if self._in_form and not (tag == "input" and attrs.get("type") == "hidden"):
            self.first_in_form.append({"tag": tag, **attrs})
            self._in_form = False
        if "error-summary" in (attrs.get("class") or "").split():
            self._summary_depth = 1
        elif self._summary_depth and tag != "input":
            self._summary_depth += 1
            if tag == "a":
                self.summary_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if self._summary_depth:
            self._summary_depth -= 1


def summary_of(response, count: int) -> Page:
    assert response.status_code == 200
    page = Page(response.text)
    problems = f"There are {count} problems" if count > 1 else "There is 1 problem"
    assert problems in response.text
    assert response.text.count('class="error-summary"') == 1
    starts = [first for first in page.first_in_form if "error-summary" in first.get("class", "")]
    assert len(starts) == 1, "the summary is the first thing in its form"
    assert starts[0]["role"] == "alert" and starts[0]["tabindex"] == "-1"
    assert "autofocus" in starts[0]
    for link in page.summary_links:
        assert page.ids.get(link.removeprefix("#")) in {"input", "select", "textarea"}, link
    return page


def test_classroom_with_a_wrong_timetable(teacher_client, classroom_data):
    data = classroom_data(name="", day_1="13:00-12:00", day_3="9-10:30 o'clock")
    response = teacher_client.post(reverse("classroom_create"), data)
    page = summary_of(response, 3)
    assert page.summary_links == ["#id_name", "#id_day_1", "#id_day_3"]
    assert "12:00 ends before it starts." in response.text


def test_live_classroom_without_a_timetable_links_to_the_first_day(teacher_client, classroom_data):
    response = teacher_client.post(reverse("classroom_create"), classroom_data(day_1=""))
    page = summary_of(response, 1)
    assert page.summary_links == ["#id_day_0"]
    assert "Add at least one period when your class could meet live" in response.text


def test_classroom_with_wrong_boxes_links_to_the_first_box(teacher_client, classroom_data):
    data = classroom_data(subjects=["alchemy"], exchange_mode="")
    page = summary_of(teacher_client.post(reverse("classroom_create"), data), 2)
    assert page.summary_links == ["#id_subjects_0", "#id_exchange_mode_0"]


def test_school(client):
    client.force_login(TeacherFactory(school=None))
    data = school_data(name="", country="US", city="Boston", weekend_days=["9"])
    page = summary_of(client.post(reverse("school_create"), data), 3)
    assert page.summary_links == ["#id_name", "#id_time_zone", "#id_weekend_days_0"]


def test_sign_up(client):
    data = {"email": "not an address", "password1": "short", "password2": "other"}
    page = summary_of(client.post(reverse("account_signup"), data), 3)
    assert page.summary_links == ["#id_email", "#id_accept_conduct", "#id_password1"]


def test_log_in_with_a_wrong_password(client, teacher):
    data = {"login": teacher.email, "password": "not the password"}
    page = summary_of(client.post(reverse("account_login"), data), 1)
    assert page.summary_links == ["#id_login"]


def test_a_form_shown_without_errors_has_no_summary(teacher_client):
    for name in ("classroom_create", "profile_edit", "account_logout"):
        response = teacher_client.get(reverse(name))
        assert response.status_code == 200
        assert "error-summary" not in response.text

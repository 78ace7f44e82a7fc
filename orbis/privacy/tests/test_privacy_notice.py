import re

from django.test import Client
from django.urls import reverse

from orbis.students.middleware import SESSION_KEY


def listed_cookies(client) -> set[str]:
    page = client.get(reverse("privacy_notice")).content.decode()
    block = page.split('class="privacy-cookies"', 1)[1].split("</ul>", 1)[0]
    return set(re.findall(r"<code>([^<]+)</code>", block))


def test_the_notice_is_public_and_reads_the_retention_settings(client, settings):
    settings.RETENTION_INACTIVE_TEACHER_DAYS = 999
    settings.RETENTION_INACTIVE_CLASSROOM_DAYS = 333
    settings.RETENTION_UNCONFIRMED_DAYS = 21
    response = client.get(reverse("privacy_notice"))
    assert response.status_code == 200
    page = response.content.decode()
    for days in ("999 days", "333 days", "21 days"):
        assert days in page
    assert "birth date" in page and "no tracking" in page.lower()


def test_the_footer_and_the_sign_up_page_link_to_it(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert reverse("privacy_notice") in page


def test_the_profile_links_to_export_and_delete(teacher_client):
    page = teacher_client.get(reverse("profile_edit")).content.decode()
    assert reverse("privacy_export") in page and reverse("privacy_delete") in page


def test_a_typical_visit_sets_only_the_cookies_the_notice_lists(db, teacher, student):
    teacher.set_password("a long password 123")
    teacher.save()
    set_cookies: set[str] = set()

    def visit(client, method, name, data=None, **kwargs):
        response = getattr(client, method)(reverse(name), data or {}, **kwargs)
        set_cookies.update(response.cookies.keys())
        return response

    visitor = Client()
    visit(visitor, "get", "home")
    visit(visitor, "get", "privacy_notice")
    visit(visitor, "get", "account_login")
    visit(visitor, "post", "set_language", {"language": "es", "next": "/"})
    visit(visitor, "post", "set_language", {"language": "en", "next": "/"})
    response = visit(
        visitor,
        "post",
        "account_login",
        {"login": teacher.email, "password": "a long password 123"},
    )
    assert response.status_code == 302
    visit(visitor, "get", "dashboard")
    visit(visitor, "get", "classroom_list")
    visit(visitor, "post", "account_logout", follow=True)

    pupil = Client()
    visit(pupil, "get", "student_join")
    visit(
        pupil,
        "post",
        "student_join",
        {
            "code": student.classroom.join_code,
            "nickname": student.nickname,
            "secret": student.secret,
            "accept_rules": "on",
        },
        follow=True,
    )
    assert SESSION_KEY in pupil.session
    visit(pupil, "get", "student_space")

    set_cookies |= set(visitor.cookies.keys()) | set(pupil.cookies.keys())
    assert {"sessionid", "csrftoken", "django_language"} <= set_cookies
    assert set_cookies <= listed_cookies(visitor)

"""In a real Chromium, which enforces the Content-Security-Policy: the key pages (home,
dashboard, a project with its timeline, the board with an htmx reaction, the slot finder, the
student join form) load without a single CSP violation or script error."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from orbis.board import services as board_services
from orbis.projects.models import Project
from tests.builders import build_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watched(page) -> list[str]:
    """Console errors and page errors of the page, as they happen."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def signed_in(browser_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = browser_page()
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


def test_key_pages_break_no_rule_of_the_policy(browser_page, live_server, teacher, classroom):
    project = build_project(classroom, status=Project.Status.RUNNING)
    board_services.post_create(
        project=project, classroom=classroom, phase="definition", title="Our river", body="",
        uploads=[], teacher=teacher,
    )  # fmt: skip
    url = live_server.url

    visitor = browser_page()
    visitor_problems = watched(visitor)
    for name in ("home", "account_login", "student_join"):
        visitor.goto(url + reverse(name))
        visitor.wait_for_load_state("networkidle")
    assert visitor_problems == []

    page = signed_in(browser_page, live_server, teacher)
    problems = watched(page)
    for path in (
        reverse("dashboard"),
        reverse("project_detail", args=[project.token]),
        reverse("live_session_new", args=[project.token]),
        reverse("board", args=[project.token]),
    ):
        response = page.goto(url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # The timeline is an inline SVG styled by the stylesheet alone.
    page.goto(url + reverse("project_detail", args=[project.token]))
    assert page.locator("figure.timeline svg").count() == 1
    # An htmx request (a reaction) swaps part of the page, under the same policy.
    page.goto(url + reverse("board", args=[project.token]))
    page.locator("form.reactions button").first.click()
    page.locator('.reactions button[aria-pressed="true"]').first.wait_for()
    page.wait_for_load_state("networkidle")
    assert problems == []

    # The watch does see a violation: Chromium refuses an injected inline style and says so.
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>p{color:red}</style>')")
    page.wait_for_timeout(200)
    assert any("Content Security Policy" in problem for problem in problems)

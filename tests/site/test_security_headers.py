"""Every page sends the security headers and the Content-Security-Policy, without unsafe-inline:
public pages, teacher pages, project spaces, errors and redirects; served files keep their own
stricter policy."""

import pytest
from django.urls import reverse

from orbis.board import services as board_services
from orbis.projects.models import Project
from orbis.uploads import serving
from tests.builders import build_project
from tests.samples import png_upload
from tests.site.csp import assert_page_is_locked_down
from tests.site.routes import REDIRECTS, ROUTES, TEACHER_ROUTES, url_for

# ---- headers ---------------------------------------------------------------------------------


def test_every_page_sends_the_security_headers(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert_page_is_locked_down(response)
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=()"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_error_pages_and_redirects_carry_the_policy_too(client, teacher_client, db):
    assert_page_is_locked_down(client.get("/no-such-page/"))
    assert_page_is_locked_down(client.get(reverse("dashboard")))  # a login redirect


def test_every_teacher_page_has_the_policy_without_unsafe_inline(teacher_client, world):
    seen = 0
    for name in TEACHER_ROUTES:
        if "GET" not in ROUTES[name].methods:
            continue
        url = url_for(name, world)
        response = teacher_client.get(url, follow=name in REDIRECTS)
        if response.headers.get("Content-Type", "").startswith("text/html"):
            assert_page_is_locked_down(response, url)
            seen += 1
    assert seen > 20


@pytest.mark.parametrize(
    "name", ["home", "account_login", "account_signup", "student_join", "learn:index"]
)
def test_public_pages_have_the_policy(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_page_is_locked_down(response, name)


def test_project_space_pages_have_the_policy(teacher_client, classroom, student_client):
    project = build_project(classroom, status=Project.Status.RUNNING)
    for name in ("project_detail", "board", "live_sessions", "live_session_new", "reflections"):
        response = teacher_client.get(reverse(name, args=[project.token]))
        assert response.status_code == 200, name
        assert_page_is_locked_down(response, name)


def test_uploaded_files_keep_their_own_stricter_policy(teacher_client, classroom):
    """The site-wide middleware must not replace the sandboxing policy of a served file."""
    project = build_project(classroom, status=Project.Status.RUNNING)
    post = board_services.post_create(
        project=project, classroom=classroom, phase="definition", title="Drawing", body="",
        uploads=[png_upload()], teacher=classroom.teacher,
    )  # fmt: skip
    attachment = post.attachments.get()
    response = teacher_client.get(reverse("board_file", args=[project.token, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == serving.CONTENT_SECURITY_POLICY

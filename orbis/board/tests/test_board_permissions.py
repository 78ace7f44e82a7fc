"""Who reaches every board URL, and how it answers everyone else.

Members only (teachers and students of member classes): anyone else gets the 404 a missing
project gives, anonymous visitors included on pages students use. Moderation (queues,
approve, reject, flag, decide) is for teachers: an anonymous visitor or a student is sent to
log in; a teacher who may not see the item gets 404. Approving is for the item's class's
teacher; flagging for the teacher of another member class; deciding for the class's teacher.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from orbis.board import services
from orbis.board.models import Post
from tests.factories import ClassroomFactory, StudentFactory
from tests.helpers import student_client_for
from tests.samples import png_upload

ROUTE_NAMES = {
    "board",
    "board_post_create",
    "board_gallery",
    "board_queue",
    "board_queue_all",
    "board_post",
    "board_post_edit",
    "board_post_delete",
    "board_comment",
    "board_react",
    "board_post_translate",
    "board_file",
    "board_thumbnail",
    "board_approve",
    "board_reject",
    "board_flag",
    "board_flag_decide",
}

ROLES = ("anonymous", "stranger_student", "outsider", "partner", "member_student", "owner")
# "ok": 200 for GET, a redirect into the board for POST. "refused": a redirect with an error
# message and nothing changed (the service says why). "login": sent to log in.
OK, REFUSED, LOGIN, NOT_FOUND = "ok", "refused", "login", 404
MEMBERS = dict.fromkeys(ROLES, NOT_FOUND) | {"partner": OK, "member_student": OK, "owner": OK}
TEACHERS = dict.fromkeys(ROLES, NOT_FOUND) | {
    "anonymous": LOGIN, "stranger_student": LOGIN, "member_student": LOGIN,
}  # fmt: skip

MATRIX = {
    "board": ("get", MEMBERS),
    "board_post_create": ("post", MEMBERS),
    "board_gallery": ("get", MEMBERS),
    "board_post": ("get", MEMBERS),
    "board_comment": ("post", MEMBERS),
    "board_react": ("post", MEMBERS),
    # Members only; with no translation service configured (as here) they are told so.
    # test_board_translation.py covers it with a service.
    "board_post_translate": ("post", MEMBERS),
    "board_file": ("get", MEMBERS),
    "board_thumbnail": ("get", MEMBERS),
    # Puma's post: she and her teacher change it; the partner teacher doesn't.
    "board_post_edit": ("get", MEMBERS | {"partner": NOT_FOUND}),
    "board_post_delete": ("get", MEMBERS | {"partner": NOT_FOUND}),
    "board_queue": ("get", TEACHERS | {"partner": OK, "owner": OK}),
    "board_queue_all": ("get", TEACHERS | {"outsider": OK, "partner": OK, "owner": OK}),
    # Puma's waiting post: only her teacher sees it, so only she decides.
    "board_approve": ("post", TEACHERS | {"owner": OK}),
    "board_reject": ("post", TEACHERS | {"owner": OK}),
    # Gisel's post: her partner flags it; she can't flag her own class's post.
    "board_flag": ("post", TEACHERS | {"partner": OK, "owner": REFUSED}),
    # Gisel's post flagged by the partner: Gisel decides, the partner can't.
    "board_flag_decide": ("post", TEACHERS | {"partner": REFUSED, "owner": OK}),
}

POST_ONLY = {name for name, (method, _roles) in MATRIX.items() if method == "post"}
BOTH = {"board_post_edit", "board_post_delete"}
DATA = {
    "title": "Hello",
    "phase": "execution",
    "body": "Hi",
    "kind": "heart",
    "reason": "Shows a full name",
    "outcome": "restored",
}


@pytest.fixture
def world(partnered, classroom, student, partner_teacher, outsider, login_client):
    post = services.post_create(
        project=partnered, classroom=classroom, phase="definition", title="Gisel's post",
        body="", uploads=[png_upload()], teacher=classroom.teacher,
    )  # fmt: skip
    student_post = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Puma's post",
        body="", student=student,
    )  # fmt: skip
    services.item_approve(item=student_post, teacher=classroom.teacher)
    pending = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="Waiting", body="",
        student=student,
    )  # fmt: skip
    flagged = services.post_create(
        project=partnered, classroom=classroom, phase="definition", title="Flagged", body="",
        teacher=classroom.teacher,
    )  # fmt: skip
    services.item_flag(item=flagged, teacher=partner_teacher, reason="names")
    stranger = StudentFactory(classroom=ClassroomFactory(teacher=outsider), nickname="Owl")
    clients = {
        "anonymous": Client(),
        "stranger_student": student_client_for(stranger),
        "outsider": login_client(outsider),
        "partner": login_client(partner_teacher),
        "member_student": student_client_for(student),
        "owner": login_client(classroom.teacher),
    }
    return {
        "project": partnered,
        "post": post,
        "student_post": student_post,
        "pending": pending,
        "flagged": flagged,
        "attachment": post.attachments.get(),
        "clients": clients,
    }


def route_url(name, world) -> str:
    token = world["project"].token
    if name == "board_queue_all":
        return reverse(name)
    if name in {"board_post", "board_comment", "board_react", "board_post_translate"}:
        return reverse(name, args=[token, world["post"].pk])
    if name in {"board_post_edit", "board_post_delete"}:
        return reverse(name, args=[token, world["student_post"].pk])
    if name in {"board_file", "board_thumbnail"}:
        return reverse(name, args=[token, world["attachment"].pk])
    if name in {"board_approve", "board_reject"}:
        return reverse(name, args=[token, "post", world["pending"].pk])
    if name == "board_flag":
        return reverse(name, args=[token, "post", world["post"].pk])
    if name == "board_flag_decide":
        return reverse(name, args=[token, "post", world["flagged"].pk])
    return reverse(name, args=[token])


def test_the_matrix_covers_every_route():
    assert set(MATRIX) == ROUTE_NAMES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
def test_every_role_on_every_route(name, role, world):
    method, expected = MATRIX[name]
    client = world["clients"][role]
    address = route_url(name, world)
    before = sorted(Post.objects.values_list("pk", "status", "flagged_at"))
    response = client.post(address, DATA) if method == "post" else client.get(address)
    outcome = expected[role]
    if outcome == LOGIN:
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == reverse(settings.LOGIN_URL)
    elif outcome == NOT_FOUND:
        assert response.status_code == 404
    elif outcome == REFUSED:
        assert response.status_code == 302
        assert sorted(Post.objects.values_list("pk", "status", "flagged_at")) == before
    elif method == "post":
        assert response.status_code == 302, response.content[:500]
        assert urlsplit(response["Location"]).path.startswith("/board/")
    else:
        assert response.status_code == 200
    if outcome in (LOGIN, NOT_FOUND) and method == "post":
        assert sorted(Post.objects.values_list("pk", "status", "flagged_at")) == before


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_routes_refuse_get(name, world):
    assert world["clients"]["owner"].get(route_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES - POST_ONLY - BOTH))
def test_get_only_routes_refuse_post(name, world):
    assert world["clients"]["owner"].post(route_url(name, world), DATA).status_code == 405


def test_an_unknown_item_kind_or_id_is_not_found(world):
    owner = world["clients"]["owner"]
    token = world["project"].token
    assert owner.post(f"/board/{token}/student/{world['pending'].pk}/approve/").status_code == 404
    missing = reverse("board_approve", args=[token, "comment", 999999])
    assert owner.post(missing).status_code == 404
    other = reverse("board_post", args=["no-such-project", world["post"].pk])
    assert owner.get(other).status_code == 404


def test_the_partner_sees_no_waiting_post_of_another_class(world):
    partner = world["clients"]["partner"]
    token = world["project"].token
    assert partner.get(reverse("board_post", args=[token, world["pending"].pk])).status_code == 404
    queue = partner.get(reverse("board_queue_all")).context["items"]
    assert not any(queue.values())

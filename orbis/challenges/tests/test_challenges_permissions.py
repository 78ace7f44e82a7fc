"""Who may reach every URL of the challenges app, and how each URL answers everyone else.

Public: the list, a published challenge's page and the files the gallery shows. Staff: opening
and editing challenges (anonymous visitors log in, other teachers get 404). Entering: a teacher
for her classes, a joined student for her own class; anonymous visitors log in. A class's
teacher alone decides on its entries and consent (404 for other teachers) and gets the
certificate. POST-only URLs answer GET with 405.
"""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.challenges.models import ChallengeEntry
from orbis.students.middleware import SESSION_KEY
from tests.builders import enter, open_challenge
from tests.factories import StudentFactory
from tests.samples import pdf_upload, png_upload

ROUTE_NAMES = {
    "challenge_list",
    "challenge_detail",
    "challenge_media",
    "challenge_thumbnail",
    "challenge_enter",
    "challenge_entries_mine",
    "challenge_entry_moderate",
    "challenge_entry_consent",
    "challenge_certificate",
    "challenge_staff_list",
    "challenge_create",
    "challenge_edit",
}
PUBLIC = ["challenge_list", "challenge_detail", "challenge_media", "challenge_thumbnail"]
STAFF = ["challenge_staff_list", "challenge_create", "challenge_edit"]
TEACHER = [
    "challenge_entries_mine",
    "challenge_entry_moderate",
    "challenge_entry_consent",
    "challenge_certificate",
]
POST_ONLY = {"challenge_entry_moderate", "challenge_entry_consent"}


@pytest.fixture
def world(classroom, student):
    """An open challenge with Gisel's approved entry (a picture with consent, a PDF) and a
    pending entry of her student Puma."""
    challenge = open_challenge()
    shown = enter(challenge, classroom, files=[png_upload(), pdf_upload()], show_faces=True)
    waiting = enter(challenge, classroom, student=student, files=[png_upload()], title="Waiting")
    image = shown.media.get(kind="image")
    return {
        "challenge": challenge,
        "shown": shown,
        "waiting": waiting,
        "image": image,
        "waiting_image": waiting.media.get(),
    }


def url_for(name, world, *, entry=None, media=None):
    slug = world["challenge"].slug
    if name in {"challenge_media", "challenge_thumbnail"}:
        return reverse(name, args=[slug, (media or world["image"]).pk])
    if name in {"challenge_entry_moderate", "challenge_entry_consent"}:
        return reverse(name, args=[(entry or world["waiting"]).pk])
    if name in {"challenge_detail", "challenge_enter", "challenge_certificate", "challenge_edit"}:
        return reverse(name, args=[slug])
    return reverse(name)


def as_student(student) -> Client:
    browser = Client()
    session = browser.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return browser


@pytest.fixture
def anonymous(db):
    """A visitor with no session (the `client` fixture is the one student_client signs in)."""
    return Client()


def assert_login(response, url):
    assert response.status_code == 302, url
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


def test_route_names_are_this_apps_urls():
    from orbis.challenges import urls

    assert {pattern.name for pattern in urls.urlpatterns} == ROUTE_NAMES
    assert set(PUBLIC + STAFF + TEACHER + ["challenge_enter"]) == ROUTE_NAMES


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_for_everyone(
    name, world, anonymous, student_client, login_client, outsider, staff
):
    url = url_for(name, world)
    for who in [anonymous, student_client, login_client(outsider), login_client(staff)]:
        assert who.get(url).status_code == 200, name


@pytest.mark.parametrize("name", ["challenge_media", "challenge_thumbnail"])
def test_a_pending_entrys_files_are_for_its_teacher_and_author(
    name, world, anonymous, student_client, login_client, outsider, teacher
):
    url = url_for(name, world, media=world["waiting_image"])
    classmate = as_student(StudentFactory(classroom=world["waiting"].classroom))
    assert anonymous.get(url).status_code == 404
    assert login_client(outsider).get(url).status_code == 404
    assert classmate.get(url).status_code == 404
    assert login_client(teacher).get(url).status_code == 200
    assert student_client.get(url).status_code == 200


@pytest.mark.parametrize("name", STAFF)
def test_staff_pages(name, world, anonymous, student_client, login_client, teacher, staff):
    url = url_for(name, world)
    for method in ["get", "post"]:
        assert_login(getattr(anonymous, method)(url), url)
        assert_login(getattr(student_client, method)(url), url)
        if name != "challenge_staff_list" or method == "get":
            assert getattr(login_client(teacher), method)(url).status_code == 404
    assert login_client(staff).get(url).status_code == 200
    assert login_client(staff).post(reverse("challenge_staff_list")).status_code == 405


@pytest.mark.parametrize("name", TEACHER)
def test_teacher_pages_send_anonymous_visitors_and_students_to_log_in(
    name, world, anonymous, student_client
):
    url = url_for(name, world)
    method = "post" if name in POST_ONLY else "get"
    assert_login(getattr(anonymous, method)(url), url)
    assert_login(getattr(student_client, method)(url), url)
    assert ChallengeEntry.objects.get(pk=world["waiting"].pk).status == "pending"


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_moderation_is_the_class_teachers_alone(name, world, login_client, outsider, teacher):
    url = url_for(name, world)
    data = {"decision": "approve", "show_names": "on", "show_faces": "on"}
    assert login_client(outsider).post(url, data).status_code == 404
    waiting = ChallengeEntry.objects.get(pk=world["waiting"].pk)
    assert (waiting.status, waiting.show_names, waiting.show_faces) == ("pending", False, False)
    own = login_client(teacher)
    assert own.get(url).status_code == 405
    assert own.post(url, data).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "approved" if name.endswith("moderate") else waiting.show_names


def test_entries_mine_shows_only_her_classes(world, login_client, outsider, teacher):
    assert (
        "Waiting" in login_client(teacher).get(reverse("challenge_entries_mine")).content.decode()
    )
    theirs = login_client(outsider).get(reverse("challenge_entries_mine"))
    assert theirs.status_code == 200
    assert "Waiting" not in theirs.content.decode()


def test_certificate_for_the_participating_teacher_only(
    world, login_client, outsider, teacher, staff
):
    url = url_for("challenge_certificate", world)
    assert login_client(teacher).get(url).status_code == 200
    assert login_client(outsider).get(url).status_code == 404
    assert login_client(staff).get(url).status_code == 404


def test_entering(world, anonymous, student_client, login_client, teacher, outsider):
    url = url_for("challenge_enter", world)
    assert_login(anonymous.get(url), url)
    assert_login(anonymous.post(url), url)
    assert student_client.get(url).status_code == 200
    assert login_client(teacher).get(url).status_code == 200
    # A teacher without a class is sent to add one.
    assert login_client(outsider).get(url)["Location"] == reverse("classroom_create")


def test_a_draft_challenge_is_404_for_everyone_but_staff(
    world, anonymous, student_client, login_client, teacher, staff
):
    challenge = world["challenge"]
    challenge.status = "draft"
    challenge.save(update_fields=["status"])
    for name in ["challenge_detail", "challenge_media", "challenge_thumbnail"]:
        url = url_for(name, world)
        assert anonymous.get(url).status_code == 404
    assert student_client.get(url_for("challenge_enter", world)).status_code == 404
    assert login_client(teacher).get(url_for("challenge_detail", world)).status_code == 404
    assert login_client(staff).get(url_for("challenge_detail", world)).status_code == 200

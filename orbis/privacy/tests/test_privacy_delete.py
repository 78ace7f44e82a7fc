"""Deleting an account leaves nothing identifying behind, in the database or in storage."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from orbis.accounts.models import User
from orbis.board.models import Attachment, Comment, Post
from orbis.challenges.models import ChallengeMedia
from orbis.classrooms.models import Classroom
from orbis.live.models import LiveSession
from orbis.notifications.models import Notification
from orbis.projects.models import Membership, Project
from orbis.schools.models import School
from orbis.students.models import Student

from ..services import FORMER_CLASS, FORMER_TEACHER, PLACEHOLDER_EMAIL
from .conftest import GISEL_STRINGS, identifying_rows, stored_files


def delete(client, choice, password="password"):
    return client.post(reverse("privacy_delete"), {"password": password, "contributions": choice})


def files_of(*posts):
    return {
        path
        for a in Attachment.objects.filter(post__in=posts)
        for path in (a.file.name, a.thumbnail.name)
        if path
    }


@pytest.fixture
def password(world, client):
    world.gisel.set_password("password")
    world.gisel.save()
    client.force_login(world.gisel)  # a new password signs the old session out
    return "password"


def test_the_page_says_what_goes_and_what_stays(world, client):
    page = client.get(reverse("privacy_delete")).content.decode()
    assert "What goes" in page and "What stays" in page
    assert "2 in all" in page  # Puma and Zorrito


def test_a_wrong_password_deletes_nothing(world, client, password):
    response = delete(client, "delete", password="not it")
    assert response.status_code == 200
    assert "This is not your password." in response.content.decode()
    assert User.objects.filter(pk=world.gisel.pk).exists()


def test_an_unknown_choice_is_refused(world, client, password):
    response = delete(client, "everything")
    assert response.status_code == 200
    assert User.objects.filter(pk=world.gisel.pk).exists()


def test_delete_everything(world, client, password, django_capture_on_commit_callbacks):
    hers = files_of(world.gisel_post, world.puma_post) | {
        m.file.name for m in ChallengeMedia.objects.filter(entry__classroom=world.gisel_class)
    }
    partners = files_of(world.jhansi_post)
    assert hers <= stored_files() and partners <= stored_files()
    school = world.gisel.school
    assert identifying_rows(GISEL_STRINGS)  # the scan does see them while she is here
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(client, "delete", password=password)
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.gisel.pk).exists()
    assert identifying_rows(GISEL_STRINGS) == []
    remaining = stored_files()
    assert not hers & remaining  # her files and her students' files are gone
    assert partners <= remaining  # the partner's are not
    assert not Session.objects.exists()
    assert not School.objects.filter(pk=school.pk).exists()
    assert not LiveSession.objects.filter(title="First call").exists()
    assert not User.objects.filter(email=PLACEHOLDER_EMAIL).exists()
    # Her project with a partner passed to the partner; the one only she was in is gone.
    project = Project.objects.get(pk=world.gisels_project.pk)
    assert project.owner == world.jhansi
    assert project.memberships.get().role == Membership.Role.OWNER
    assert Post.objects.filter(project=project, title="Hello from Delhi").exists()
    assert not Project.objects.filter(pk=world.solo_project.pk).exists()
    # The partner's project and work stay, with nothing of Gisel's class.
    assert set(
        Post.objects.filter(project=world.jhansis_project).values_list("title", flat=True)
    ) == {
        "Delhi river",
        "Tiger drawing",
    }
    # The partner is still signed in; her notifications stay, without the names.
    assert Notification.objects.filter(recipient=world.jhansi).exists()


def test_anonymise_keeps_her_shared_work_for_the_partners(
    world, client, password, django_capture_on_commit_callbacks
):
    kept = files_of(world.gisel_post)
    students = files_of(world.puma_post)
    with django_capture_on_commit_callbacks(execute=True):
        response = delete(client, "anonymise", password=password)
    assert response.status_code == 302
    assert not User.objects.filter(pk=world.gisel.pk).exists()
    assert identifying_rows(GISEL_STRINGS) == []
    remaining = stored_files()
    assert kept <= remaining
    assert not students & remaining
    assert not Student.objects.filter(nickname__in=["Puma", "Zorrito"]).exists()

    placeholder = User.objects.get(email=PLACEHOLDER_EMAIL)
    assert not placeholder.is_active and not placeholder.has_usable_password()
    her_post = Post.objects.get(pk=world.gisel_post.pk)
    assert her_post.author_teacher == placeholder
    assert her_post.author_name == FORMER_TEACHER
    assert her_post.classroom.name == FORMER_CLASS
    assert her_post.classroom.teacher == placeholder
    assert Comment.objects.filter(body="Thank you all", author_teacher=placeholder).exists()
    assert Classroom.objects.filter(pk=world.gisel_class.pk, join_code=None).exists()

    # Jhansi still sees it on the board.
    client.force_login(world.jhansi)
    board = client.get(reverse("board", kwargs={"token": world.jhansis_project.token}))
    assert board.status_code == 200
    page = board.content.decode()
    assert "Our river" in page and FORMER_TEACHER in page
    # Her project with a partner goes on, owned by the partner, with the former class in it.
    project = Project.objects.get(pk=world.gisels_project.pk)
    assert project.owner == world.jhansi
    assert project.memberships.count() == 2


def test_the_placeholder_account_cannot_be_deleted(db):
    from ..services import PrivacyError, account_delete, former_member

    with pytest.raises(PrivacyError):
        account_delete(user=former_member(), anonymise=False)


def test_deleting_a_classroom_removes_its_students_work_and_files(
    world, client, django_capture_on_commit_callbacks
):
    theirs = files_of(world.puma_post)
    assert theirs <= stored_files()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("classroom_delete", args=[world.gisel_class.pk]))
    assert response.status_code == 302
    assert not Student.objects.filter(nickname__in=["Puma", "Zorrito"]).exists()
    assert identifying_rows(["Puma", "Zorrito"]) == []
    assert not theirs & stored_files()
    assert User.objects.filter(pk=world.gisel.pk).exists()

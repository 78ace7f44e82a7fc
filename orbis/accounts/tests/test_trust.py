"""Contacting others needs a confirmed email, and new accounts have lower limits: partner
requests, board posts and comments, uploads, challenge entries. Counted from the database, per
teacher (students: per classroom, at three times their teacher's limit)."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from orbis.accounts import limits
from orbis.board import services as board
from orbis.board.models import Post
from orbis.challenges import services as challenges
from orbis.challenges.models import ChallengeEntry
from orbis.live import services as live
from orbis.live.models import LiveSession
from orbis.partners import services as partners
from orbis.partners.models import PartnerRequest
from orbis.projects.models import JoinRequest, Project
from orbis.uploads.processing import clean_upload
from tests.builders import add_partner, build_project, open_challenge
from tests.factories import ClassroomFactory, SchoolFactory, StudentFactory, TeacherFactory
from tests.samples import png_upload

UNCONFIRMED = "Confirm your email address before contacting other classes: follow the link we sent."


def indian_classes(count: int) -> list:
    """Classrooms in India looking for partners, each with its own teacher."""
    rooms = []
    for n in range(count):
        school = SchoolFactory(country="IN", city="Delhi", time_zone="Asia/Kolkata")
        rooms.append(ClassroomFactory(teacher=TeacherFactory(school=school), name=f"Delhi {n}"))
    return rooms


def request(sender, from_classroom, to_classroom):
    return partners.partner_request_create(
        sender=sender,
        from_classroom=from_classroom,
        to_classroom=to_classroom,
        introduction="We would love to share stories about our rivers.",
    )


def aged(user, days: int):
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    return user


# ---- a confirmed email before any contact ----------------------------------------------------


@pytest.fixture
def unconfirmed(db):
    school = SchoolFactory(country="AR")
    return TeacherFactory(school=school, verified=False, email="new@school.test")


@pytest.fixture
def unconfirmed_class(unconfirmed):
    return ClassroomFactory(teacher=unconfirmed, name="Unconfirmed class")


def test_an_unconfirmed_teacher_cannot_send_a_partner_request(
    client, unconfirmed, unconfirmed_class
):
    [target] = indian_classes(1)
    client.force_login(unconfirmed)
    response = client.post(
        reverse("partner_classroom", args=[target.pk]),
        {
            "from_classroom": unconfirmed_class.pk,
            "introduction": "We would love to share stories about our rivers.",
        },
    )
    assert response.status_code == 200
    assert UNCONFIRMED in response.text
    assert not PartnerRequest.objects.exists()


def test_an_unconfirmed_teacher_cannot_ask_to_join_a_project(
    client, classroom, unconfirmed, unconfirmed_class
):
    project = build_project(classroom, status=Project.Status.OPEN)
    client.force_login(unconfirmed)
    response = client.post(
        reverse("project_join", args=[project.token]),
        {"classroom": unconfirmed_class.pk, "message": "Hello"},
        follow=True,
    )
    assert response.status_code == 200
    assert UNCONFIRMED in response.text
    assert not JoinRequest.objects.exists()


def test_an_unconfirmed_teacher_cannot_post_or_comment_on_a_board(
    client, unconfirmed, unconfirmed_class, partner_teacher
):
    project = build_project(unconfirmed_class, status=Project.Status.RUNNING)
    client.force_login(unconfirmed)
    response = client.post(
        reverse("board_post_create", args=[project.token]),
        {"classroom": unconfirmed_class.pk, "phase": "definition", "title": "Hi", "body": "Hello"},
    )
    assert response.status_code == 200
    assert UNCONFIRMED in response.text
    assert not Post.objects.exists()
    delhi = ClassroomFactory(teacher=partner_teacher)
    add_partner(project, delhi)
    theirs = board.post_create(
        project=project,
        classroom=delhi,
        phase="definition",
        title="Hi",
        body="Hello",
        teacher=partner_teacher,
    )
    with pytest.raises(board.BoardError, match="Confirm your email"):
        board.comment_create(post=theirs, starter="", body="Hello!", teacher=unconfirmed)


def test_an_unconfirmed_teacher_cannot_schedule_a_live_session(
    unconfirmed, unconfirmed_class, partner_teacher
):
    project = build_project(unconfirmed_class, status=Project.Status.RUNNING)
    delhi = ClassroomFactory(teacher=partner_teacher)
    add_partner(project, delhi)
    with pytest.raises(live.LiveError) as refused:
        live.schedule_session(
            project=project,
            actor=unconfirmed,
            title="Rivers",
            agenda="",
            starts_at=timezone.now() + timedelta(days=3),
            minutes=45,
            meeting_url="https://meet.example.org/rivers",
            classrooms=[unconfirmed_class, delhi],
        )
    assert refused.value.message == UNCONFIRMED
    assert not LiveSession.objects.exists()


def test_an_unconfirmed_teacher_cannot_enter_a_challenge(unconfirmed, unconfirmed_class):
    challenge = open_challenge()
    with pytest.raises(challenges.ChallengeError, match="Confirm your email"):
        challenges.entry_create(
            challenge=challenge,
            classroom=unconfirmed_class,
            title="Our river",
            uploads=[clean_upload(png_upload())],
            teacher=unconfirmed,
        )
    assert not ChallengeEntry.objects.exists()


# ---- partner requests a day ------------------------------------------------------------------


def test_a_new_account_sends_five_partner_requests_a_day(teacher, classroom):
    targets = indian_classes(6)
    for target in targets[:5]:
        request(teacher, classroom, target)
    with pytest.raises(partners.PartnerError) as refused:
        request(teacher, classroom, targets[5])
    assert str(refused.value) == (
        "You've sent 5 partner requests today. New accounts can send 5 a day. Try again tomorrow."
    )
    assert PartnerRequest.objects.count() == 5


def test_each_teacher_has_her_own_count(teacher, classroom, outsider):
    targets = indian_classes(6)
    for target in targets[:5]:
        request(teacher, classroom, target)
    own = ClassroomFactory(teacher=outsider)
    outsider.school = SchoolFactory(country="FR", time_zone="Europe/Paris")
    outsider.save()
    request(outsider, own, targets[5])
    assert PartnerRequest.objects.filter(from_classroom=own).count() == 1


def test_an_older_account_has_the_higher_limit(teacher, classroom, settings):
    settings.PARTNER_REQUESTS_PER_DAY = 7
    aged(teacher, days=8)
    targets = indian_classes(8)
    for target in targets[:7]:
        request(teacher, classroom, target)
    with pytest.raises(partners.PartnerError, match="The limit is 7 a day"):
        request(teacher, classroom, targets[7])


def test_an_account_stops_being_new_after_new_account_days(teacher, settings):
    settings.NEW_ACCOUNT_DAYS = 7
    assert limits.is_new_account(teacher)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert not limits.is_new_account(teacher)


def test_yesterdays_requests_no_longer_count(teacher, classroom):
    targets = indian_classes(6)
    for target in targets[:5]:
        request(teacher, classroom, target)
    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        request(teacher, classroom, targets[5])
    assert PartnerRequest.objects.count() == 6


def test_the_request_page_shows_the_limit_message(teacher_client, teacher, classroom, settings):
    settings.NEW_PARTNER_REQUESTS_PER_DAY = 1
    first, second = indian_classes(2)
    request(teacher, classroom, first)
    response = teacher_client.post(
        reverse("partner_classroom", args=[second.pk]),
        {
            "from_classroom": classroom.pk,
            "introduction": "We would love to share stories about our rivers.",
        },
    )
    assert response.status_code == 200
    assert "New accounts can send 1 a day." in response.text
    assert PartnerRequest.objects.count() == 1


# ---- board posts and comments an hour, uploads a day -----------------------------------------


def post(project, classroom, *, teacher=None, student=None, uploads=()):
    return board.post_create(
        project=project,
        classroom=classroom,
        phase="definition",
        title="Our river",
        body="It is wide.",
        uploads=list(uploads),
        teacher=teacher,
        student=student,
    )


def test_board_writes_an_hour_count_posts_and_comments(teacher, classroom, project, settings):
    settings.NEW_BOARD_WRITES_PER_HOUR = 3
    first = post(project, classroom, teacher=teacher)
    post(project, classroom, teacher=teacher)
    board.comment_create(post=first, starter="", body="And deep.", teacher=teacher)
    with pytest.raises(board.BoardError) as refused:
        post(project, classroom, teacher=teacher)
    assert refused.value.message == (
        "3 posts and comments were written in the last hour. New accounts can write 3 an hour. "
        "Try again later."
    )
    with pytest.raises(board.BoardError):
        board.comment_create(post=first, starter="", body="Again.", teacher=teacher)
    assert Post.objects.count() == 2
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        post(project, classroom, teacher=teacher)
    assert Post.objects.count() == 3


def test_a_classs_students_share_three_times_their_teachers_limit(
    teacher, classroom, project, settings
):
    settings.NEW_BOARD_WRITES_PER_HOUR = 1
    puma, yagua = StudentFactory(classroom=classroom), StudentFactory(classroom=classroom)
    post(project, classroom, student=puma)
    post(project, classroom, student=yagua)
    post(project, classroom, student=puma)
    with pytest.raises(board.BoardError):
        post(project, classroom, student=yagua)
    post(project, classroom, teacher=teacher)  # the teacher's own count is apart
    assert Post.objects.count() == 4


def test_uploads_a_day_refuse_the_whole_post(teacher, classroom, project, settings):
    settings.NEW_UPLOADS_PER_DAY = 2
    post(project, classroom, teacher=teacher, uploads=[png_upload(), png_upload("b.png")])
    with pytest.raises(board.BoardError) as refused:
        post(project, classroom, teacher=teacher, uploads=[png_upload("c.png")])
    assert refused.value.message == (
        "2 files were uploaded today. New accounts can upload 2 a day. Try again tomorrow."
    )
    assert Post.objects.count() == 1
    post(project, classroom, teacher=teacher)  # words without files still go


# ---- challenge entries a day -----------------------------------------------------------------


def enter(challenge, classroom, teacher):
    return challenges.entry_create(
        challenge=challenge,
        classroom=classroom,
        title="Our river",
        uploads=[clean_upload(png_upload())],
        teacher=teacher,
    )


def test_a_new_account_enters_five_challenge_entries_a_day(teacher, classroom):
    challenge = open_challenge()
    for _n in range(5):
        enter(challenge, classroom, teacher)
    with pytest.raises(challenges.ChallengeError, match="New accounts can enter 5 a day"):
        enter(challenge, classroom, teacher)
    assert ChallengeEntry.objects.count() == 5

"""Answering a partner request: accept (partners on both dashboards), decline, withdraw, each
told to the other teacher; only once, and only by the teacher whose turn it is."""

import pytest
from django.core import mail
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, Partnership
from orbis.partners.tests.test_partner_request_sending import answer, ask, messages_of, pending
from tests.factories import TeacherFactory


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


def test_accepting_makes_partners_on_both_dashboards_and_tells_the_sender(
    teacher_client, jhansi_client, classroom, delhi, teacher, django_capture_on_commit_callbacks
):
    request = pending(delhi, classroom)  # Jhansi's class (created second) asks Gisel's
    assert delhi.pk > classroom.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(teacher_client, "accept", request)
    assert "You are partners now. Plan your first exchange together!" in messages_of(response)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.ACCEPTED
    assert request.answered_at is not None

    partnership = Partnership.objects.get()
    assert (partnership.classroom_a, partnership.classroom_b) == (classroom, delhi)

    notification = Notification.objects.get()
    assert notification.recipient.email == "jhansi@school.test"
    assert notification.kind == Notification.Kind.REQUEST_ACCEPTED
    assert notification.text == ("Gisel accepted: Class of Delhi and 6th grade B are now partners.")
    assert [email.to for email in mail.outbox] == [["jhansi@school.test"]]

    gisel = teacher_client.get(reverse("dashboard"))
    assert gisel.context["partnerships"] == [(classroom, delhi)]
    assert "6th grade B with Class of Delhi (Jhansi, Delhi, India)" in gisel.text
    jhansi = jhansi_client.get(reverse("dashboard"))
    assert jhansi.context["partnerships"] == [(delhi, classroom)]
    assert "Class of Delhi with 6th grade B (Gisel, Rosario, Argentina)" in jhansi.text
    step = {s.label: s for s in gisel.context["steps"]}["Find a partner class"]
    assert step.done


def test_accepting_stores_the_pair_lower_id_first_either_way(jhansi_client, classroom, delhi):
    pending(classroom, delhi)
    answer(jhansi_client, "accept", PartnerRequest.objects.get())
    partnership = Partnership.objects.get()
    assert (partnership.classroom_a_id, partnership.classroom_b_id) == (classroom.pk, delhi.pk)
    assert partnership.other(classroom.pk) == delhi
    assert partnership.other(delhi.pk) == classroom


def test_declining_tells_the_sender_and_makes_no_partners(
    jhansi_client, classroom, delhi, django_capture_on_commit_callbacks
):
    request = pending(classroom, delhi)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(jhansi_client, "decline", request)
    assert "The request is declined." in messages_of(response)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.DECLINED
    assert request.answered_at is not None
    assert not Partnership.objects.exists()
    notification = Notification.objects.get()
    assert notification.recipient.email == "gisel@school.test"
    assert notification.kind == Notification.Kind.REQUEST_DECLINED
    assert notification.text == ("Jhansi declined the request from 6th grade B to Class of Delhi.")
    assert [email.to for email in mail.outbox] == [["gisel@school.test"]]


def test_withdrawing_tells_the_receiver(
    teacher_client, classroom, delhi, django_capture_on_commit_callbacks
):
    request = pending(classroom, delhi)
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(teacher_client, "withdraw", request)
    assert "Your request is withdrawn." in messages_of(response)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.WITHDRAWN
    notification = Notification.objects.get()
    assert notification.recipient.email == "jhansi@school.test"
    assert notification.kind == Notification.Kind.REQUEST_WITHDRAWN
    assert notification.text == ("Gisel withdrew the request from 6th grade B to Class of Delhi.")
    assert [email.to for email in mail.outbox] == [["jhansi@school.test"]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("accept", "accept"),
        ("accept", "decline"),
        ("decline", "accept"),
        ("decline", "decline"),
        ("withdraw", "accept"),
        ("withdraw", "decline"),
        ("withdraw", "withdraw"),
        ("accept", "withdraw"),
    ],
)
def test_answering_twice_is_refused(teacher_client, jhansi_client, classroom, delhi, first, second):
    request = pending(classroom, delhi)
    by = {"accept": jhansi_client, "decline": jhansi_client, "withdraw": teacher_client}
    answer(by[first], first, request)
    request.refresh_from_db()
    status, notes = request.status, Notification.objects.count()
    response = answer(by[second], second, request)
    assert "This request was already answered or withdrawn." in messages_of(response)
    request.refresh_from_db()
    assert request.status == status
    assert Notification.objects.count() == notes
    assert Partnership.objects.count() == (1 if first == "accept" else 0)


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_the_sender_cannot_answer_her_own_request(teacher_client, classroom, delhi, action):
    request = pending(classroom, delhi)
    response = answer(teacher_client, action, request)
    assert "Only the teacher of the requested classroom can answer." in messages_of(response)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.PENDING
    assert not Partnership.objects.exists()
    assert not Notification.objects.exists()


def test_the_receiver_cannot_withdraw(jhansi_client, classroom, delhi):
    request = pending(classroom, delhi)
    response = answer(jhansi_client, "withdraw", request)
    assert "Only the teacher who sent the request can withdraw it." in messages_of(response)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.PENDING
    assert not Notification.objects.exists()


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw"])
def test_a_third_teacher_gets_404_like_a_missing_request(outsider_client, classroom, delhi, action):
    request = pending(classroom, delhi)
    foreign = answer(outsider_client, action, request, follow=False)
    missing = outsider_client.post(reverse(f"partner_request_{action}", args=[request.pk + 1000]))
    assert foreign.status_code == 404
    assert (foreign.status_code, foreign.content) == (missing.status_code, missing.content)
    request.refresh_from_db()
    assert request.status == PartnerRequest.Status.PENDING
    assert not Notification.objects.exists()
    assert list(outsider_client.get(reverse("partner_requests")).context["received"]) == []


def test_a_colleague_at_the_same_school_cannot_answer(login_client, teacher, classroom, delhi):
    colleague = TeacherFactory(school=teacher.school)
    request = pending(delhi, classroom)
    response = login_client(colleague).post(reverse("partner_request_accept", args=[request.pk]))
    assert response.status_code == 404
    assert not Partnership.objects.exists()


def test_a_new_request_is_possible_after_a_decline(teacher_client, jhansi_client, classroom, delhi):
    request = pending(classroom, delhi)
    answer(jhansi_client, "decline", request)
    response = ask(teacher_client, delhi, from_classroom=classroom)
    assert response.status_code == 302
    assert PartnerRequest.objects.filter(status=PartnerRequest.Status.PENDING).count() == 1

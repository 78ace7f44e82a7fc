"""Sending a partner request from another teacher's classroom page: the request, its
introduction, the notification in the app and by email, and every refusal (same country, twice,
already partners, not looking, too short, not her classroom, garbage)."""

import pytest
from django.core import mail
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.partners import services
from orbis.partners.models import PartnerRequest, Partnership, PartnerSuggestion
from tests.factories import ClassroomFactory, SchoolFactory, TeacherFactory

INTRO = "Hola! We are 24 students in Rosario who would love to meet your class."


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


def ask(client, to, *, from_classroom, introduction=INTRO, **extra):
    return client.post(
        reverse("partner_classroom", args=[to.pk]),
        {"from_classroom": from_classroom.pk, "introduction": introduction, **extra},
    )


def pending(from_classroom, to_classroom) -> PartnerRequest:
    return PartnerRequest.objects.create(
        from_classroom=from_classroom, to_classroom=to_classroom, introduction=INTRO
    )


def answer(client, action: str, partner_request, follow=True):
    return client.post(
        reverse(f"partner_request_{action}", args=[partner_request.pk]), follow=follow
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def nothing_written():
    return (
        PartnerRequest.objects.count(),
        Partnership.objects.count(),
        Notification.objects.count(),
        len(mail.outbox),
    ) == (0, 0, 0, 0)


def test_sending_a_request_notifies_the_receiver_in_the_app_and_by_email(
    teacher_client, classroom, delhi, partner_teacher, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(teacher_client, delhi, from_classroom=classroom)
    assert response.status_code == 302
    assert response["Location"] == reverse("partner_requests")
    request = PartnerRequest.objects.get()
    assert (request.from_classroom, request.to_classroom) == (classroom, delhi)
    assert request.status == PartnerRequest.Status.PENDING
    assert request.introduction == INTRO
    assert request.answered_at is None

    notification = Notification.objects.get()
    assert notification.recipient == partner_teacher
    assert notification.kind == Notification.Kind.PARTNER_REQUEST
    assert notification.url == reverse("partner_requests")
    text = "Gisel (Argentina) asks Class of Delhi to be partners with 6th grade B."
    assert notification.text == text
    assert notification.emailed_at is not None

    [email] = mail.outbox
    assert email.to == ["jhansi@school.test"]
    assert text in email.subject
    assert "/partners/requests/" in email.body

    page = teacher_client.get(response["Location"])
    assert "Your request is sent. You will be told when Jhansi answers." in messages_of(page)
    assert "Class of Delhi" in page.text
    assert not Notification.objects.filter(recipient__email="gisel@school.test").exists()


def test_the_receiver_sees_the_request_with_its_introduction(jhansi_client, classroom, delhi):
    request = pending(classroom, delhi)
    response = jhansi_client.get(reverse("partner_requests"))
    assert [r.pk for r in response.context["received"]] == [request.pk]
    assert list(response.context["sent"]) == []
    assert INTRO in response.text
    assert reverse("partner_request_accept", args=[request.pk]) in response.text
    assert reverse("partner_request_decline", args=[request.pk]) in response.text
    assert reverse("partner_request_withdraw", args=[request.pk]) not in response.text


def test_the_sender_sees_it_as_sent_with_withdraw(teacher_client, classroom, delhi):
    request = pending(classroom, delhi)
    response = teacher_client.get(reverse("partner_requests"))
    assert [r.pk for r in response.context["sent"]] == [request.pk]
    assert list(response.context["received"]) == []
    assert reverse("partner_request_withdraw", args=[request.pk]) in response.text
    assert reverse("partner_request_accept", args=[request.pk]) not in response.text


def test_the_introduction_is_stored_as_clean_text_and_shown_escaped(
    teacher_client, classroom, delhi, jhansi_client
):
    ask(
        teacher_client,
        delhi,
        from_classroom=classroom,
        introduction="  <script>alert(1)</script>\x00\x1b hello from Rosario!  ",
    )
    request = PartnerRequest.objects.get()
    assert request.introduction == "<script>alert(1)</script> hello from Rosario!"
    page = jhansi_client.get(reverse("partner_requests")).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def refused(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.context["form"].non_field_errors()
    assert message in response.text.replace("&#x27;", "'")
    assert nothing_written()


def test_refused_for_a_class_in_the_same_country(teacher_client, classroom):
    cordoba = ClassroomFactory(
        teacher=TeacherFactory(school=SchoolFactory(country="AR", city="Córdoba"))
    )
    response = ask(teacher_client, cordoba, from_classroom=classroom)
    refused(response, "Partner classes are in different countries.")


def test_refused_twice_for_the_same_pair(teacher_client, classroom, delhi):
    pending(classroom, delhi)
    response = ask(teacher_client, delhi, from_classroom=classroom)
    assert response.status_code == 200
    assert "You already asked this classroom; wait for the answer." in response.text
    assert PartnerRequest.objects.count() == 1
    assert not Notification.objects.exists()


def test_refused_when_the_other_class_already_asked(teacher_client, classroom, delhi):
    pending(delhi, classroom)
    response = ask(teacher_client, delhi, from_classroom=classroom)
    assert response.status_code == 200
    assert (
        "This classroom already asked yours: answer its request in your requests."
        in response.context["form"].non_field_errors()
    )
    assert PartnerRequest.objects.count() == 1
    assert not Notification.objects.exists()


def test_refused_when_already_partners(teacher_client, classroom, delhi):
    low, high = sorted([classroom, delhi], key=lambda room: room.pk)
    Partnership.objects.create(classroom_a=low, classroom_b=high)
    response = ask(teacher_client, delhi, from_classroom=classroom)
    assert "These classrooms are already partners." in response.context["form"].non_field_errors()
    assert not PartnerRequest.objects.exists()
    assert not Notification.objects.exists()


def test_refused_when_the_class_is_not_looking_for_partners(teacher_client, classroom, delhi):
    """Visible because it once asked her class (declined since), but it stopped looking."""
    old = pending(delhi, classroom)
    old.status = PartnerRequest.Status.DECLINED
    old.save(update_fields=["status"])
    delhi.looking_for_partners = False
    delhi.save(update_fields=["looking_for_partners"])
    response = ask(teacher_client, delhi, from_classroom=classroom)
    assert (
        "This classroom is not looking for partners right now."
        in response.context["form"].non_field_errors()
    )
    assert PartnerRequest.objects.count() == 1
    assert not Notification.objects.exists()


@pytest.mark.parametrize("introduction", ["", "   ", "Hi!", "\x00" * 30, "short but 19 chars."])
def test_refused_with_a_too_short_introduction(teacher_client, classroom, delhi, introduction):
    response = ask(teacher_client, delhi, from_classroom=classroom, introduction=introduction)
    assert response.status_code == 200
    assert response.context["form"].errors["introduction"]
    assert nothing_written()


def test_refused_from_a_classroom_that_is_not_hers(teacher_client, classroom, delhi):
    """The sending classroom is chosen among her own only (another teacher's id is invalid)."""
    foreign = ClassroomFactory(teacher=TeacherFactory(school=SchoolFactory(country="FR")))
    response = ask(teacher_client, delhi, from_classroom=foreign)
    assert response.status_code == 200
    assert response.context["form"].errors["from_classroom"]
    assert nothing_written()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"from_classroom": "abc", "introduction": INTRO},
        {"from_classroom": "99999999999999999999999", "introduction": INTRO},
        {"from_classroom": "\x00", "introduction": INTRO},
        {"from_classroom": ["1", "2"], "introduction": ["a", "b"]},
        {"introduction": "x" * 5000},
    ],
)
def test_garbage_posts_are_refused_without_error(teacher_client, classroom, delhi, data):
    response = teacher_client.post(reverse("partner_classroom", args=[delhi.pk]), data)
    assert response.status_code == 200
    # An empty POST gets the blank form again (the `request.POST or None` idiom).
    assert response.context["form"].errors or not data
    assert nothing_written()


def test_the_service_refuses_her_own_classroom_and_one_not_hers(teacher, classroom, delhi):
    """The view 404s before this; the service still refuses on its own."""
    second = ClassroomFactory(teacher=teacher)
    with pytest.raises(services.PartnerError, match="one of your own classrooms"):
        services.partner_request_create(
            sender=teacher, from_classroom=classroom, to_classroom=second, introduction=INTRO
        )
    with pytest.raises(services.PartnerError, match="your own classrooms"):
        services.partner_request_create(
            sender=teacher, from_classroom=delhi, to_classroom=classroom, introduction=INTRO
        )
    assert nothing_written()


def test_sending_marks_the_suggestions_of_the_pair_as_requested(teacher_client, classroom, delhi):
    mine = PartnerSuggestion.objects.create(classroom=classroom, partner=delhi, score=70)
    theirs = PartnerSuggestion.objects.create(classroom=delhi, partner=classroom, score=70)
    ask(teacher_client, delhi, from_classroom=classroom)
    for suggestion in (mine, theirs):
        suggestion.refresh_from_db()
        assert suggestion.status == PartnerSuggestion.Status.REQUESTED

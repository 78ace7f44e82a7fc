"""Partner requests: asking another teacher's classroom from its page, the refusals, and the
answers (accept, decline, withdraw), each notified in the app and by email."""

import pytest
from django.core import mail
from django.urls import reverse

from orbis.classrooms.models import Classroom
from orbis.notifications.models import Notification
from orbis.notifications.tasks import email_notification
from orbis.partners import services
from orbis.partners.models import PartnerRequest, Partnership, PartnerSuggestion
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

INTRO = "Hola! We are 24 students in Rosario who would love to meet your class."


@pytest.fixture
def delhi(partner_teacher):
    """Jhansi's class; Tuesday 21:00-23:00 in Delhi overlaps Gisel's Tuesday 13:00-14:10."""
    room = ClassroomFactory(
        teacher=partner_teacher,
        name="Class of Delhi",
        age_min=11,
        age_max=13,
        languages=["en", "hi"],
    )
    AvailabilityPeriodFactory(classroom=room, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    return room


@pytest.fixture
def jhansi_client(partner_teacher, login_client):
    return login_client(partner_teacher)


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


# ---- the classroom page -----------------------------------------------------------------------


def test_classroom_page_shows_the_class_and_how_it_fits(teacher_client, classroom, delhi):
    response = teacher_client.get(
        reverse("partner_classroom", args=[delhi.pk]), {"from": classroom.pk}
    )
    assert response.status_code == 200
    assert "Class of Delhi" in response.text
    assert "Jhansi · Delhi Public School · Delhi, India" in response.text
    assert "Asia/Kolkata" in response.text
    assert response.context["form"]["from_classroom"].value() == str(classroom.pk)
    [(mine, why)] = response.context["fits"]
    assert mine == classroom
    assert why[0] == "shares English"


def test_classroom_page_with_garbage_from_still_answers(teacher_client, delhi, classroom):
    url = reverse("partner_classroom", args=[delhi.pk])
    for garbage in ["abc", "99999999999999999999999", "\x00\x1b", "x" * 5000, str(delhi.pk)]:
        assert teacher_client.get(url, {"from": garbage}).status_code == 200


def test_own_classroom_is_not_a_partner_page(teacher_client, classroom):
    url = reverse("partner_classroom", args=[classroom.pk])
    assert teacher_client.get(url).status_code == 404
    assert ask(teacher_client, classroom, from_classroom=classroom).status_code == 404
    assert nothing_written()


def test_a_class_not_looking_for_partners_is_hidden_like_a_missing_one(
    teacher_client, classroom, delhi
):
    delhi.looking_for_partners = False
    delhi.save(update_fields=["looking_for_partners"])
    hidden = teacher_client.get(reverse("partner_classroom", args=[delhi.pk]))
    missing = teacher_client.get(reverse("partner_classroom", args=[delhi.pk + 1000]))
    assert (hidden.status_code, hidden.content) == (missing.status_code, missing.content)
    assert hidden.status_code == 404
    assert ask(teacher_client, delhi, from_classroom=classroom).status_code == 404
    assert nothing_written()


def test_a_class_whose_teacher_has_no_school_is_hidden(teacher_client, classroom):
    homeless = ClassroomFactory(teacher=TeacherFactory(school=None))
    assert teacher_client.get(reverse("partner_classroom", args=[homeless.pk])).status_code == 404


def test_a_class_that_asked_hers_stays_visible_after_it_stops_looking(
    teacher_client, classroom, delhi
):
    """She must be able to see who asked, to answer."""
    pending(delhi, classroom)
    delhi.looking_for_partners = False
    delhi.save(update_fields=["looking_for_partners"])
    assert teacher_client.get(reverse("partner_classroom", args=[delhi.pk])).status_code == 200


# ---- sending ----------------------------------------------------------------------------------


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


# ---- answering --------------------------------------------------------------------------------


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


def test_dashboard_asks_for_an_answer_to_pending_requests(
    teacher_client, classroom, delhi, partner_teacher
):
    pending(delhi, classroom)
    second = ClassroomFactory(teacher=partner_teacher, name="Second of Delhi")
    pending(second, classroom)
    items = [
        (item.message, item.url)
        for item in teacher_client.get(reverse("dashboard")).context["attention"]
    ]
    assert ("2 partner requests wait for your answer.", reverse("partner_requests")) in items


def test_the_request_email_is_sent_once_even_when_the_task_runs_twice(
    teacher_client, classroom, delhi
):
    ask(teacher_client, delhi, from_classroom=classroom)  # on_commit not run: no email yet
    assert mail.outbox == []
    notification = Notification.objects.get()
    email_notification.call(notification.pk)
    email_notification.call(notification.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["jhansi@school.test"]


def test_notifications_are_in_the_readers_language_not_the_senders(
    partner_teacher, delhi, login_client, django_capture_on_commit_callbacks
):
    """A notification is rendered when shown, "in the language the reader uses, not the one
    the sender used" (Notification's docstring): that must hold for its country name too."""
    berlin = ClassroomFactory(
        teacher=TeacherFactory(
            display_name="Greta",
            school=SchoolFactory(country="DE", city="Berlin", time_zone="Europe/Berlin"),
        ),
        name="Klasse 6a",
    )
    greta = login_client(berlin.teacher)
    greta.cookies["django_language"] = "es"  # Greta reads Orbis in Spanish
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(greta, delhi, from_classroom=berlin)
    assert response.status_code == 302
    jhansi = login_client(partner_teacher)  # Jhansi reads it in English
    page = jhansi.get(reverse("notification_list")).text
    assert "Greta (Germany) asks Class of Delhi to be partners with Klasse 6a." in page
    assert "Alemania" not in page
    assert "Alemania" not in mail.outbox[0].subject + mail.outbox[0].body


def test_a_class_name_with_a_line_break_does_not_stop_the_email(
    teacher_client,
    classroom,
    delhi,
    jhansi_client,
    classroom_data,
    django_capture_on_commit_callbacks,
):
    """The classroom form makes a name one line; a name with a line break from elsewhere (the
    admin, an import) still can't break the email subject, where a line break is forbidden."""
    jhansi_client.post(
        reverse("classroom_edit", args=[delhi.pk]),
        classroom_data(name="Class\nof Delhi", partners_wanted="1", day_1="21:00-23:00"),
    )
    delhi.refresh_from_db()
    assert delhi.name == "Class of Delhi"
    Classroom.objects.filter(pk=delhi.pk).update(name="Class\nof Delhi")
    with django_capture_on_commit_callbacks(execute=True):
        ask(teacher_client, delhi, from_classroom=classroom)
    assert Notification.objects.get().emailed_at is not None
    assert len(mail.outbox) == 1

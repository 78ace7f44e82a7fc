"""What tells a teacher about partner requests: the dashboard asks for an answer, the email
goes once, in the reader's language, whatever the class name holds."""

import pytest
from django.core import mail
from django.urls import reverse

from orbis.classrooms.models import Classroom
from orbis.notifications.models import Notification
from orbis.notifications.tasks import email_notification
from orbis.partners.tests.test_partner_request_sending import ask, pending
from tests.factories import ClassroomFactory, SchoolFactory, TeacherFactory


@pytest.fixture
def delhi(jhansis_class):
    """Jhansi's class, with its Tuesday in Delhi (conftest.py)."""
    return jhansis_class


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

"""Names kept as text in notifications are replaced, whatever their alphabet, and only where
they are meant."""

from orbis.notifications.models import Notification
from tests.factories import ClassroomFactory, StudentFactory

from ..services import FORMER_STUDENT, FORMER_TEACHER, scrub_notifications


def note(recipient, **params):
    return Notification.objects.create(
        recipient=recipient, kind=Notification.Kind.BOARD_COMMENT, params=params, url="/x/"
    )


def test_non_ascii_names_are_found_and_replaced(teacher, partner_teacher):
    about_student = note(partner_teacher, author="Ángela", classroom="5º B", title="Río")
    about_teacher = note(partner_teacher, author="Zoë Çelik", classroom="5º B", title="Río")
    same_name_elsewhere = note(partner_teacher, author="Ángela", classroom="Other", title="Río")
    scrub_notifications(nicknames=["Ángela"], classroom_names=["5º B"])
    scrub_notifications(teacher_names=["Zoë Çelik"], emails=["zoe@school.test"])
    for notification in (about_student, about_teacher, same_name_elsewhere):
        notification.refresh_from_db()
    assert about_student.params["author"] == FORMER_STUDENT
    assert about_teacher.params["author"] == FORMER_TEACHER
    assert about_teacher.params["title"] == "Río"
    assert same_name_elsewhere.params["author"] == "Ángela"


def test_a_deleted_classroom_takes_its_nicknames_out_of_notifications(teacher, partner_teacher):
    room = ClassroomFactory(teacher=teacher, name="5º B")
    StudentFactory(classroom=room, nickname="Ñandú")
    notification = note(partner_teacher, author="Ñandú", classroom="5º B", title="t")
    room.delete()
    notification.refresh_from_db()
    assert notification.params["author"] == FORMER_STUDENT

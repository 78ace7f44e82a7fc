"""The student space: their own classroom only, the visit noted, no secret word or join code."""

from django.urls import reverse

from tests.factories import ClassroomFactory, StudentFactory


def test_student_sees_only_their_own_classroom(student_client, student, classroom, partner_teacher):
    StudentFactory(classroom=classroom, nickname="Yaguareté")
    other_room = ClassroomFactory(teacher=partner_teacher, name="Class 7 Delhi")
    StudentFactory(classroom=other_room, nickname="Tiger")
    response = student_client.get(reverse("student_space"))
    assert response.status_code == 200
    assert response.context["classroom"] == classroom
    assert [c.nickname for c in response.context["classmates"]] == ["Yaguareté"]
    assert "Tiger" not in response.text
    assert "Class 7 Delhi" not in response.text
    assert "6th grade B" in response.text
    assert "Escuela Rosario" in response.text


def test_student_space_notes_the_visit(student_client, student):
    assert student.last_seen_at is None
    student_client.get(reverse("student_space"))
    student.refresh_from_db()
    assert student.last_seen_at is not None


def test_student_space_does_not_show_the_secret_or_the_join_code(student_client, student):
    response = student_client.get(reverse("student_space"))
    assert student.secret not in response.text
    assert student.classroom.join_code not in response.text

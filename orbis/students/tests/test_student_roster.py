"""The teacher's roster: the join code (rotate, turn off, choose one), renaming a student,
resetting their secret word, removing them."""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.classrooms.codes import CODE_ALPHABET, display_code
from orbis.students.models import Student
from orbis.students.tests.test_student_joining import join, join_errors
from tests.factories import ClassroomFactory, StudentFactory


def test_roster_lists_the_students_with_their_secret_words(teacher_client, classroom, student):
    response = teacher_client.get(reverse("classroom_students", args=[classroom.pk]))
    assert "Puma" in response.text
    assert student.secret in response.text
    assert display_code(classroom.join_code) in response.text


def test_rotating_the_code_makes_the_old_code_fail(teacher_client, classroom, code):
    response = teacher_client.post(reverse("join_code_rotate", args=[classroom.pk]))
    assert response["Location"] == reverse("classroom_students", args=[classroom.pk])
    classroom.refresh_from_db()
    assert classroom.join_code != code
    assert len(classroom.join_code) == 8
    assert set(classroom.join_code) <= set(CODE_ALPHABET)
    assert join_errors(join(Client(), code, "Condor"), "code")
    assert join(Client(), classroom.join_code, "Condor").status_code == 302


def test_rotating_turns_a_disabled_code_back_on(teacher_client, classroom):
    teacher_client.post(reverse("join_code_disable", args=[classroom.pk]))
    teacher_client.post(reverse("join_code_rotate", args=[classroom.pk]))
    classroom.refresh_from_db()
    assert classroom.join_code


def test_disabling_keeps_the_students_who_joined(teacher_client, classroom, student):
    teacher_client.post(reverse("join_code_disable", args=[classroom.pk]))
    assert Student.objects.filter(pk=student.pk).exists()
    roster = teacher_client.get(reverse("classroom_students", args=[classroom.pk]))
    assert "Joining is turned off" in roster.text


def test_custom_code_is_normalised_and_works(teacher_client, classroom):
    response = teacher_client.post(
        reverse("join_code_custom", args=[classroom.pk]), {"code": "rosa-rio-26"}
    )
    assert response.status_code == 302
    classroom.refresh_from_db()
    assert classroom.join_code == "ROSARIO26"
    assert join(Client(), "rosario26", "Condor").status_code == 302


def test_custom_code_used_by_another_class_is_refused(teacher_client, classroom, outsider):
    ClassroomFactory(teacher=outsider, join_code="TAKEN123")
    old = classroom.join_code
    response = teacher_client.post(
        reverse("join_code_custom", args=[classroom.pk]), {"code": "taken-123"}
    )
    assert response.status_code == 200
    assert response.context["code_form"].errors["code"] == [
        "Another class already uses this code. Choose another."
    ]
    classroom.refresh_from_db()
    assert classroom.join_code == old


def test_custom_code_may_be_the_classrooms_own_code(teacher_client, classroom, code):
    response = teacher_client.post(reverse("join_code_custom", args=[classroom.pk]), {"code": code})
    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["ABC12", "ABCDEFGHJKMNP", "ÄBCDEFG", "ABC_DEF1", "<script>"])
def test_custom_code_must_be_6_to_12_letters_and_digits(teacher_client, classroom, code, typed):
    response = teacher_client.post(
        reverse("join_code_custom", args=[classroom.pk]), {"code": typed}
    )
    assert response.status_code == 200
    assert response.context["code_form"].errors["code"]
    classroom.refresh_from_db()
    assert classroom.join_code == code


def rename(client, student, nickname):
    return client.post(
        reverse("student_rename", args=[student.classroom_id, student.pk]),
        {f"s{student.pk}-nickname": nickname},
    )


def test_rename(teacher_client, student):
    response = rename(teacher_client, student, "Puma Azul")
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.nickname == "Puma Azul"


def test_rename_to_a_different_case_of_the_same_nickname(teacher_client, student):
    assert rename(teacher_client, student, "PUMA").status_code == 302
    student.refresh_from_db()
    assert student.nickname == "PUMA"


@pytest.mark.parametrize("taken", ["Condor", "condor", "CONDOR"])
def test_rename_to_a_taken_nickname_is_refused(teacher_client, classroom, student, taken):
    StudentFactory(classroom=classroom, nickname="Condor")
    response = rename(teacher_client, student, taken)
    assert response.status_code == 200
    form = response.context["rename_forms"][student.pk]
    assert form.errors["nickname"] == ["Another student of this class uses this nickname."]
    student.refresh_from_db()
    assert student.nickname == "Puma"


def test_rename_to_a_nickname_used_in_another_class_is_fine(teacher_client, student, outsider):
    StudentFactory(classroom=ClassroomFactory(teacher=outsider), nickname="Condor")
    assert rename(teacher_client, student, "Condor").status_code == 302


def test_rename_applies_the_nickname_rules(teacher_client, student):
    response = rename(teacher_client, student, "me@home.org")
    assert response.status_code == 200
    student.refresh_from_db()
    assert student.nickname == "Puma"


def test_reset_signs_the_student_out_and_changes_the_secret(
    teacher_client, student_client, student, classroom
):
    """student_client and teacher_client share pytest-django's client; use a second one."""
    assert student_client.get(reverse("student_space")).status_code == 200
    teacher = Client()
    teacher.force_login(classroom.teacher)
    old_secret, old_version = student.secret, student.session_version
    response = teacher.post(reverse("student_reset", args=[classroom.pk, student.pk]))
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.secret != old_secret
    assert student.session_version == old_version + 1
    assert student_client.get(reverse("student_space"))["Location"] == reverse("student_join")
    # The old secret no longer works; the new one does.
    assert join_errors(join(Client(), classroom.join_code, "Puma", old_secret), "secret")
    assert join(Client(), classroom.join_code, "Puma", student.secret).status_code == 302


def test_reset_message_tells_the_teacher_the_new_secret(teacher_client, classroom, student):
    response = teacher_client.post(
        reverse("student_reset", args=[classroom.pk, student.pk]), follow=True
    )
    student.refresh_from_db()
    assert f"Their new secret word is {student.secret}" in response.text


def test_remove_deletes_the_student_and_signs_them_out(student_client, classroom, student):
    teacher = Client()
    teacher.force_login(classroom.teacher)
    response = teacher.post(reverse("student_remove", args=[classroom.pk, student.pk]))
    assert response["Location"] == reverse("classroom_students", args=[classroom.pk])
    assert not Student.objects.filter(pk=student.pk).exists()
    assert student_client.get(reverse("student_space"))["Location"] == reverse("student_join")


def test_removed_nickname_can_be_taken_again(client, teacher_client, classroom, student):
    teacher_client.post(reverse("student_remove", args=[classroom.pk, student.pk]))
    assert join(Client(), classroom.join_code, "Puma").status_code == 302

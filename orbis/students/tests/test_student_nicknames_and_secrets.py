"""A student's nickname (no email, phone or link; tidied; unique in the class, whatever the
case or alphabet) and secret word (how a returning student signs back in)."""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.classrooms.codes import display_code
from orbis.students.models import Student
from orbis.students.tests.test_student_joining import join, join_errors, signed_in_student
from tests.factories import ClassroomFactory


@pytest.mark.parametrize(
    "nickname",
    [
        "ana@mail.com",
        "call 5551234567",
        "0341 155 123456",
        "https://evil.example",
        "ftp://x",
    ],
)
def test_nickname_with_an_email_phone_or_link_is_refused(client, code, nickname):
    response = join(client, code, nickname)
    assert join_errors(response, "nickname") == [
        "A nickname can't contain an email address, a phone number or a link."
    ]
    assert not Student.objects.filter(classroom__join_code=code).exclude(nickname="Puma").exists()


@pytest.mark.parametrize(
    ("nickname", "message"),
    [
        ("A", "A nickname needs at least 2 characters."),
        (" \x07 ", "A nickname needs at least 2 characters."),
        ("<b>Bold</b>", "Use letters, numbers, spaces, dots, dashes or apostrophes in a nickname."),
        ("-dash", "Use letters, numbers, spaces, dots, dashes or apostrophes in a nickname."),
        ("a" * 31, "Ensure this value has at most 30 characters (it has 31)."),
    ],
)
def test_nickname_rules(client, code, nickname, message):
    response = join(client, code, nickname)
    assert message in join_errors(response, "nickname")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Ana   María ", "Ana María"),
        ("O'Brien", "O'Brien"),
        ("Li\u200bna", "Lina"),
        ("Zoë", "Zoë"),
        ("小龙", "小龙"),
    ],
)
def test_nickname_is_tidied_and_unicode_letters_are_welcome(client, classroom, code, typed, stored):
    assert join(client, code, typed).status_code == 302
    assert Student.objects.filter(classroom=classroom, nickname=stored).exists()


def test_taken_nickname_requires_the_secret(client, student, code):
    response = join(client, code, "puma")
    assert response.status_code == 200
    assert join_errors(response, "secret") == [
        "Someone in this class already uses this nickname. If it is you, type your secret word; "
        "if not, choose another nickname."
    ]
    assert Student.objects.filter(classroom=student.classroom).count() == 1
    assert signed_in_student(client) is None


def test_wrong_secret_is_refused(client, student, code):
    response = join(client, code, "Puma", "wrong1")
    assert join_errors(response, "secret") == [
        "This secret word is not right. Ask your teacher for it."
    ]
    assert signed_in_student(client) is None


def test_right_secret_signs_the_same_student_back_in(client, student, code):
    response = join(client, display_code(code).lower(), "  PUMA ", f" {student.secret.upper()} ")
    assert response["Location"] == reverse("student_space")
    assert signed_in_student(client) == student
    assert Student.objects.filter(classroom=student.classroom).count() == 1
    space = client.get(reverse("student_space"))
    assert "Hello, Puma!" in space.text
    assert "Your secret word is:" not in space.text


def test_same_nickname_in_another_class_is_a_different_student(client, student, outsider):
    other = ClassroomFactory(teacher=outsider)
    assert join(client, other.join_code, "Puma").status_code == 302
    assert Student.objects.filter(nickname="Puma").count() == 2
    assert signed_in_student(client).classroom == other


@pytest.mark.parametrize("nickname", ["Ángela", "Émilie", "Ñandú", "Øyvind", "Ирина"])
def test_returning_student_with_an_accented_capital_signs_back_in(client, classroom, nickname):
    """Many children's names start with an accented capital. Coming back on another device
    with the nickname exactly as first typed and the right secret must sign the student in."""
    first = Client()
    assert join(first, classroom.join_code, nickname).status_code == 302
    student = Student.objects.get(classroom=classroom, nickname=nickname)
    response = join(client, classroom.join_code, nickname, student.secret)
    assert response.status_code == 302, response.context["form"].errors
    assert signed_in_student(client) == student


@pytest.mark.parametrize(("first", "second"), [("Ángela", "ángela"), ("Ирина", "ирина")])
def test_taken_nickname_is_case_insensitive_beyond_ascii(client, classroom, first, second):
    join(Client(), classroom.join_code, first)
    response = join(client, classroom.join_code, second)
    assert response.status_code == 200
    assert join_errors(response, "secret")
    assert Student.objects.filter(classroom=classroom).count() == 1


def test_non_ascii_secret_word_is_refused_without_an_error(client, student, code):
    """A child may type the secret word with an accent: a wrong secret, not a server error."""
    response = join(client, code, "Puma", "kémo27")
    assert response.status_code == 200
    assert join_errors(response, "secret") == [
        "This secret word is not right. Ask your teacher for it."
    ]

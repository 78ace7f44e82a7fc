"""Students: joining with a class code, coming back with the secret word, and the teacher's
roster (join code, rename, reset, remove)."""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.classrooms.codes import CODE_ALPHABET, display_code, normalize_code
from orbis.students.middleware import SESSION_KEY
from orbis.students.models import Student
from tests.factories import ClassroomFactory, StudentFactory


def join(client, code, nickname, secret="", accept_rules=True):
    data = {"code": code, "nickname": nickname, "secret": secret}
    if accept_rules:
        data["accept_rules"] = "on"
    return client.post(reverse("student_join"), data)


def signed_in_student(client) -> Student | None:
    data = client.session.get(SESSION_KEY)
    if not data:
        return None
    return Student.objects.filter(pk=data["id"], session_version=data["version"]).first()


def join_errors(response, field) -> list[str]:
    return response.context["form"].errors.get(field, [])


@pytest.fixture
def code(classroom):
    return classroom.join_code


# ---- joining ----------------------------------------------------------------------------


def test_join_with_a_valid_code_creates_the_student_and_signs_in(client, classroom, code):
    response = join(client, code, "Condor")
    assert response.status_code == 302
    assert response["Location"] == reverse("student_space")
    student = Student.objects.get(classroom=classroom, nickname="Condor")
    assert signed_in_student(client) == student
    assert len(student.secret) >= 4


def test_join_page_shows_the_students_rules_before_the_form(client, db):
    page = client.get(reverse("student_join")).text
    assert "Use only your nickname" in page
    assert "tell your teacher" in page
    assert page.index("Use only your nickname") < page.index('name="accept_rules"')


def test_a_new_student_must_accept_the_rules(client, classroom, code):
    response = join(client, code, "Condor", accept_rules=False)
    assert response.status_code == 200
    assert join_errors(response, "accept_rules") == [
        "Read the rules above and tick the box to show you will follow them."
    ]
    assert not Student.objects.filter(nickname="Condor").exists()
    assert signed_in_student(client) is None


def test_a_new_student_typing_a_secret_word_must_still_accept_the_rules(client, classroom, code):
    response = join(client, code, "Condor", secret="guess", accept_rules=False)
    assert join_errors(response, "accept_rules")
    assert not Student.objects.filter(nickname="Condor").exists()


def test_a_returning_student_with_her_secret_word_needs_not_accept_again(client, student):
    code = student.classroom.join_code
    response = join(client, code, student.nickname, secret=student.secret, accept_rules=False)
    assert response.status_code == 302
    assert signed_in_student(client) == student


def test_secret_word_is_shown_once(client, classroom, code):
    join(client, code, "Condor")
    student = Student.objects.get(nickname="Condor")
    first = client.get(reverse("student_space"))
    assert "Your secret word is:" in first.text
    assert student.secret in first.text
    second = client.get(reverse("student_space"))
    assert second.status_code == 200
    assert "Your secret word is:" not in second.text
    assert student.secret not in second.text


@pytest.mark.parametrize(
    "typed", ["{code}", "{lower}", " {dashed} ", "{spaced}", "{lower_dashed}", "\t{code}\n"]
)
def test_code_ignores_case_spaces_and_dashes(client, classroom, code, typed):
    variants = {
        "code": code,
        "lower": code.lower(),
        "dashed": display_code(code),
        "spaced": " ".join(code),
        "lower_dashed": display_code(code).lower(),
    }
    response = join(client, typed.format(**variants), "Condor")
    assert response.status_code == 302
    assert Student.objects.filter(classroom=classroom, nickname="Condor").exists()


def test_wrong_code_is_refused_with_a_message(client, classroom):
    response = join(client, "ZZZZ-ZZZZ", "Condor")
    assert response.status_code == 200
    assert join_errors(response, "code") == ["No class uses this code. Check it with your teacher."]
    assert not Student.objects.filter(nickname="Condor").exists()
    assert signed_in_student(client) is None


@pytest.mark.parametrize("typed", ["", "   ", "---"])
def test_empty_code_is_refused(client, classroom, typed):
    response = join(client, typed, "Condor")
    assert response.status_code == 200
    assert join_errors(response, "code")
    assert not Student.objects.filter(nickname="Condor").exists()


def test_disabled_code_is_refused(client, teacher_client, classroom, code):
    teacher_client.post(reverse("join_code_disable", args=[classroom.pk]))
    classroom.refresh_from_db()
    assert classroom.join_code is None
    response = join(Client(), code, "Condor")
    assert join_errors(response, "code") == ["No class uses this code. Check it with your teacher."]
    assert not Student.objects.filter(nickname="Condor").exists()


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


def test_logged_in_teacher_visiting_join_is_redirected(teacher_client, code):
    for response in [
        teacher_client.get(reverse("student_join")),
        join(teacher_client, code, "Condor"),
    ]:
        assert response.status_code == 302
        assert response["Location"] == reverse("dashboard")
    assert not Student.objects.filter(nickname="Condor").exists()


def test_signed_in_student_visiting_join_goes_to_their_space(student_client, code):
    response = join(student_client, code, "Condor")
    assert response["Location"] == reverse("student_space")
    assert not Student.objects.filter(nickname="Condor").exists()


def test_joining_starts_a_new_session(client, code):
    client.get(reverse("student_join"))
    before = client.session.session_key
    join(client, code, "Condor")
    assert client.session.session_key != before


def test_leaving_signs_the_student_out(student_client):
    response = student_client.post(reverse("student_leave"))
    assert response["Location"] == reverse("home")
    assert student_client.get(reverse("student_space"))["Location"] == reverse("student_join")


# ---- the student space --------------------------------------------------------------------


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


# ---- the teacher's roster and join code ----------------------------------------------------


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


# ---- codes -------------------------------------------------------------------------------


def test_code_helpers():
    assert normalize_code(" abcd-efgh\n") == "ABCDEFGH"
    assert normalize_code(None) == ""
    assert display_code("ABCDEFGH") == "ABCD-EFGH"
    assert display_code("ROSARIO26") == "ROSARIO26"
    assert not set("01OIL") & set(CODE_ALPHABET)

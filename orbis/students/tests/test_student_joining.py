"""Students joining their class with its code (any case, spaces or dashes; refused when wrong,
empty or turned off), accepting the rules, signing out; and the code helpers."""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.classrooms.codes import CODE_ALPHABET, display_code, normalize_code
from orbis.students.middleware import SESSION_KEY
from orbis.students.models import Student


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


# ---- codes -------------------------------------------------------------------------------


def test_code_helpers():
    assert normalize_code(" abcd-efgh\n") == "ABCDEFGH"
    assert normalize_code(None) == ""
    assert display_code("ABCDEFGH") == "ABCD-EFGH"
    assert display_code("ROSARIO26") == "ROSARIO26"
    assert not set("01OIL") & set(CODE_ALPHABET)

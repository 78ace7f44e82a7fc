"""Guessing at the join form is throttled: a classmate's secret word (per class code and
nickname) and class codes (per IP address). Only failures count; a window ends by itself."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from orbis.students.middleware import SESSION_KEY
from tests.factories import StudentFactory

TOO_MANY = "Too many failed login attempts. Try again later."


def join(client, code, nickname, secret="", ip="203.0.113.7"):
    return client.post(
        reverse("student_join"),
        {"code": code, "nickname": nickname, "secret": secret, "accept_rules": "on"},
        REMOTE_ADDR=ip,
    )


def refused_for_too_many(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.context["form"].non_field_errors()


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture
def limits(settings):
    settings.STUDENT_JOIN_FAILURE_LIMIT = 3
    settings.STUDENT_JOIN_IP_FAILURE_LIMIT = 5
    settings.STUDENT_JOIN_WINDOW_MINUTES = 15


def test_wrong_secret_words_for_one_nickname_are_limited(client, student, limits):
    code = student.classroom.join_code
    for guess in ("aaaa11", "bbbb22", "cccc33"):
        assert not refused_for_too_many(join(client, code, "Puma", guess))
    # Now even the right word is refused, from any address: the nickname is what is guessed.
    response = join(Client(), code, "puma", student.secret, ip="198.51.100.9")
    assert refused_for_too_many(response)
    assert not signed_in(client)
    # Another classmate is not affected.
    other = StudentFactory(classroom=student.classroom, nickname="Condor")
    assert join(Client(), code, "Condor", other.secret).status_code == 302


def test_the_limit_ends_with_its_window(client, student, limits):
    code = student.classroom.join_code
    for guess in ("aaaa11", "bbbb22", "cccc33"):
        join(client, code, "Puma", guess)
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        assert join(client, code, "Puma", student.secret).status_code == 302


def test_the_right_secret_word_resets_the_nickname_count(student, limits):
    code = student.classroom.join_code
    join(Client(), code, "Puma", "aaaa11")
    join(Client(), code, "Puma", "bbbb22")
    assert join(Client(), code, "Puma", student.secret).status_code == 302
    join(Client(), code, "Puma", "cccc33")
    join(Client(), code, "Puma", "dddd44")
    assert join(Client(), code, "Puma", student.secret).status_code == 302


def test_guessing_class_codes_from_one_address_is_limited(client, classroom, limits):
    for attempt in range(5):
        response = join(client, f"WRONG{attempt:03d}", "Condor")
        assert response.context["form"].errors["code"]
    # The real code from that address waits; from another address it works.
    assert refused_for_too_many(join(client, classroom.join_code, "Condor"))
    assert join(Client(), classroom.join_code, "Condor", ip="198.51.100.9").status_code == 302


def test_new_students_joining_do_not_count(client, classroom, limits):
    """A whole class joins from one school address: only failures count."""
    for number in range(8):
        assert join(Client(), classroom.join_code, f"Student {number}").status_code == 302


def test_default_limits(settings):
    assert settings.STUDENT_JOIN_FAILURE_LIMIT == 10
    assert settings.STUDENT_JOIN_IP_FAILURE_LIMIT == 30
    assert settings.STUDENT_JOIN_WINDOW_MINUTES == 15

"""A teacher with an approved entry gets a certificate naming her, her classes that entered
with their countries, the challenge and its dates; anyone else gets 404."""

import io
from datetime import UTC, date, datetime

import time_machine
from django.urls import reverse
from pypdf import PdfReader

from tests.builders import enter, open_challenge
from tests.factories import ClassroomFactory


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())


# The challenge ran in 2026 and the entries were made while it was open.
@time_machine.travel(datetime(2026, 9, 15, 12, tzinfo=UTC), tick=False)
def test_a_participating_teacher_gets_her_certificate(teacher_client, teacher, classroom, db):
    challenge = open_challenge(
        starts_on=date(2026, 6, 1), ends_on=date(2026, 12, 31), title="Day of Play"
    )
    other = ClassroomFactory(teacher=teacher, name="Robotics club")
    unused = ClassroomFactory(teacher=teacher, name="Chess club")
    enter(challenge, classroom)
    enter(challenge, other)
    waiting = enter(challenge, unused, title="Waiting one")
    waiting.status = "pending"
    waiting.save(update_fields=["status"])

    text = pdf_text(teacher_client.get(reverse("challenge_certificate", args=[challenge.slug])))
    assert "Gisel" in text
    assert "Day of Play" in text
    assert "6th grade B" in text and "Robotics club" in text
    assert "Chess club" not in text
    assert "Argentina" in text
    assert "2026" in text


def test_no_certificate_without_an_approved_entry(
    teacher_client, classroom, challenge, student, login_client, outsider
):
    url = reverse("challenge_certificate", args=[challenge.slug])
    assert teacher_client.get(url).status_code == 404
    enter(challenge, classroom, student=student)  # waits for approval
    assert teacher_client.get(url).status_code == 404
    enter(challenge, classroom)
    assert teacher_client.get(url).status_code == 200
    assert login_client(outsider).get(url).status_code == 404

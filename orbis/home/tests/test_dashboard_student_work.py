"""The dashboard tells a teacher what her students made that waits for her decision."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from orbis.board import services as board
from orbis.challenges import services as challenges
from orbis.challenges.models import Challenge
from orbis.projects.models import Project
from orbis.reflections import services as reflections
from orbis.uploads.processing import clean_upload
from tests.builders import build_project
from tests.samples import png

pytestmark = pytest.mark.django_db


def test_nothing_waits_so_nothing_is_said(teacher_client, classroom):
    page = teacher_client.get(reverse("dashboard")).content.decode()
    assert "waits for your decision" not in page
    assert "wait for your approval" not in page


def test_board_reflections_and_challenge_entries_waiting(teacher_client, classroom, student):
    project = build_project(classroom, status=Project.Status.RUNNING)
    board.post_create(
        project=project,
        classroom=classroom,
        phase="execution",
        title="Our river",
        body="Hi",
        student=student,
    )
    reflections.ensure_prompts(project)
    prompt = project.reflection_prompt_set.first()
    reflections.student_answer(prompt, student=student, text="We learnt a lot.")
    today = timezone.localdate()
    challenge = challenges.challenge_create(
        title="Day of Play",
        theme="Play",
        description="Build a game.",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=9),
        status=Challenge.Status.OPEN,
    )
    upload = clean_upload(SimpleUploadedFile("game.png", png(), "image/png"))
    challenges.entry_create(
        challenge=challenge,
        classroom=classroom,
        title="Our game",
        uploads=[upload],
        student=student,
    )

    page = teacher_client.get(reverse("dashboard")).content.decode()
    assert "1 board item waits for your decision." in page
    assert reverse("board_queue_all") in page
    assert f"reflections wait for your approval in “{project.title}”" in page
    assert reverse("reflections", args=[project.token]) + "#waiting" in page
    assert "1 challenge entry waits for your approval." in page
    assert reverse("challenge_entries_mine") in page

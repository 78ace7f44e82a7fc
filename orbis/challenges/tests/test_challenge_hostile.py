"""Hostile ids, parameters and form values: never a 500, nothing half-saved."""

import pytest
from django.urls import reverse

from orbis.challenges.models import Challenge, ChallengeEntry, ChallengeMedia
from tests.builders import enter
from tests.samples import png_upload

from .conftest import stored_files

HUGE = 99999999999999999999  # beyond a 64-bit integer
HOSTILE = [
    "x" * 10_000,
    "a\x00b",
    "<script>alert(1)</script>",
    "'; DROP TABLE challenges_challenge; --",
    "{{ 7|add:7 }} %(name)s",
    "-1",
    "99999999999999999999",
    "",
]


def rows():
    return Challenge.objects.count(), ChallengeEntry.objects.count(), ChallengeMedia.objects.count()


def test_huge_and_unknown_ids_are_404(client, teacher_client, challenge, classroom):
    entry = enter(challenge, classroom)
    media = entry.media.get()
    for name in ["challenge_media", "challenge_thumbnail"]:
        assert client.get(reverse(name, args=[challenge.slug, HUGE])).status_code == 404
        assert client.get(reverse(name, args=["no-such-thing", media.pk])).status_code == 404
    for name in ["challenge_entry_moderate", "challenge_entry_consent"]:
        assert teacher_client.post(reverse(name, args=[HUGE])).status_code == 404
    assert client.get(reverse("challenge_detail", args=["x" * 500])).status_code == 404
    assert client.get("/challenges/%00/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "-5", str(HUGE), "1e9", "x" * 5000])
def test_hostile_page_numbers(client, teacher_client, challenge, page):
    url = reverse("challenge_detail", args=[challenge.slug])
    assert client.get(url, {"page": page}).status_code == 200
    assert teacher_client.get(reverse("challenge_entries_mine"), {"page": page}).status_code == 200


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_staff_form_values(staff_client, value):
    fields = {
        "title": "Play",
        "slug": "play",
        "theme": "Games",
        "description": "Make a game.",
        "rules": "",
        "starts_on": "2026-06-11",
        "ends_on": "2026-06-12",
        "sdgs": ["3"],
        "age_min": "",
        "age_max": "",
        "status": "open",
    }
    for field in fields:
        Challenge.objects.all().delete()
        response = staff_client.post(reverse("challenge_create"), {**fields, field: value})
        assert response.status_code in {200, 302}, (field, value)
        if response.status_code == 200:
            assert not Challenge.objects.exists()


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_entry_values(teacher_client, challenge, classroom, value):
    fields = {"classroom": str(classroom.pk), "title": "Our game", "description": "Fun."}
    for field in [*fields, "show_faces"]:
        before = rows()
        response = teacher_client.post(
            reverse("challenge_enter", args=[challenge.slug]),
            {**fields, field: value, "files": [png_upload()]},
        )
        assert response.status_code in {200, 302}, (field, value)
        if response.status_code == 200:
            assert rows() == before
    assert len(stored_files()) == 2 * ChallengeMedia.objects.count()  # each image + thumbnail


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_moderation_values(teacher_client, challenge, classroom, value):
    entry = enter(challenge, classroom)
    for name, field in [
        ("challenge_entry_moderate", "decision"),
        ("challenge_entry_consent", "show_faces"),
    ]:
        response = teacher_client.post(reverse(name, args=[entry.pk]), {field: value})
        assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "approved"

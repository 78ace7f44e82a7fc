"""The public gallery follows the teacher's consent for each entry: a student's nickname only
with show_names, pictures only with show_faces, on the page and when the file is asked for."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from orbis.challenges.models import ChallengeMedia
from tests.builders import enter, open_challenge
from tests.samples import pdf_upload, png_upload


@pytest.fixture
def entry(challenge, classroom, student):
    entry = enter(
        challenge, classroom, student=student, files=[png_upload(), pdf_upload()], title="Maze"
    )
    entry.status = "approved"
    entry.save(update_fields=["status"])
    return entry


def urls(entry):
    image, document = entry.media.order_by("pk")
    slug = entry.challenge.slug
    return {
        "image": reverse("challenge_media", args=[slug, image.pk]),
        "thumbnail": reverse("challenge_thumbnail", args=[slug, image.pk]),
        "pdf": reverse("challenge_media", args=[slug, document.pk]),
    }


def gallery(client, entry) -> str:
    return client.get(reverse("challenge_detail", args=[entry.challenge.slug])).content.decode()


def test_without_consent_no_nickname_and_no_picture(client, entry):
    html = gallery(client, entry)
    links = urls(entry)
    assert "Maze" in html and "6th grade B" in html and "Argentina" in html
    assert "Puma" not in html
    assert links["image"] not in html and links["thumbnail"] not in html
    assert links["pdf"] in html
    assert "1 picture is not shown publicly." in html
    assert client.get(links["image"]).status_code == 404
    assert client.get(links["thumbnail"]).status_code == 404
    response = client.get(links["pdf"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_teacher_ticks_consent_and_the_public_sees_more(client, entry, login_client):
    teacher = login_client(entry.classroom.teacher)
    response = teacher.post(
        reverse("challenge_entry_consent", args=[entry.pk]),
        {"show_names": "on", "show_faces": "on"},
    )
    assert response.status_code == 302
    html = gallery(client, entry)
    links = urls(entry)
    assert "Puma" in html
    assert links["image"] in html
    image = client.get(links["image"])
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    # Unticking takes them back.
    teacher.post(reverse("challenge_entry_consent", args=[entry.pk]), {})
    assert "Puma" not in gallery(client, entry)
    assert client.get(links["image"]).status_code == 404


def test_names_alone_show_the_nickname_but_not_the_pictures(client, entry, login_client):
    login_client(entry.classroom.teacher).post(
        reverse("challenge_entry_consent", args=[entry.pk]), {"show_names": "on"}
    )
    assert "Puma" in gallery(client, entry)
    assert client.get(urls(entry)["image"]).status_code == 404


def test_pending_and_rejected_entries_stay_private(entry, login_client, student_client):
    client = Client()  # anonymous: the `client` fixture is the one student_client signs in
    entry.show_faces = True
    entry.save(update_fields=["show_faces"])
    teacher = login_client(entry.classroom.teacher)
    for status in ["pending", "rejected"]:
        entry.status = status
        entry.save(update_fields=["status"])
        assert "Maze" not in gallery(client, entry)
        for url in urls(entry).values():
            assert client.get(url).status_code == 404
            # The class's teacher decides on it; its author may look at her own files.
            assert teacher.get(url).status_code == 200
            assert student_client.get(url).status_code == 200


def test_a_media_id_under_another_challenges_address_is_404(client, entry):
    other = open_challenge(slug="another")
    media = ChallengeMedia.objects.filter(entry=entry, kind="pdf").get()
    assert client.get(reverse("challenge_media", args=[other.slug, media.pk])).status_code == 404


def test_markdown_in_the_description_is_rendered_safely(client, db):
    challenge = open_challenge(
        slug="safe",
        description=(
            "**Play** <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://e.vil/p.png)"
        ),
    )
    html = client.get(reverse("challenge_detail", args=[challenge.slug])).content.decode()
    assert "<strong>Play</strong>" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    assert "e.vil" not in html


def test_the_list_shows_open_and_past_challenges_but_no_draft(client, db):
    open_challenge(slug="now", title="Play now")
    open_challenge(
        slug="over", title="Played", starts_on=date(2024, 6, 11), ends_on=date(2024, 6, 11)
    )
    open_challenge(slug="closed-early", title="Closed early", status="closed")
    open_challenge(slug="draft", title="Still a draft", status="draft")
    page = client.get(reverse("challenge_list"))
    current = [c.title for c in page.context["current"]]
    past = [c.title for c in page.context["past"]]
    assert current == ["Play now"]
    assert sorted(past) == ["Closed early", "Played"]
    assert "Still a draft" not in page.content.decode()

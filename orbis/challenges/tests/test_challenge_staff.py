"""Staff open and edit challenges; the form says what is wrong and saves nothing then."""

from datetime import date

import pytest
from django.urls import reverse

from orbis.challenges import services
from orbis.challenges.models import Challenge
from tests.builders import enter, open_challenge
from tests.factories import TeacherFactory


def payload(**changes):
    values = {
        "title": "International Day of Play 2026",
        "slug": "",
        "theme": "Build and share your creation",
        "description": "Invent a game.",
        "rules": "",
        "starts_on": "2026-06-11",
        "ends_on": "2026-06-11",
        "sdgs": ["3", "4"],
        "age_min": "6",
        "age_max": "12",
        "status": "open",
    }
    return {**values, **changes}


def test_staff_opens_a_challenge_with_an_address_made_from_its_title(staff_client, staff):
    response = staff_client.post(reverse("challenge_create"), payload())
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.slug == "international-day-of-play-2026"
    assert (challenge.created_by, challenge.sdgs, challenge.age_min) == (staff, [3, 4], 6)
    assert challenge.starts_on == date(2026, 6, 11)
    page = staff_client.get(reverse("challenge_staff_list"))
    assert "International Day of Play 2026" in page.content.decode()


def test_inverted_dates_are_refused_and_nothing_saved(staff_client):
    response = staff_client.post(
        reverse("challenge_create"), payload(starts_on="2026-06-12", ends_on="2026-06-11")
    )
    assert response.status_code == 200
    assert "The last day can&#x27;t be before the first day." in response.content.decode()
    assert not Challenge.objects.exists()


def test_inverted_ages_are_refused(staff_client):
    response = staff_client.post(reverse("challenge_create"), payload(age_min="12", age_max="6"))
    assert "The oldest age can&#x27;t be below the youngest." in response.content.decode()
    assert not Challenge.objects.exists()


def test_a_taken_or_reserved_address_is_refused(staff_client):
    open_challenge(slug="day-of-play")
    for slug, message in [
        ("day-of-play", "Another challenge already has this address."),
        ("staff", "This address is taken by Orbis itself"),
        ("not a slug!", "Enter a valid"),
    ]:
        response = staff_client.post(reverse("challenge_create"), payload(slug=slug))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert Challenge.objects.count() == 1


def test_the_service_refuses_a_duplicate_address_and_inverted_dates(db):
    open_challenge(slug="day-of-play")
    with pytest.raises(services.ChallengeError, match="already has this address"):
        open_challenge(slug="day-of-play")
    with pytest.raises(services.ChallengeError, match="before the first day"):
        open_challenge(slug="other", starts_on=date(2026, 6, 12), ends_on=date(2026, 6, 11))
    with pytest.raises(services.ChallengeError, match="youngest first"):
        open_challenge(slug="ages", age_min=12, age_max=6)
    assert Challenge.objects.count() == 1


def test_staff_edits_a_challenge_and_a_refused_edit_changes_nothing(staff_client, db):
    challenge = open_challenge(slug="day-of-play")
    url = reverse("challenge_edit", args=[challenge.slug])
    assert staff_client.get(url).status_code == 200
    refused = staff_client.post(url, payload(slug="day-of-play", ends_on="2026-01-01"))
    assert refused.status_code == 200
    challenge.refresh_from_db()
    assert challenge.title == "International Day of Play 2026"
    response = staff_client.post(url, payload(slug="play-2026", title="Day of Play"))
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.slug, challenge.title) == ("play-2026", "Day of Play")


def test_drafts_are_for_staff_only(client, staff_client, db):
    draft = open_challenge(slug="secret-plans", status=Challenge.Status.DRAFT)
    url = reverse("challenge_detail", args=[draft.slug])
    assert client.get(url).status_code == 404
    assert "secret-plans" not in client.get(reverse("challenge_list")).content.decode()
    assert staff_client.get(url).status_code == 200


def test_the_admin_lists_and_opens_challenges_and_entries(login_client, challenge, classroom):
    entry = enter(challenge, classroom)
    admin = login_client(TeacherFactory(is_staff=True, is_superuser=True))
    for url in [
        reverse("admin:challenges_challenge_changelist"),
        reverse("admin:challenges_challenge_change", args=[challenge.pk]),
        reverse("admin:challenges_challengeentry_changelist"),
        reverse("admin:challenges_challengeentry_change", args=[entry.pk]),
    ]:
        assert admin.get(url).status_code == 200, url

"""Per-kind email preferences: the defaults, the page that changes them, hostile posts."""

import pytest
from django.urls import reverse

from orbis.notifications.models import (
    DEFAULT_DELIVERY,
    KIND_GROUPS,
    Delivery,
    Notification,
    NotificationPreference,
    email_preferences,
)
from orbis.notifications.services import PreferenceError, save_preferences

URL = "/notifications/preferences/"


def all_choices(**changes) -> dict[str, str]:
    return {**DEFAULT_DELIVERY, **changes}


def test_every_kind_has_a_default_and_a_group():
    assert set(DEFAULT_DELIVERY) == set(Notification.Kind.values)
    grouped = [kind for _name, kinds in KIND_GROUPS for kind, _default in kinds]
    assert len(grouped) == len(set(grouped)) == len(Notification.Kind.values)
    assert [str(name) for name, _kinds in KIND_GROUPS] == [
        "Partners",
        "Projects",
        "Board",
        "Live sessions",
        "Showcase & challenges",
        "Safety",
    ]


def test_defaults_email_what_needs_an_answer_at_once_and_news_in_the_digest(teacher):
    prefs = email_preferences(teacher)
    Kind = Notification.Kind
    for kind in [
        Kind.PARTNER_REQUEST,
        Kind.JOIN_REQUEST,
        Kind.SESSION_REMINDER,
        Kind.SESSION_CANCELLED,
        Kind.ITEM_FLAGGED,
        Kind.PENDING_APPROVAL,
        Kind.CHALLENGE_ENTRY,
    ]:
        assert prefs[kind] == Delivery.IMMEDIATE, kind
    for kind in [Kind.BOARD_POST, Kind.BOARD_COMMENT, Kind.FLAG_DECIDED, Kind.SHOWCASE_PUBLISHED]:
        assert prefs[kind] == Delivery.DIGEST, kind
    assert not NotificationPreference.objects.exists()  # defaults are not stored


def test_the_page_shows_the_groups_and_the_current_choices(teacher_client, teacher):
    assert reverse("notification_preferences") == URL
    NotificationPreference.objects.create(
        user=teacher, kind=Notification.Kind.BOARD_POST, email=Delivery.OFF
    )
    response = teacher_client.get(URL)
    assert response.status_code == 200
    for group in ["Partners", "Projects", "Board", "Live sessions", "Showcase &amp; challenges"]:
        assert f'<legend class="group">{group}</legend>' in response.text
    assert "New post on a project board" in response.text
    form = response.context["form"]
    assert form["board_post"].value() == "off"
    assert form["board_comment"].value() == "digest"
    assert form["partner_request"].value() == "immediate"


def test_the_list_and_the_profile_link_to_the_page(teacher_client):
    assert URL in teacher_client.get(reverse("notification_list")).text
    assert URL in teacher_client.get(reverse("profile_edit")).text


def test_saving_stores_every_choice(teacher_client, teacher, outsider):
    response = teacher_client.post(
        URL, all_choices(board_post="off", partner_request="digest"), follow=True
    )
    assert "Your notification emails are saved." in response.text
    prefs = email_preferences(teacher)
    assert prefs["board_post"] == Delivery.OFF
    assert prefs["partner_request"] == Delivery.DIGEST
    assert prefs["session_reminder"] == Delivery.IMMEDIATE
    assert NotificationPreference.objects.filter(user=teacher).count() == len(DEFAULT_DELIVERY)
    assert email_preferences(outsider) == DEFAULT_DELIVERY


def test_saving_again_updates_in_place(teacher_client, teacher):
    teacher_client.post(URL, all_choices(board_post="off"))
    response = teacher_client.post(URL, all_choices(board_post="immediate"))
    assert response.status_code == 302
    assert response["Location"] == URL
    assert email_preferences(teacher)["board_post"] == Delivery.IMMEDIATE
    assert NotificationPreference.objects.filter(user=teacher).count() == len(DEFAULT_DELIVERY)


@pytest.mark.parametrize(
    "data, error",
    [
        (all_choices(board_post="weekly"), "Choose “Email at once”, “Daily digest” or “Off”."),
        (all_choices(board_post=""), "Choose how Orbis should email you about this."),
        (
            {k: v for k, v in all_choices().items() if k != "session_reminder"},
            "Choose how Orbis should email you about this.",
        ),
        (all_choices(retired_kind="off"), "Orbis doesn&#x27;t know: reload the page."),
        (all_choices(**{"x" * 500: "off"}), "Orbis doesn&#x27;t know: reload the page."),
        (all_choices(board_post="immediate\x00"), "Choose “Email at once”"),
    ],
)
def test_hostile_posts_show_an_error_and_save_nothing(teacher_client, teacher, data, error):
    data = {**data, "partner_request": "off"}  # a valid change that must not be saved either
    response = teacher_client.post(URL, data)
    assert response.status_code == 200
    assert error in response.text
    assert not NotificationPreference.objects.exists()
    assert email_preferences(teacher) == DEFAULT_DELIVERY


@pytest.mark.parametrize(
    "choices",
    [{"board_post": "weekly"}, {"retired_kind": "off"}, {"board_post": "off", "x": "off"}],
)
def test_the_service_refuses_unknown_kinds_and_deliveries_whole(teacher, choices):
    """The form checks first; the service still never stores a value the app doesn't know."""
    with pytest.raises(PreferenceError):
        save_preferences(teacher, choices)
    assert not NotificationPreference.objects.exists()

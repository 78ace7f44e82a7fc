from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind
from .messages import render


class Delivery(models.TextChoices):
    """How a notification reaches the teacher by email (it is always in the centre too)."""

    IMMEDIATE = "immediate", _("Email at once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("Off")


class Notification(models.Model):
    """Something a teacher should know, shown in the app and sent by email.

    The text is rendered from `kind` and `params` when shown, so it appears in the language
    the reader uses, not the one the sender used.
    """

    Kind = Kind  # the kinds live in kinds.py, shared with the texts in messages.py

    recipient = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Decided when the notification is made, from the recipient's preference for its kind:
    # emailed at once, in the next daily digest, or not at all.
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return render(self.kind, self.params)


K = Notification.Kind

# What each kind is emailed as until the teacher chooses otherwise, and how the preferences page
# groups them. Kinds that ask for an answer or concern a date are emailed at once; news of
# activity (posts, comments, decisions, showcases) waits for the daily digest.
#
#   group                    kind                 default
#   Partners                 partner_request      immediate
#                            request_accepted     immediate
#                            request_declined     immediate
#                            request_withdrawn    immediate
#                            suggestions          immediate
#   Projects                 join_request         immediate
#                            join_accepted        immediate
#                            join_declined        immediate
#                            plan_clashes         digest (callers send it with email=False)
#                            member_left          digest (callers send it with email=False)
#   Board                    board_post           digest
#                            board_comment        digest
#                            pending_approval     immediate
#                            item_flagged         immediate
#                            flag_decided         digest
#   Live sessions            session_scheduled    immediate
#                            session_changed      immediate
#                            session_cancelled    immediate
#                            session_reminder     immediate
#   Showcase & challenges    showcase_published   digest
#                            challenge_entry      immediate
#   Safety                   report_decided       immediate
#                            account_warned       immediate
KIND_GROUPS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        _("Partners"),
        [
            (K.PARTNER_REQUEST, Delivery.IMMEDIATE),
            (K.REQUEST_ACCEPTED, Delivery.IMMEDIATE),
            (K.REQUEST_DECLINED, Delivery.IMMEDIATE),
            (K.REQUEST_WITHDRAWN, Delivery.IMMEDIATE),
            (K.SUGGESTIONS, Delivery.IMMEDIATE),
        ],
    ),
    (
        _("Projects"),
        [
            (K.JOIN_REQUEST, Delivery.IMMEDIATE),
            (K.JOIN_ACCEPTED, Delivery.IMMEDIATE),
            (K.JOIN_DECLINED, Delivery.IMMEDIATE),
            (K.PLAN_CLASHES, Delivery.DIGEST),
            (K.MEMBER_LEFT, Delivery.DIGEST),
        ],
    ),
    (
        _("Board"),
        [
            (K.BOARD_POST, Delivery.DIGEST),
            (K.BOARD_COMMENT, Delivery.DIGEST),
            (K.PENDING_APPROVAL, Delivery.IMMEDIATE),
            (K.ITEM_FLAGGED, Delivery.IMMEDIATE),
            (K.FLAG_DECIDED, Delivery.DIGEST),
        ],
    ),
    (
        _("Live sessions"),
        [
            (K.SESSION_SCHEDULED, Delivery.IMMEDIATE),
            (K.SESSION_CHANGED, Delivery.IMMEDIATE),
            (K.SESSION_CANCELLED, Delivery.IMMEDIATE),
            (K.SESSION_REMINDER, Delivery.IMMEDIATE),
        ],
    ),
    (
        _("Showcase & challenges"),
        [
            (K.SHOWCASE_PUBLISHED, Delivery.DIGEST),
            (K.CHALLENGE_ENTRY, Delivery.IMMEDIATE),
        ],
    ),
    (
        _("Safety"),
        [
            (K.REPORT_DECIDED, Delivery.IMMEDIATE),
            (K.ACCOUNT_WARNED, Delivery.IMMEDIATE),
        ],
    ),
]
DEFAULT_DELIVERY: dict[str, str] = {
    kind: delivery for _group, kinds in KIND_GROUPS for kind, delivery in kinds
}


class NotificationPreference(models.Model):
    """How a teacher wants one kind of notification emailed. Without a row, the kind's default
    (DEFAULT_DELIVERY) applies. Every notification is kept in the centre whatever the choice;
    "off" sends no email and stores it already read, so it never raises the unread count."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=Notification.Kind.choices)
    email = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} → {self.email}"


def email_preferences(user) -> dict[str, str]:
    """Every kind with how this teacher wants it emailed: her choices over the defaults."""
    chosen = dict(user.notification_preferences.values_list("kind", "email"))
    return {kind: chosen.get(kind, default) for kind, default in DEFAULT_DELIVERY.items()}

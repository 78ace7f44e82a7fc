from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.models import User

from .models import DEFAULT_DELIVERY, Delivery, Notification, NotificationPreference
from .tasks import email_notification


def notify(
    *, recipient: User, kind: str, params: dict, url: str, email: bool = True
) -> Notification:
    """Tell a teacher something in the app, and by email as her preference for the kind says.

    Immediate: emailed once the transaction commits. Digest: left for the next daily digest
    (tasks.send_digests). Off: no email, and stored already read so that it does not count as
    unread (the centre still lists it). `email=False` is the caller's default of no email for
    this notification; a preference the teacher saved for the kind overrides it.
    """
    chosen = (
        NotificationPreference.objects.filter(user=recipient, kind=kind)
        .values_list("email", flat=True)
        .first()
    )
    if chosen is not None:
        delivery = chosen
    elif email:
        delivery = DEFAULT_DELIVERY.get(kind, Delivery.IMMEDIATE)
    else:
        delivery = None  # no email, but still news: unread in the centre
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        params=params,
        url=url,
        delivery=delivery or Delivery.OFF,
        read_at=timezone.now() if delivery == Delivery.OFF else None,
    )
    # A suspended account (staff moderation) keeps its notifications but gets no email.
    if delivery == Delivery.IMMEDIATE and recipient.is_active:
        transaction.on_commit(lambda: email_notification.enqueue(notification.pk))
    return notification


class PreferenceError(Exception):
    """A preference that can't be saved, with a message for the teacher."""


@transaction.atomic
def save_preferences(user: User, choices: dict[str, str]) -> None:
    """Store how the teacher wants each kind emailed, all kinds at once."""
    if set(choices) - set(DEFAULT_DELIVERY) or set(choices.values()) - set(Delivery.values):
        raise PreferenceError(_("Unknown kind of notification or way of emailing it."))
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=kind, email=email)
            for kind, email in choices.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email"],
    )


def mark_read(notification: Notification) -> None:
    """Mark it read, keeping the first time it was read."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )

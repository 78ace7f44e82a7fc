import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from orbis.accounts.models import User

from .models import Delivery, Notification

logger = logging.getLogger(__name__)

# A digest gathers at most a week: older news is still in the centre, but no longer worth an email.
DIGEST_WINDOW = timedelta(days=7)


@task()
def email_notification(notification_id: int) -> None:
    """Send one notification by email, once: a retried task finds it already sent."""
    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None:
        return
    # Claim it first, so that two workers running the same task send one email.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return
    link = settings.SITE_URL.rstrip("/") + notification.url
    recipient = notification.recipient
    try:
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            text = notification.text
            send_mail(
                # A header is one line, whatever a classroom's name holds.
                subject=_("[Orbis] %(text)s") % {"text": " ".join(text.split())[:120]},
                message=_("%(text)s\n\nOpen Orbis: %(link)s\n") % {"text": text, "link": link},
                from_email=None,
                recipient_list=[recipient.email],
            )
    except Exception:
        # Not sent: release the claim so that running the task again sends it.
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise


class DigestError(Exception):
    """Some digests were not sent; running send_digests again sends them."""


def _due(since):
    """Digest notifications of the last week not emailed yet and not read in the app already
    (a teacher who has seen one in Orbis doesn't need it by email too)."""
    return Notification.objects.filter(
        delivery=Delivery.DIGEST,
        emailed_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=since,
    )


@task()
def send_digests() -> int:
    """Email each teacher ONE digest of her digest notifications; return how many were sent.

    Run once a day (`orbis send_digests` from cron). Running it twice sends nothing new: the
    notifications in a digest are claimed (emailed_at) before the email goes out. A teacher
    whose email fails keeps hers for the next run, and the others still get theirs.
    """
    since = timezone.now() - DIGEST_WINDOW
    teachers = User.objects.filter(is_active=True, pk__in=_due(since).values("recipient")).order_by(
        "pk"
    )
    sent, failed = 0, 0
    for teacher in teachers:
        try:
            sent += send_digest(teacher, since)
        except Exception:
            logger.exception("The notification digest of user %s was not sent", teacher.pk)
            failed += 1
    if failed:
        raise DigestError(f"{failed} digest emails failed; run send_digests again to retry.")
    return sent


def send_digest(teacher: User, since) -> int:
    """One email with all her due digest notifications: 1 if sent, 0 if nothing was due."""
    with transaction.atomic():
        # Locked, then claimed: a second worker waits for the claim and then finds nothing.
        ids = list(
            _due(since)
            .filter(recipient=teacher)
            .select_for_update(of=("self",))
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        claim = timezone.now()
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=claim)
    # Only what this run claimed (where rows can't be locked, another run may have won some).
    notifications = list(
        Notification.objects.filter(pk__in=ids, emailed_at=claim).order_by("created_at", "pk")
    )
    if not notifications:
        return 0
    site = settings.SITE_URL.rstrip("/")
    try:
        with translation.override(teacher.language or settings.LANGUAGE_CODE):
            items = "\n\n".join(
                # The link opens the notification in Orbis, which marks it read.
                "- {}\n  {}{}".format(
                    " ".join(notification.text.split()) or notification.get_kind_display(),
                    site,
                    reverse("notification_open", args=[notification.pk]),
                )
                for notification in notifications
            )
            count = len(notifications)
            send_mail(
                subject=ngettext(
                    "[Orbis] Your daily digest: %(count)d notification",
                    "[Orbis] Your daily digest: %(count)d notifications",
                    count,
                )
                % {"count": count},
                message=_(
                    "What happened on Orbis for your classes:\n\n%(items)s\n\n"
                    "All your notifications: %(list)s\n"
                    "Choose which emails Orbis sends you: %(preferences)s\n"
                )
                % {
                    "items": items,
                    "list": site + reverse("notification_list"),
                    "preferences": site + reverse("notification_preferences"),
                },
                from_email=None,
                recipient_list=[teacher.email],
            )
    except Exception:
        # Not sent: release the claim so that the next run sends them.
        Notification.objects.filter(pk__in=ids, emailed_at=claim).update(emailed_at=None)
        raise
    return 1

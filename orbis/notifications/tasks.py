from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification


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

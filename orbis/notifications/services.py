from django.db import transaction

from orbis.accounts.models import User

from .models import Notification
from .tasks import email_notification


def notify(
    *, recipient: User, kind: str, params: dict, url: str, email: bool = True
) -> Notification:
    """Tell a teacher something in the app, and by email once the transaction commits."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, params=params, url=url
    )
    if email:
        transaction.on_commit(lambda: email_notification.enqueue(notification.pk))
    return notification

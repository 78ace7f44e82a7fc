import pytest
from django.urls import reverse

from orbis.notifications.models import Notification

REQUEST_PARAMS = {
    "teacher": "Jhansi",
    "country": "IN",
    "classroom": "6th grade B",
    "their_classroom": "Class of Delhi",
}
REQUEST_TEXT = "Jhansi (India) asks 6th grade B to be partners with Class of Delhi."
POST_PARAMS = {
    "author": "Puma",
    "classroom": "6th grade B",
    "title": "Our river",
    "project": "Water in our lives",
}
POST_TEXT = "Puma (6th grade B) posted “Our river” on the board of “Water in our lives”."


@pytest.fixture
def note():
    """A stored notification (no preference consulted, nothing emailed)."""

    def make(recipient, *, kind=Notification.Kind.PARTNER_REQUEST, params=None, **fields):
        return Notification.objects.create(
            recipient=recipient,
            kind=kind,
            params=REQUEST_PARAMS if params is None else params,
            url=fields.pop("url", None) or reverse("partner_requests"),
            **fields,
        )

    return make

"""Writes for partner discovery: requests, partnerships, suggestions. Each runs in one
transaction; notifications (in the app and by email) go out when it commits."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.models import User
from orbis.classrooms.models import Classroom
from orbis.notifications.models import Notification
from orbis.notifications.services import notify

from .models import PartnerRequest, Partnership, PartnerSuggestion
from .selectors import request_refusal


class PartnerError(Exception):
    """A request that can't be made or answered; the message says why, for the teacher."""


def are_partners(a: Classroom, b: Classroom) -> bool:
    low, high = sorted((a.pk, b.pk))
    return Partnership.objects.filter(classroom_a_id=low, classroom_b_id=high).exists()


def _names(request: PartnerRequest, *, for_sender: bool) -> dict:
    """Notification parameters: who acted, and the classrooms from the reader's side."""
    sender, receiver = request.from_classroom, request.to_classroom
    actor = receiver if for_sender else sender
    own, their = (sender, receiver) if for_sender else (receiver, sender)
    return {
        "teacher": str(actor.teacher),
        "country": actor.teacher.school.country.code if actor.teacher.school else "",
        "classroom": own.name,
        "their_classroom": their.name,
    }


@transaction.atomic
def partner_request_create(
    *, sender: User, from_classroom: Classroom, to_classroom: Classroom, introduction: str
) -> PartnerRequest:
    if from_classroom.teacher_id != sender.pk:
        raise PartnerError(_("You can only send requests for your own classrooms."))
    if refusal := request_refusal(sender):
        raise PartnerError(refusal)
    if to_classroom.teacher_id == sender.pk:
        raise PartnerError(_("This is one of your own classrooms: choose another teacher's."))
    own_school, their_school = sender.school, to_classroom.teacher.school
    if own_school is None or their_school is None:
        raise PartnerError(_("Both classrooms need a school before they can be partners."))
    if own_school.country == their_school.country:
        raise PartnerError(_("Partner classes are in different countries."))
    if are_partners(from_classroom, to_classroom):
        raise PartnerError(_("These classrooms are already partners."))
    open_requests = PartnerRequest.objects.filter(status=PartnerRequest.Status.PENDING)
    if open_requests.filter(from_classroom=from_classroom, to_classroom=to_classroom).exists():
        raise PartnerError(_("You already asked this classroom; wait for the answer."))
    if open_requests.filter(from_classroom=to_classroom, to_classroom=from_classroom).exists():
        raise PartnerError(
            _("This classroom already asked yours: answer its request in your requests.")
        )
    if not to_classroom.looking_for_partners:
        raise PartnerError(_("This classroom is not looking for partners right now."))
    try:
        with transaction.atomic():
            request = PartnerRequest.objects.create(
                from_classroom=from_classroom, to_classroom=to_classroom, introduction=introduction
            )
    except IntegrityError:  # the same request, sent twice at the same moment
        raise PartnerError(_("You already asked this classroom; wait for the answer.")) from None
    PartnerSuggestion.objects.filter(
        Q(classroom=from_classroom, partner=to_classroom)
        | Q(classroom=to_classroom, partner=from_classroom)
    ).update(status=PartnerSuggestion.Status.REQUESTED)
    notify(
        recipient=to_classroom.teacher,
        kind=Notification.Kind.PARTNER_REQUEST,
        params=_names(request, for_sender=False),
        url=reverse("partner_requests"),
    )
    return request


def _answer(request: PartnerRequest, status: str) -> PartnerRequest:
    """Move a pending request to its answer; refuse when someone answered first."""
    changed = PartnerRequest.objects.filter(
        pk=request.pk, status=PartnerRequest.Status.PENDING
    ).update(status=status, answered_at=timezone.now())
    if not changed:
        raise PartnerError(_("This request was already answered or withdrawn."))
    request.refresh_from_db(fields=["status", "answered_at"])
    return request


@transaction.atomic
def partner_request_accept(*, request: PartnerRequest, by: User) -> Partnership:
    if request.to_classroom.teacher_id != by.pk:
        raise PartnerError(_("Only the teacher of the requested classroom can answer."))
    _answer(request, PartnerRequest.Status.ACCEPTED)
    low, high = sorted((request.from_classroom_id, request.to_classroom_id))
    partnership, _created = Partnership.objects.get_or_create(
        classroom_a_id=low, classroom_b_id=high
    )
    notify(
        recipient=request.from_classroom.teacher,
        kind=Notification.Kind.REQUEST_ACCEPTED,
        params=_names(request, for_sender=True),
        url=reverse("dashboard"),
    )
    return partnership


@transaction.atomic
def partner_request_decline(*, request: PartnerRequest, by: User) -> None:
    if request.to_classroom.teacher_id != by.pk:
        raise PartnerError(_("Only the teacher of the requested classroom can answer."))
    _answer(request, PartnerRequest.Status.DECLINED)
    notify(
        recipient=request.from_classroom.teacher,
        kind=Notification.Kind.REQUEST_DECLINED,
        params=_names(request, for_sender=True),
        url=reverse("partner_requests"),
    )


@transaction.atomic
def partner_request_withdraw(*, request: PartnerRequest, by: User) -> None:
    if request.from_classroom.teacher_id != by.pk:
        raise PartnerError(_("Only the teacher who sent the request can withdraw it."))
    _answer(request, PartnerRequest.Status.WITHDRAWN)
    notify(
        recipient=request.to_classroom.teacher,
        kind=Notification.Kind.REQUEST_WITHDRAWN,
        params=_names(request, for_sender=False),
        url=reverse("partner_requests"),
    )


def suggestion_decline(*, suggestion: PartnerSuggestion) -> None:
    """Not interested: this pair is never proposed again, to either side."""
    PartnerSuggestion.objects.filter(
        Q(classroom=suggestion.classroom_id, partner=suggestion.partner_id)
        | Q(classroom=suggestion.partner_id, partner=suggestion.classroom_id)
    ).update(status=PartnerSuggestion.Status.DECLINED, updated_at=timezone.now())

"""Trust rules for contacting others: a confirmed email, and rate limits that are lower for new
accounts (younger than NEW_ACCOUNT_DAYS).

This module gives the verdict only: each app counts its own rows (the partner requests, board
writes, uploaded files and challenge entries a teacher, or a class's students, made within the
limit's window) and asks `refusal` whether one more may go ahead. Counts come from rows, so they
hold across processes and restarts. `refusal` returns the message to show, or None; the calling
service raises its own error with it, before saving anything.

Students have no account: their posts, comments, uploads and entries count per classroom, at
STUDENT_FACTOR times the limit of the classroom's teacher (a class has many hands).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

STUDENT_FACTOR = 3
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


@dataclass(frozen=True)
class Limit:
    setting: str  # the setting of established accounts; new accounts have NEW_<setting>
    window: timedelta


LIMITS = {
    "requests": Limit("PARTNER_REQUESTS_PER_DAY", DAY),
    "writes": Limit("BOARD_WRITES_PER_HOUR", HOUR),
    "uploads": Limit("UPLOADS_PER_DAY", DAY),
    "entries": Limit("CHALLENGE_ENTRIES_PER_DAY", DAY),
}


@dataclass(frozen=True)
class Counted:
    """Whose actions count toward a limit: a teacher's own, or a class's students' together."""

    authors: dict  # a filter on the rows' author_teacher / author_student fields
    account: object  # the teacher whose tier (new or not) applies
    factor: int


def is_new_account(user) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS)


def email_refusal(user) -> str | None:
    """Why this teacher may not contact anyone yet: an email address nobody confirmed."""
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return None
    return _("Confirm your email address before contacting other classes: follow the link we sent.")


def since(limit: str) -> datetime:
    """The start of the window in which `limit` counts actions."""
    return timezone.now() - LIMITS[limit].window


def counted(classroom, *, teacher=None, student=None) -> Counted:
    """A teacher's actions count for her alone; a student's, for all her class's students."""
    if teacher is not None:
        return Counted({"author_teacher": teacher}, teacher, 1)
    return Counted(
        {"author_student__classroom": student.classroom_id}, classroom.teacher, STUDENT_FACTOR
    )


def class_refusal(classroom, *, teacher=None, student=None, limit: str, counter) -> str | None:
    """Whether a teacher (her email confirmed) or a class's students may do one more `limit`
    action; `counter(since, authors=...)` counts the calling app's rows in the window."""
    if teacher is not None and (message := email_refusal(teacher)):
        return message
    scope = counted(classroom, teacher=teacher, student=student)
    count = counter(since(limit), authors=scope.authors)
    return refusal(scope.account, limit=limit, count=count, factor=scope.factor)


def refusal(account, *, limit: str, count: int, adding: int = 1, factor: int = 1) -> str | None:
    """The message when `adding` more actions on top of the `count` made in the window go over
    `account`'s `limit` (times `factor`); None while they fit."""
    new = is_new_account(account)
    allowed = getattr(settings, ("NEW_" if new else "") + LIMITS[limit].setting) * factor
    if count + adding <= allowed:
        return None
    return _message(count, allowed, new=new, what=limit)


def _message(count: int, limit: int, *, new: bool, what: str) -> str:
    texts = {
        "requests": (
            ngettext(
                "You've sent %(count)d partner request today.",
                "You've sent %(count)d partner requests today.",
                count,
            ),
            _("New accounts can send %(limit)d a day.")
            if new
            else _("The limit is %(limit)d a day."),
            _("Try again tomorrow."),
        ),
        "writes": (
            ngettext(
                "%(count)d post or comment was written in the last hour.",
                "%(count)d posts and comments were written in the last hour.",
                count,
            ),
            _("New accounts can write %(limit)d an hour.")
            if new
            else _("The limit is %(limit)d an hour."),
            _("Try again later."),
        ),
        "uploads": (
            ngettext(
                "%(count)d file was uploaded today.", "%(count)d files were uploaded today.", count
            ),
            _("New accounts can upload %(limit)d a day.")
            if new
            else _("The limit is %(limit)d a day."),
            _("Try again tomorrow."),
        ),
        "entries": (
            ngettext(
                "%(count)d challenge entry was made today.",
                "%(count)d challenge entries were made today.",
                count,
            ),
            _("New accounts can enter %(limit)d a day.")
            if new
            else _("The limit is %(limit)d a day."),
            _("Try again tomorrow."),
        ),
    }
    sentence = " ".join(texts[what])
    return sentence % {"count": count, "limit": limit}

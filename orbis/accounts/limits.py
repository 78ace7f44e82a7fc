"""Trust rules for contacting others: a confirmed email, and rate limits that are lower for new
accounts (younger than NEW_ACCOUNT_DAYS).

Counts come from the rows a teacher (or a class's students) created, so they hold across
processes and restarts. Each function returns the message to show, or None when the action may
go ahead; the calling service raises its own error with it, before saving anything.

Students have no account: their posts, comments, uploads and entries count per classroom, at
STUDENT_FACTOR times the limit of the classroom's teacher (a class has many hands).
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

STUDENT_FACTOR = 3
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def is_new_account(user) -> bool:
    return user.date_joined > timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS)


def email_refusal(user) -> str | None:
    """Why this teacher may not contact anyone yet: an email address nobody confirmed."""
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return None
    return _("Confirm your email address before contacting other classes: follow the link we sent.")


def _limit(user, name: str) -> int:
    prefix = "NEW_" if is_new_account(user) else ""
    return getattr(settings, prefix + name)


def _over(count: int, limit: int, *, new: bool, what: str, period: str) -> str | None:
    """The message when `count` actions already reach `limit` (None while below it)."""
    if count < limit:
        return None
    return _message(count, limit, new=new, what=what, period=period)


def _message(count: int, limit: int, *, new: bool, what: str, period: str) -> str:
    texts = {
        ("requests", "day"): (
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
        ("writes", "hour"): (
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
        ("uploads", "day"): (
            ngettext(
                "%(count)d file was uploaded today.", "%(count)d files were uploaded today.", count
            ),
            _("New accounts can upload %(limit)d a day.")
            if new
            else _("The limit is %(limit)d a day."),
            _("Try again tomorrow."),
        ),
        ("entries", "day"): (
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
    sentence = " ".join(texts[(what, period)])
    return sentence % {"count": count, "limit": limit}


def partner_request_refusal(user) -> str | None:
    from orbis.partners.models import PartnerRequest

    if message := email_refusal(user):
        return message
    count = PartnerRequest.objects.filter(
        from_classroom__teacher=user, created_at__gte=timezone.now() - DAY
    ).count()
    limit = _limit(user, "PARTNER_REQUESTS_PER_DAY")
    return _over(count, limit, new=is_new_account(user), what="requests", period="day")


def _scope(classroom, *, teacher=None, student=None) -> tuple[dict, object, int]:
    """(filter on the author fields, the account whose tier applies, the factor)."""
    if teacher is not None:
        return {"author_teacher": teacher}, teacher, 1
    return (
        {"author_student__classroom": student.classroom_id},
        classroom.teacher,
        STUDENT_FACTOR,
    )


def board_refusal(classroom, *, teacher=None, student=None, uploads: int = 0) -> str | None:
    """Whether one more post or comment (with `uploads` files) may be written."""
    from orbis.board.models import Comment, Post

    if teacher is not None and (message := email_refusal(teacher)):
        return message
    authors, account, factor = _scope(classroom, teacher=teacher, student=student)
    new = is_new_account(account)
    since = timezone.now() - HOUR
    count = (
        Post.objects.filter(created_at__gte=since, **authors).count()
        + Comment.objects.filter(created_at__gte=since, **authors).count()
    )
    limit = _limit(account, "BOARD_WRITES_PER_HOUR") * factor
    if message := _over(count, limit, new=new, what="writes", period="hour"):
        return message
    if uploads:
        return upload_refusal(classroom, teacher=teacher, student=student, uploads=uploads)
    return None


def upload_refusal(classroom, *, teacher=None, student=None, uploads: int) -> str | None:
    """Whether `uploads` more files may be stored today (board attachments, challenge media)."""
    from orbis.board.models import Attachment
    from orbis.challenges.models import ChallengeMedia

    authors, account, factor = _scope(classroom, teacher=teacher, student=student)
    since = timezone.now() - DAY
    count = (
        Attachment.objects.filter(
            post__created_at__gte=since, **{f"post__{k}": v for k, v in authors.items()}
        ).count()
        + ChallengeMedia.objects.filter(
            entry__created_at__gte=since, **{f"entry__{k}": v for k, v in authors.items()}
        ).count()
    )
    limit = _limit(account, "UPLOADS_PER_DAY") * factor
    if count + uploads <= limit:
        return None
    return _message(count, limit, new=is_new_account(account), what="uploads", period="day")


def challenge_entry_refusal(classroom, *, teacher=None, student=None, uploads: int = 0):
    from orbis.challenges.models import ChallengeEntry

    if teacher is not None and (message := email_refusal(teacher)):
        return message
    authors, account, factor = _scope(classroom, teacher=teacher, student=student)
    count = ChallengeEntry.objects.filter(created_at__gte=timezone.now() - DAY, **authors).count()
    limit = _limit(account, "CHALLENGE_ENTRIES_PER_DAY") * factor
    if message := _over(count, limit, new=is_new_account(account), what="entries", period="day"):
        return message
    if uploads:
        return upload_refusal(classroom, teacher=teacher, student=student, uploads=uploads)
    return None

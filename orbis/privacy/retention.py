"""Retention: what Orbis deletes by itself, after the periods in settings.

- Sign-ups never confirmed: deleted RETENTION_UNCONFIRMED_DAYS after signing up.
- Teachers who have not logged in for RETENTION_INACTIVE_TEACHER_DAYS: warned by email
  RETENTION_WARNING_DAYS before, then deleted with the "anonymise" choice (partners keep the
  work of shared projects). Logging in after the warning cancels it.
- Classrooms with no activity for RETENTION_INACTIVE_CLASSROOM_DAYS (no student seen, nothing
  posted, not in a project that is being prepared or running, not edited): deleted with their
  students.

`apply_retention` is idempotent: a second run the same day finds nothing more to do.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from orbis.accounts.models import User
from orbis.board.models import Comment, Post
from orbis.classrooms.models import Classroom
from orbis.projects.models import Membership, Project
from orbis.students.models import Student

from .models import RetentionNotice
from .services import PLACEHOLDER_EMAIL, account_delete

ACTIVE_PROJECT = [Project.Status.DRAFT, Project.Status.OPEN, Project.Status.RUNNING]


@dataclass
class Report:
    unconfirmed: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    classrooms: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            *(f"delete unconfirmed sign-up: user {u}" for u in self.unconfirmed),
            *(f"warn inactive teacher: user {u}" for u in self.warned),
            *(f"delete inactive teacher (anonymise): user {u}" for u in self.deleted),
            *(f"delete inactive classroom: classroom {c}" for c in self.classrooms),
        ]

    @property
    def total(self) -> int:
        return sum(map(len, (self.unconfirmed, self.warned, self.deleted, self.classrooms)))


def _teachers():
    # Staff and the placeholder of anonymised work are never swept.
    return User.objects.filter(is_staff=False, is_superuser=False).exclude(email=PLACEHOLDER_EMAIL)


def unconfirmed_signups(now: datetime):
    from allauth.account.models import EmailAddress

    cutoff = now - timedelta(days=settings.RETENTION_UNCONFIRMED_DAYS)
    addresses = EmailAddress.objects.filter(user=OuterRef("pk"))
    return _teachers().filter(
        Exists(addresses),
        ~Exists(addresses.filter(verified=True)),
        last_login__isnull=True,
        date_joined__lt=cutoff,
    )


def _inactive_since(cutoff: datetime):
    return (
        _teachers()
        .annotate(active_at=Coalesce("last_login", "date_joined"))
        .filter(active_at__lt=cutoff)
    )


def inactive_classrooms(now: datetime):
    cutoff = now - timedelta(days=settings.RETENTION_INACTIVE_CLASSROOM_DAYS)
    room = OuterRef("pk")
    return Classroom.objects.filter(created_at__lt=cutoff, updated_at__lt=cutoff).exclude(
        Exists(Student.objects.filter(classroom=room, last_seen_at__gte=cutoff))
        | Exists(Student.objects.filter(classroom=room, joined_at__gte=cutoff))
        | Exists(Post.objects.filter(classroom=room, created_at__gte=cutoff))
        | Exists(Comment.objects.filter(classroom=room, created_at__gte=cutoff))
        | Exists(Membership.objects.filter(classroom=room, project__status__in=ACTIVE_PROJECT))
        | Exists(Membership.objects.filter(classroom=room, joined_at__gte=cutoff))
    )


def _warn(user: User, deletion_on) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        link = settings.SITE_URL.rstrip("/") + reverse("account_login")
        body = _(
            "Hello,\n\nYou have not logged in to Orbis for a long time. To protect your and your "
            "students' data, your account will be deleted on %(date)s. Your contributions to "
            "projects shared with other classes will stay, without your name.\n\n"
            "To keep your account, simply log in before then: %(link)s\n"
        ) % {"date": deletion_on.isoformat(), "link": link}
        send_mail(_("Your Orbis account will be deleted"), body, None, [user.email])


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> Report:
    now = now or timezone.now()
    report = Report()
    teacher_days = settings.RETENTION_INACTIVE_TEACHER_DAYS
    warning_days = min(settings.RETENTION_WARNING_DAYS, teacher_days)

    for user in unconfirmed_signups(now):
        report.unconfirmed.append(str(user.pk))
        if not dry_run:
            account_delete(user=user, anonymise=False)

    # A warning is void once she signed in after it.
    stale = RetentionNotice.objects.filter(user__last_login__gt=F("warned_at"))
    if not dry_run:
        stale.delete()

    due = _inactive_since(now - timedelta(days=teacher_days)).filter(
        retention_notice__warned_at__lte=now - timedelta(days=warning_days),
        retention_notice__warned_at__gte=Coalesce("last_login", "date_joined"),
    )
    for user in due:
        report.deleted.append(str(user.pk))
        if not dry_run:
            account_delete(user=user, anonymise=True)

    to_warn = _inactive_since(now - timedelta(days=teacher_days - warning_days)).filter(
        Q(retention_notice__isnull=True)
        | Q(retention_notice__warned_at__lt=Coalesce("last_login", "date_joined"))
    )
    for user in to_warn:
        report.warned.append(str(user.pk))
        if not dry_run:
            RetentionNotice.objects.update_or_create(user=user, defaults={"warned_at": now})
            _warn(user, (now + timedelta(days=warning_days)).date())

    for classroom in inactive_classrooms(now):
        report.classrooms.append(str(classroom.pk))
        if not dry_run:
            classroom.delete()
    return report

"""Deleting a teacher's account, and scrubbing the names other rows keep as text.

Two choices (the teacher picks one):

- delete: her classrooms go with their students and everything they and she posted, answered or
  entered; the live sessions she created go too.
- anonymise: her own posts, comments and class answers in projects that go on (projects of
  other teachers, or hers that partners share) stay for the partners, attributed to one shared
  placeholder account, "A former teacher" (created on demand, it can never log in). The class
  they speak for stays as "A former class" owned by that placeholder, without its students:
  students' work goes with the students in both choices.

In both, projects she owns that partner classes share pass to a partner (a co-editor first,
else the class that joined first), so the partners keep their work; projects only her classes
are in go. Her account, email addresses, sessions, notifications, preferences, calendar feed,
login-throttling records, partner requests and suggestions go, and her school when nobody else
teaches there. Stored files go through the post_delete signals (orbis/privacy/signals.py).
"""

import json

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from orbis.accounts.models import User
from orbis.board.models import Comment, Post, Reaction
from orbis.classrooms.models import Classroom
from orbis.live.models import LiveSession
from orbis.notifications.models import Notification
from orbis.partners import index as partner_index
from orbis.partners.models import PartnerRequest, Partnership, PartnerSuggestion
from orbis.projects.models import JoinRequest, Membership, Project
from orbis.reflections.models import ReflectionResponse

# Stored as data (not translated): the board shows an author's display name as it is.
PLACEHOLDER_EMAIL = "former-member@orbis.invalid"
FORMER_TEACHER = "A former teacher"
FORMER_CLASS = "A former class"
FORMER_STUDENT = "A former student"


class PrivacyError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def former_member() -> User:
    user, created = User.objects.get_or_create(
        email=PLACEHOLDER_EMAIL,
        defaults={
            "display_name": FORMER_TEACHER,
            "is_active": False,
            "open_to_partnerships": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _patterns(strings) -> list[str]:
    """What to look for in JSON stored as text: the string itself (PostgreSQL's jsonb text) and
    its escaped form (SQLite keeps json.dumps output, which escapes non-ASCII letters)."""
    found = set()
    for value in strings:
        if value:
            found.add(value)
            found.add(json.dumps(value)[1:-1])
    return sorted(found)


def scrub_notifications(
    *,
    teacher_names=(),
    emails=(),
    nicknames=(),
    classroom_names=(),
    exclude_recipient=None,
) -> int:
    """Replace, in the params of notifications, the names of a teacher (her display name as a
    whole value, her email anywhere) and of the students of the given classrooms (a nickname as
    the author of an item of one of those classrooms). Returns how many notifications changed."""
    teacher_names = {n for n in teacher_names if n}
    emails = {e.lower() for e in emails if e}
    nicknames = {n for n in nicknames if n}
    classroom_names = set(classroom_names)
    patterns = _patterns([*teacher_names, *emails, *nicknames])
    if not patterns:
        return 0
    query = Q()
    for pattern in patterns:
        query |= Q(params_text__icontains=pattern)
    candidates = Notification.objects.annotate(params_text=Cast("params", TextField())).filter(
        query
    )
    if exclude_recipient is not None:
        candidates = candidates.exclude(recipient=exclude_recipient)
    changed = 0
    for notification in candidates.only("pk", "params").iterator():
        params = notification.params
        if not isinstance(params, dict):
            continue
        of_class = params.get("classroom") in classroom_names
        new = {}
        for key, value in params.items():
            if isinstance(value, str):
                if value in teacher_names:
                    value = FORMER_TEACHER
                elif of_class and value in nicknames:
                    value = FORMER_STUDENT
                for email in emails:
                    if email in value.lower():
                        value = FORMER_TEACHER
            new[key] = value
        if new != params:
            Notification.objects.filter(pk=notification.pk).update(params=new)
            changed += 1
    return changed


def _delete_sessions(user: User) -> None:
    """Sign her out everywhere (database sessions hold the user's id only in encoded data)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _delete_login_records(emails: list[str]) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        for email in emails:
            model.objects.filter(username__iexact=email).delete()


def _delete_admin_log(user: User, strings: list[str]) -> None:
    query = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
    for value in strings:
        query |= Q(object_repr__icontains=value)
    LogEntry.objects.filter(query).delete()


def _hand_over(project: Project, user: User) -> bool:
    """Give a project she owns to a partner class's teacher; False when no partner is in it."""
    partners = project.memberships.exclude(classroom__teacher=user).select_related(
        "classroom__teacher"
    )
    heir = (
        partners.filter(role=Membership.Role.CO_EDITOR).order_by("pk").first()
        or partners.order_by("pk").first()
    )
    if heir is None:
        return False
    project.memberships.filter(role=Membership.Role.OWNER).update(role=Membership.Role.MEMBER)
    Membership.objects.filter(pk=heir.pk).update(role=Membership.Role.OWNER)
    Project.objects.filter(pk=project.pk).update(owner=heir.classroom.teacher)
    return True


def _keep_anonymised(classroom: Classroom, user: User, placeholder: User) -> None:
    nicknames = list(classroom.students.values_list("nickname", flat=True))
    scrub_notifications(nicknames=nicknames, classroom_names=[classroom.name])
    classroom.students.all().delete()  # their posts, comments, answers and entries go with them
    classroom.challenge_entries.all().delete()
    for model in (Post, Comment):
        model.objects.filter(classroom=classroom, author_teacher=user).update(
            author_teacher=placeholder
        )
    ReflectionResponse.objects.filter(classroom=classroom, author_teacher=user).update(
        author_teacher=placeholder
    )
    JoinRequest.objects.filter(classroom=classroom).delete()
    PartnerRequest.objects.filter(Q(from_classroom=classroom) | Q(to_classroom=classroom)).delete()
    Partnership.objects.filter(Q(classroom_a=classroom) | Q(classroom_b=classroom)).delete()
    PartnerSuggestion.objects.filter(Q(classroom=classroom) | Q(partner=classroom)).delete()
    classroom.availability.all().delete()
    Classroom.objects.filter(pk=classroom.pk).update(
        teacher=placeholder,
        name=FORMER_CLASS,
        join_code=None,
        looking_for_partners=False,
    )
    partner_index.invalidate()


def account_delete(*, user: User, anonymise: bool) -> None:
    if user.email == PLACEHOLDER_EMAIL:
        raise PrivacyError(_("This account can't be deleted."))
    from allauth.account.models import EmailAddress

    emails = sorted(
        {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    )
    names = [n for n in {user.display_name, str(user)} if n]
    school = user.school
    with transaction.atomic():
        for project in Project.objects.filter(owner=user):
            if not _hand_over(project, user):
                project.delete()
        classrooms = list(user.classrooms.all())
        kept = set()
        if anonymise:
            kept = set(
                Membership.objects.filter(classroom__in=classrooms).values_list(
                    "classroom_id", flat=True
                )
            )
        else:
            LiveSession.objects.filter(created_by=user).delete()
        placeholder = former_member() if kept else None
        Reaction.objects.filter(author_teacher=user).delete()
        for classroom in classrooms:
            if classroom.pk in kept:
                _keep_anonymised(classroom, user, placeholder)
            else:
                classroom.delete()
        scrub_notifications(teacher_names=names, emails=emails, exclude_recipient=user)
        _delete_login_records(emails)
        _delete_admin_log(user, [*names, *emails])
        _delete_sessions(user)
        user.delete()
        if school is not None and not school.teachers.exists():
            school.delete()

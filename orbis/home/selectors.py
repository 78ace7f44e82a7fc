"""What the dashboard shows a teacher: the next onboarding step and what needs attention."""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orbis.accounts.models import User
from orbis.board.models import Comment, Post, Status
from orbis.challenges.models import ChallengeEntry
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.models import JoinRequest, Membership
from orbis.reflections.models import ReflectionResponse
from orbis.schools.models import SchoolTerm
from orbis.vocabulary import ExchangeMode


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    url: str | None  # None: nothing to do (the step is done by signing up)


@dataclass(frozen=True)
class Attention:
    message: str
    url: str


def dashboard_classrooms(*, teacher: User):
    # The cards, the checklist and the attention list only ask whether a class has a
    # timetable: an EXISTS column, not the periods themselves.
    return teacher.classrooms.annotate(
        students_joined=Count("students", distinct=True),
        has_timetable=Exists(AvailabilityPeriod.objects.filter(classroom=OuterRef("pk"))),
    )


@dataclass(frozen=True)
class Counts:
    """What the dashboard counts for one teacher, read in a single query."""

    partner_requests: int
    suggestions: int
    join_requests: bool
    board_items: int
    reflections: bool
    challenge_entries: int
    school_terms: bool
    unread_notifications: int


def _joining(teacher: User):
    return JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING,
        project__memberships__classroom__teacher=teacher,
        project__memberships__role__in=[Membership.Role.OWNER, Membership.Role.CO_EDITOR],
    ).distinct()


def _waiting_answers(teacher: User):
    return ReflectionResponse.objects.filter(
        classroom__teacher=teacher, status=ReflectionResponse.Status.PENDING
    )


# Every count of the dashboard and the header's unread count, in one query. Written as SQL
# (portable: SQLite and PostgreSQL) because the ORM took 4 ms to compose these nine subqueries
# and the database 0.1 ms to answer them, on every dashboard.
# orbis/home/tests/test_dashboard_counts.py holds each count equal to the ORM's (the board
# items to orbis.board.selectors.waiting_count).
_COUNTS_SQL = """
SELECT
  (SELECT COUNT(*) FROM {partner_request} x JOIN {classroom} c ON c.id = x.to_classroom_id
    WHERE c.teacher_id = %s AND x.status = %s),
  (SELECT COUNT(*) FROM {suggestion} x JOIN {classroom} c ON c.id = x.classroom_id
    JOIN {classroom} p ON p.id = x.partner_id
    WHERE c.teacher_id = %s AND x.status = %s AND p.looking_for_partners),
  EXISTS (SELECT 1 FROM {join_request} x JOIN {membership} m ON m.project_id = x.project_id
    JOIN {classroom} c ON c.id = m.classroom_id
    WHERE c.teacher_id = %s AND m.role IN (%s, %s) AND x.status = %s),
  (SELECT COUNT(*) FROM {post} x JOIN {classroom} c ON c.id = x.classroom_id
    WHERE c.teacher_id = %s AND (x.status = %s OR x.flagged_at IS NOT NULL)),
  (SELECT COUNT(*) FROM {comment} x JOIN {classroom} c ON c.id = x.classroom_id
    WHERE c.teacher_id = %s AND (x.status = %s OR x.flagged_at IS NOT NULL)),
  EXISTS (SELECT 1 FROM {reflection} x JOIN {classroom} c ON c.id = x.classroom_id
    WHERE c.teacher_id = %s AND x.status = %s),
  (SELECT COUNT(*) FROM {entry} x JOIN {classroom} c ON c.id = x.classroom_id
    WHERE c.teacher_id = %s AND x.status = %s),
  EXISTS (SELECT 1 FROM {term} x WHERE x.school_id = %s),
  (SELECT COUNT(*) FROM {notification} x WHERE x.recipient_id = %s AND x.read_at IS NULL)
"""


def _counts_sql(connection) -> str:
    tables = {
        "partner_request": PartnerRequest,
        "classroom": Classroom,
        "suggestion": PartnerSuggestion,
        "join_request": JoinRequest,
        "membership": Membership,
        "post": Post,
        "comment": Comment,
        "reflection": ReflectionResponse,
        "entry": ChallengeEntry,
        "term": SchoolTerm,
        "notification": Notification,
    }
    quote = connection.ops.quote_name
    return _COUNTS_SQL.format(**{key: quote(m._meta.db_table) for key, m in tables.items()})


def dashboard_counts(*, teacher: User) -> Counts:
    """What the dashboard counts for this teacher (one query)."""
    me = teacher.pk
    params = [
        *(me, PartnerRequest.Status.PENDING),
        *(me, PartnerSuggestion.Status.OPEN),
        *(me, Membership.Role.OWNER, Membership.Role.CO_EDITOR, JoinRequest.Status.PENDING),
        *(me, Status.PENDING),
        *(me, Status.PENDING),
        *(me, ReflectionResponse.Status.PENDING),
        *(me, ChallengeEntry.Status.PENDING),
        teacher.school_id,
        me,
    ]
    # Where the ORM would read these tables (a read replica, when one is set).
    connection = connections[router.db_for_read(Notification)]
    with connection.cursor() as cursor:
        cursor.execute(
            _counts_sql(connection), [str(p) if isinstance(p, str) else p for p in params]
        )
        row = cursor.fetchone()
    requests, suggestions, joining, posts, comments, answers, entries, terms, unread = row
    return Counts(
        partner_requests=requests,
        suggestions=suggestions,
        join_requests=bool(joining),
        board_items=posts + comments,
        reflections=bool(answers),
        challenge_entries=entries,
        school_terms=bool(terms),
        unread_notifications=unread,
    )


def onboarding_steps(
    *, teacher: User, classrooms: list[Classroom], has_partner: bool, has_project: bool = False
) -> list[Step]:
    ready = [c for c in classrooms if c.has_timetable or c.exchange_mode == ExchangeMode.ASYNC]
    return [
        Step(_("Confirm your email"), True, None),
        Step(_("Complete your profile"), teacher.profile_complete, reverse("profile_edit")),
        Step(_("Add your school"), teacher.school_id is not None, reverse("school_detail")),
        Step(_("Add a classroom and its timetable"), bool(ready), reverse("classroom_create")),
        Step(_("Find a partner class"), has_partner, reverse("partner_search")),
        Step(_("Start a project"), has_project, reverse("project_new")),
    ]


def attention_items(
    *, teacher: User, classrooms: list[Classroom], counts: Counts
) -> list[Attention]:
    items = []
    waiting = counts.partner_requests
    if waiting:
        items.append(
            Attention(
                ngettext(
                    "%(count)d partner request waits for your answer.",
                    "%(count)d partner requests wait for your answer.",
                    waiting,
                )
                % {"count": waiting},
                reverse("partner_requests"),
            )
        )
    suggested = counts.suggestions
    if suggested:
        items.append(
            Attention(
                ngettext(
                    "Orbis suggests %(count)d partner class for you.",
                    "Orbis suggests %(count)d partner classes for you.",
                    suggested,
                )
                % {"count": suggested},
                reverse("partner_suggestions"),
            )
        )
    # The list is read only when the counts said there is something in it.
    joining = _joining(teacher).select_related("project")[:5] if counts.join_requests else []
    for join in joining:
        items.append(
            Attention(
                _("A class asks to join “%(project)s”.") % {"project": join.project.title},
                reverse("project_detail", args=[join.project.token]) + "#requests",
            )
        )
    items += _student_work_waiting(teacher, counts)
    if teacher.school_id is None:
        items.append(
            Attention(
                _("Tell partner classes where you teach: add your school."),
                reverse("school_detail"),
            )
        )
    elif not counts.school_terms:
        items.append(
            Attention(
                _("Add your school's terms and breaks so partners can plan with you."),
                reverse("school_detail") + "#terms",
            )
        )
    for classroom in classrooms:
        if classroom.exchange_mode == ExchangeMode.LIVE and not classroom.has_timetable:
            items.append(
                Attention(
                    _("%(name)s wants live sessions but has no timetable.")
                    % {"name": classroom.name},
                    reverse("classroom_edit", args=[classroom.pk]),
                )
            )
        if classroom.students_joined == 0:
            items.append(
                Attention(
                    _("No student of %(name)s has joined yet: share the class code.")
                    % {"name": classroom.name},
                    reverse("classroom_students", args=[classroom.pk]),
                )
            )
    return items


def _student_work_waiting(teacher: User, counts: Counts) -> list[Attention]:
    """Her students' posts, comments, reflections and challenge entries waiting for her, and
    items partners flagged: minors' work is seen by others only once she has decided."""
    items = []
    board = counts.board_items
    if board:
        items.append(
            Attention(
                ngettext(
                    "%(count)d board item waits for your decision.",
                    "%(count)d board items wait for your decision.",
                    board,
                )
                % {"count": board},
                reverse("board_queue_all"),
            )
        )
    projects = set()
    if counts.reflections:
        answers = _waiting_answers(teacher).select_related("prompt__project")
        projects = {answer.prompt.project for answer in answers[:50]}
    for project in sorted(projects, key=lambda p: p.pk)[:3]:
        items.append(
            Attention(
                _("Students' reflections wait for your approval in “%(project)s”.")
                % {"project": project.title},
                reverse("reflections", args=[project.token]) + "#waiting",
            )
        )
    entries = counts.challenge_entries
    if entries:
        items.append(
            Attention(
                ngettext(
                    "%(count)d challenge entry waits for your approval.",
                    "%(count)d challenge entries wait for your approval.",
                    entries,
                )
                % {"count": entries},
                reverse("challenge_entries_mine"),
            )
        )
    return items

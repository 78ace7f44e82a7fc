"""What the dashboard shows a teacher: the next onboarding step and what needs attention."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orbis.accounts.models import User
from orbis.board.selectors import waiting_count
from orbis.challenges.models import ChallengeEntry
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.classrooms.vocabulary import ExchangeMode
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.models import JoinRequest, Membership
from orbis.reflections.models import ReflectionResponse


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
    # The classroom cards read each class's timetable: prefetched, one query for all classes.
    return teacher.classrooms.annotate(
        students_joined=Count("students", distinct=True),
        has_timetable=Exists(AvailabilityPeriod.objects.filter(classroom=OuterRef("pk"))),
    ).prefetch_related("availability")


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


def attention_items(*, teacher: User, classrooms: list[Classroom]) -> list[Attention]:
    items = []
    waiting = PartnerRequest.objects.filter(
        to_classroom__teacher=teacher, status=PartnerRequest.Status.PENDING
    ).count()
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
    suggested = PartnerSuggestion.objects.filter(
        classroom__teacher=teacher,
        status=PartnerSuggestion.Status.OPEN,
        partner__looking_for_partners=True,
    ).count()
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
    joining = JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING,
        project__memberships__classroom__teacher=teacher,
        project__memberships__role__in=[Membership.Role.OWNER, Membership.Role.CO_EDITOR],
    ).distinct()
    for join in joining.select_related("project")[:5]:
        items.append(
            Attention(
                _("A class asks to join “%(project)s”.") % {"project": join.project.title},
                reverse("project_detail", args=[join.project.token]) + "#requests",
            )
        )
    items += _student_work_waiting(teacher)
    if teacher.school_id is None:
        items.append(
            Attention(
                _("Tell partner classes where you teach: add your school."),
                reverse("school_detail"),
            )
        )
    elif not teacher.school.terms.exists():
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


def _student_work_waiting(teacher: User) -> list[Attention]:
    """Her students' posts, comments, reflections and challenge entries waiting for her, and
    items partners flagged: minors' work is seen by others only once she has decided."""
    items = []
    board = waiting_count(teacher)
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
    answers = ReflectionResponse.objects.filter(
        classroom__teacher=teacher, status=ReflectionResponse.Status.PENDING
    ).select_related("prompt__project")
    projects = {answer.prompt.project for answer in answers[:50]}
    for project in sorted(projects, key=lambda p: p.pk)[:3]:
        items.append(
            Attention(
                _("Students' reflections wait for your approval in “%(project)s”.")
                % {"project": project.title},
                reverse("reflections", args=[project.token]) + "#waiting",
            )
        )
    entries = ChallengeEntry.objects.filter(
        classroom__teacher=teacher, status=ChallengeEntry.Status.PENDING
    ).count()
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

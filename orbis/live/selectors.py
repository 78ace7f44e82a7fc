"""Reading live sessions for a page."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from orbis.classrooms.models import Classroom

from .models import MAX_MINUTES, LiveSession
from .times import CLASS_PREFETCH


def with_classes(queryset):
    """Sessions with their project and classes, ready for local-time tables."""
    return queryset.select_related("project", "created_by").prefetch_related(
        Prefetch(
            "classrooms",
            Classroom.objects.select_related("teacher__school").prefetch_related(*CLASS_PREFETCH),
        )
    )


def split_upcoming(sessions) -> tuple[list, list]:
    """(upcoming — not yet ended — soonest first, past — latest first)."""
    now = timezone.now()
    upcoming = [s for s in sessions if s.ends_at > now]
    past = [s for s in sessions if s.ends_at <= now]
    return upcoming, past[::-1]


def upcoming_for_teacher(teacher, limit: int = 5) -> list[LiveSession]:
    """Scheduled sessions of the teacher's classes that have not ended, soonest first."""
    now = timezone.now()
    sessions = (
        LiveSession.objects.filter(
            classrooms__teacher=teacher,
            status=LiveSession.Status.SCHEDULED,
            starts_at__gt=now - timedelta(minutes=MAX_MINUTES),
        )
        .distinct()
        .select_related("project")
        .prefetch_related("classrooms")
        .order_by("starts_at", "pk")
    )
    return [s for s in sessions[: limit + 10] if s.ends_at > now][:limit]


def upcoming_for_classroom(classroom, limit: int = 5) -> list[LiveSession]:
    now = timezone.now()
    sessions = (
        LiveSession.objects.filter(
            classrooms=classroom,
            status=LiveSession.Status.SCHEDULED,
            starts_at__gt=now - timedelta(minutes=MAX_MINUTES),
        )
        .select_related("project")
        .order_by("starts_at", "pk")
    )
    return [s for s in sessions[: limit + 10] if s.ends_at > now][:limit]

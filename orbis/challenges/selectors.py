"""Reads for global challenges: the public listing and gallery, a teacher's entries."""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When

from orbis.accounts import limits
from orbis.classrooms.models import Classroom
from orbis.uploads.quota import upload_refusal

from .models import Challenge, ChallengeEntry, ChallengeMedia

Status = ChallengeEntry.Status


def public_challenges() -> QuerySet[Challenge]:
    """Every challenge but drafts, with its number of approved entries."""
    return (
        Challenge.objects.exclude(status=Challenge.Status.DRAFT)
        .annotate(entry_count=Count("entries", filter=Q(entries__status=Status.APPROVED)))
        .order_by("-starts_on", "-pk")
    )


def staff_challenges() -> QuerySet[Challenge]:
    return Challenge.objects.annotate(
        entry_count=Count("entries"),
        pending_count=Count("entries", filter=Q(entries__status=Status.PENDING)),
    ).order_by("-starts_on", "-pk")


def _with_details(entries: QuerySet[ChallengeEntry]) -> QuerySet[ChallengeEntry]:
    return entries.select_related(
        "challenge", "classroom__teacher__school", "author_student", "author_teacher"
    ).prefetch_related(Prefetch("media", ChallengeMedia.objects.order_by("pk")))


def gallery(challenge: Challenge) -> QuerySet[ChallengeEntry]:
    """The approved entries, newest first. What each shows follows its consent ticks."""
    return _with_details(challenge.entries.filter(status=Status.APPROVED))


def teacher_entries(teacher) -> QuerySet[ChallengeEntry]:
    """Entries of the teacher's classes in every challenge, those waiting for her first."""
    return _with_details(ChallengeEntry.objects.filter(classroom__teacher=teacher)).order_by(
        Case(When(status=Status.PENDING, then=0), default=1),
        "-created_at",
        "-pk",
    )


def participating_classrooms(challenge: Challenge, teacher) -> list:
    """The teacher's classes with an approved entry in the challenge (for her certificate)."""
    return list(
        Classroom.objects.filter(
            teacher=teacher,
            challenge_entries__challenge=challenge,
            challenge_entries__status=Status.APPROVED,
        )
        .select_related("teacher__school")
        .distinct()
        .order_by("name", "pk")
    )


def entries_of_student(challenge: Challenge, student) -> QuerySet[ChallengeEntry]:
    return challenge.entries.filter(author_student=student).order_by("-created_at", "-pk")


# ---- rate limits: this app's counts, orbis/accounts/limits.py's verdict ------------------------


def entries_since(since, *, authors: dict) -> int:
    """Entries made since `since` by `authors` (limits.Counted.authors)."""
    return ChallengeEntry.objects.filter(created_at__gte=since, **authors).count()


def media_since(since, *, authors: dict) -> int:
    """Files of entries made since `since` by `authors`: a counter of orbis/uploads/quota.py."""
    on_entry = {f"entry__{field}": value for field, value in authors.items()}
    return ChallengeMedia.objects.filter(entry__created_at__gte=since, **on_entry).count()


def entry_refusal(classroom, *, teacher=None, student=None, uploads: int = 0) -> str | None:
    """Whether one more entry (with `uploads` files) may be made."""
    who = {"teacher": teacher, "student": student}
    return limits.class_refusal(classroom, **who, limit="entries", counter=entries_since) or (
        upload_refusal(classroom, **who, uploads=uploads) if uploads else None
    )

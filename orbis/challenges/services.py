"""Writes for global challenges: opening and editing one (staff), entering it with a creation,
the class teacher's decisions and consent. Each runs in one transaction; a refused write leaves
no row and no stored file behind."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from orbis.classrooms.models import MAX_AGE, MIN_AGE
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.uploads.processing import store_upload, stored_files_rollback

from .models import MAX_MEDIA, Challenge, ChallengeEntry, ChallengeMedia
from .selectors import entry_refusal

Status = ChallengeEntry.Status


class ChallengeError(Exception):
    """A change that can't be made; the message says why, for the teacher or the staff."""


# Challenges (staff) ---------------------------------------------------------------------------


def _check_challenge(challenge: Challenge) -> None:
    if challenge.ends_on < challenge.starts_on:
        raise ChallengeError(_("The last day can't be before the first day."))
    if not challenge.slug:
        raise ChallengeError(_("Give the challenge an address, e.g. “day-of-play-2026”."))
    ages = [age for age in (challenge.age_min, challenge.age_max) if age is not None]
    if any(not MIN_AGE <= age <= MAX_AGE for age in ages) or ages != sorted(ages):
        raise ChallengeError(
            _("Student ages go from %(low)d to %(high)d, the youngest first.")
            % {"low": MIN_AGE, "high": MAX_AGE}
        )


def _save_challenge(challenge: Challenge) -> Challenge:
    _check_challenge(challenge)
    try:
        with transaction.atomic():
            challenge.save()
    except IntegrityError as error:
        raise ChallengeError(_("Another challenge already has this address.")) from error
    return challenge


def challenge_create(
    *,
    title: str,
    theme: str,
    description: str,
    starts_on: date,
    ends_on: date,
    slug: str = "",
    rules: str = "",
    sdgs: list[int] | tuple[int, ...] = (),
    age_min: int | None = None,
    age_max: int | None = None,
    status: str = Challenge.Status.DRAFT,
    created_by=None,
) -> Challenge:
    """Open a challenge (a draft unless `status` says otherwise). The demo loader calls this
    too; `created_by` is the staff member, or None for loaded data."""
    challenge = Challenge(
        title=title,
        slug=slug or slugify(title)[:80].strip("-"),
        theme=theme,
        description=description,
        rules=rules,
        starts_on=starts_on,
        ends_on=ends_on,
        sdgs=list(sdgs),
        age_min=age_min,
        age_max=age_max,
        status=status,
        created_by=created_by,
    )
    return _save_challenge(challenge)


def challenge_update(*, challenge: Challenge, **changes) -> Challenge:
    for name, value in changes.items():
        setattr(challenge, name, value)
    return _save_challenge(challenge)


# Entries ---------------------------------------------------------------------------------------


def check_accepts_entries(challenge: Challenge) -> None:
    if not challenge.accepts_entries():
        raise ChallengeError(
            _("This challenge does not accept entries now: it is open from %(start)s to %(end)s.")
            % {
                "start": date_format(challenge.starts_on, "DATE_FORMAT"),
                "end": date_format(challenge.ends_on, "DATE_FORMAT"),
            }
        )


def entry_create(
    *,
    challenge: Challenge,
    classroom,
    title: str,
    uploads: list,
    description: str = "",
    teacher=None,
    student=None,
    show_faces: bool = False,
) -> ChallengeEntry:
    """A class's creation entered in the challenge, by its teacher or one of its students.

    `uploads` are files already accepted by orbis.uploads.processing.clean_upload. A teacher's
    entry is approved at once (with her consent for pictures as given); a student's waits for
    her teacher when the class's `student_posts_need_approval` is on, exactly as on the board,
    and the teacher hears of it.
    """
    check_accepts_entries(challenge)
    if (teacher is None) == (student is None):
        raise ChallengeError(_("An entry has one author: a teacher or a student."))
    if teacher is not None and classroom.teacher_id != teacher.pk:
        raise ChallengeError(_("Choose one of your classes."))
    if student is not None and student.classroom_id != classroom.pk:
        raise ChallengeError(_("A student enters for her own class."))
    if not 1 <= len(uploads) <= MAX_MEDIA:
        raise ChallengeError(_("Add one to %(count)d files.") % {"count": MAX_MEDIA})
    refusal = entry_refusal(classroom, teacher=teacher, student=student, uploads=len(uploads))
    if refusal:
        raise ChallengeError(refusal)

    waits = student is not None and classroom.student_posts_need_approval
    # Files aren't rolled back with the rows: stored_files_rollback deletes them on any error.
    with stored_files_rollback(), transaction.atomic():
        entry = ChallengeEntry.objects.create(
            challenge=challenge,
            classroom=classroom,
            author_teacher=teacher,
            author_student=student,
            title=title,
            description=description,
            status=Status.PENDING if waits else Status.APPROVED,
            show_faces=teacher is not None and show_faces,
        )
        for clean in uploads:
            path, thumbnail = store_upload(clean, folder=f"challenges/{challenge.pk}")
            ChallengeMedia.objects.create(
                entry=entry,
                kind=clean.kind,
                file=path,
                thumbnail=thumbnail or "",
                name=clean.display_name or clean.name,
                content_type=clean.content_type,
                size=clean.size,
                width=clean.width,
                height=clean.height,
            )
        if waits:
            notify(
                recipient=classroom.teacher,
                kind=Notification.Kind.CHALLENGE_ENTRY,
                params={"classroom": classroom.name, "challenge": challenge.title},
                url=reverse("challenge_entries_mine"),
            )
    return entry


def _own(entry: ChallengeEntry, teacher) -> None:
    if entry.classroom.teacher_id != teacher.pk:
        raise ChallengeError(_("Only the class's teacher decides about its entries."))


@transaction.atomic
def entry_decide(*, entry: ChallengeEntry, teacher, approve: bool) -> ChallengeEntry:
    """The class's teacher approves an entry (it joins the public gallery) or rejects it (it
    leaves the gallery, if it was there)."""
    _own(entry, teacher)
    entry.status = Status.APPROVED if approve else Status.REJECTED
    entry.save(update_fields=["status"])
    return entry


@transaction.atomic
def entry_consent(
    *, entry: ChallengeEntry, teacher, show_names: bool, show_faces: bool
) -> ChallengeEntry:
    """What the public gallery may show of this entry: the student's nickname, the pictures."""
    _own(entry, teacher)
    entry.show_names = show_names
    entry.show_faces = show_faces
    entry.save(update_fields=["show_names", "show_faces"])
    return entry

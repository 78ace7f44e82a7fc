from django.db import transaction
from django.utils import timezone

from orbis.accounts.models import User

from .models import School


@transaction.atomic
def school_create(*, teacher: User, data: dict) -> School:
    """Create a school and make the teacher one of its teachers."""
    school = School.objects.create(created_by=teacher, **data)
    teacher.school = school
    teacher.save(update_fields=["school"])
    return school


def school_join(*, teacher: User, school: School) -> None:
    """The teacher now works at this school; their classrooms move with them. Staff have not
    confirmed her there: a verified school's badge is not hers until they verify it again."""
    teacher.school = school
    teacher.school_confirmed = False
    teacher.save(update_fields=["school", "school_confirmed"])


@transaction.atomic
def school_set_verified(*, school: School, verified: bool, by: User) -> None:
    """Staff confirmed (or withdrew) that the school exists and its teachers, those it has
    now, work there."""
    school.teachers.update(school_confirmed=verified)
    school.verified = verified
    school.verified_at = timezone.now() if verified else None
    school.verified_by = by if verified else None
    # Saved last: the partner index hears of both writes from the school's post_save (the
    # teachers' bulk update sends no signal of its own).
    school.save(update_fields=["verified", "verified_at", "verified_by"])


def drop_verification_if_renamed(school: School, changed: list[str]) -> None:
    """A verified school whose name or place changes must be checked again (not saved here)."""
    if school.verified and {"name", "city", "country"} & set(changed):
        school.verified, school.verified_at, school.verified_by = False, None, None

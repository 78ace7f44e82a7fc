from django.db import transaction

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
    """The teacher now works at this school; their classrooms move with them."""
    teacher.school = school
    teacher.save(update_fields=["school"])

from django.db import transaction

from orbis.accounts.models import User
from orbis.core import timetable

from .models import AvailabilityPeriod, Classroom


def _replace_timetable(classroom: Classroom, periods: list[timetable.Period]) -> None:
    classroom.availability.all().delete()
    AvailabilityPeriod.objects.bulk_create(
        AvailabilityPeriod(
            classroom=classroom, weekday=p.weekday, start_minute=p.start, end_minute=p.end
        )
        for p in timetable.validate(periods)
    )


@transaction.atomic
def classroom_create(*, teacher: User, data: dict, periods: list[timetable.Period]) -> Classroom:
    from orbis.students.services import join_code_rotate  # students build on classrooms

    classroom = Classroom.objects.create(teacher=teacher, **data)
    _replace_timetable(classroom, periods)
    join_code_rotate(classroom=classroom)  # students can join from the first day
    return classroom


@transaction.atomic
def classroom_update(
    *, classroom: Classroom, data: dict, periods: list[timetable.Period]
) -> Classroom:
    for field, value in data.items():
        setattr(classroom, field, value)
    classroom.save(update_fields=[*data, "updated_at"])
    _replace_timetable(classroom, periods)
    return classroom

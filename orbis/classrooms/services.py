from django.db import IntegrityError, transaction

from orbis.accounts.models import User
from orbis.core import timetable

from .codes import new_join_code
from .models import AvailabilityPeriod, Classroom


class CodeTaken(Exception):
    """Another classroom already uses this join code."""


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


# ---- join codes: how students find their class ---------------------------------------------


def join_code_rotate(*, classroom: Classroom) -> str:
    """Give the classroom a fresh random code; the old one stops working at once."""
    while True:
        code = new_join_code()
        try:
            join_code_set(classroom=classroom, code=code)
        except CodeTaken:
            continue  # one chance in 10^11; draw again
        return code


def join_code_set(*, classroom: Classroom, code: str) -> None:
    if Classroom.objects.filter(join_code=code).exclude(pk=classroom.pk).exists():
        raise CodeTaken
    classroom.join_code = code
    try:
        with transaction.atomic():
            classroom.save(update_fields=["join_code"])
    except IntegrityError:  # taken between the check and the write
        raise CodeTaken from None


def join_code_disable(*, classroom: Classroom) -> None:
    classroom.join_code = None
    classroom.save(update_fields=["join_code"])

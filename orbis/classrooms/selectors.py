"""Reads of classrooms for other apps.

A classroom's weekly timetable (its AvailabilityPeriod rows) is read one way, here: the partner
search index, the partner pages, `orbis match`, the slot finder and the live sessions' local
times all ask `weekly_timetables` for the classrooms they show, in one query.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from orbis.core.timetable import Period

from .models import AvailabilityPeriod, Classroom


def weekly_timetables(
    classrooms: "QuerySet[Classroom] | Iterable[int | Classroom]",
) -> dict[int, tuple[Period, ...]]:
    """{classroom id: its weekly periods in its school's local time, by weekday and start}.

    `classrooms`: a Classroom queryset (read as a subquery: fit for every classroom of the
    site), or classrooms or their ids. A classroom without a timetable is left out: read the
    answer with `.get(pk, ())`. No classroom, no query."""
    if not isinstance(classrooms, QuerySet):
        classrooms = {getattr(room, "pk", room) for room in classrooms}
        if not classrooms:
            return {}
    rows = (
        AvailabilityPeriod.objects.filter(classroom__in=classrooms)
        .order_by("classroom_id", "weekday", "start_minute")
        .values_list("classroom_id", "weekday", "start_minute", "end_minute")
    )
    found: dict[int, list[Period]] = {}
    for classroom_id, weekday, start, end in rows:
        found.setdefault(classroom_id, []).append(Period(weekday, start, end))
    return {classroom_id: tuple(periods) for classroom_id, periods in found.items()}

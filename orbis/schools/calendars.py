"""A school's calendar as the pure core reads it: its country (for public holidays), its
weekend and its breaks. Built here once for the plan's date checks and the live sessions'."""

from orbis.core.schooldays import SchoolCalendar

from .models import School, SchoolTerm


def school_calendar(school: School) -> SchoolCalendar:
    """The school's calendar (reads its terms; prefetch `terms` when building many)."""
    breaks = tuple(
        (term.starts_on, term.ends_on)
        for term in school.terms.all()
        if term.kind == SchoolTerm.Kind.BREAK
    )
    return SchoolCalendar(
        name=school.name,
        country=school.country.code,
        weekend_days=tuple(sorted(school.weekend_days)),
        breaks=breaks,
    )

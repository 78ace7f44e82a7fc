"""Why a classroom fits: the short, translated reasons shown beside each partner."""

from datetime import date

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from orbis.classrooms.models import Classroom
from orbis.core import timetable
from orbis.core.matching import Compatibility
from orbis.vocabulary import Subject, language_name
from orbis.web.templatetags.orbis import duration

from .selectors import overlap_windows


def _days(weekdays: tuple[int, ...]) -> str:
    """(1, 2, 3) → "Tue–Thu"; (1, 3) → "Tue, Thu"."""
    if len(weekdays) > 2 and weekdays == tuple(range(weekdays[0], weekdays[-1] + 1)):
        return f"{WEEKDAYS_ABBR[weekdays[0]]}–{WEEKDAYS_ABBR[weekdays[-1]]}"
    return ", ".join(str(WEEKDAYS_ABBR[day]) for day in weekdays)


def when(fit: Compatibility, zone: str, week_of: date) -> str:
    """The shared live moments in the reader's local time: "Tue–Thu 13:00–14:10"."""
    return "; ".join(
        f"{_days(days)} {timetable.format_minutes(start)}–{timetable.format_minutes(end)}"
        for days, start, end in overlap_windows(fit, zone, week_of)
    )


def reasons(fit: Compatibility, mine: Classroom, theirs: Classroom, week_of: date) -> list[str]:
    parts = []
    if fit.shared_languages:
        names = ", ".join(sorted(language_name(code) for code in fit.shared_languages))
        parts.append(_("shares %(languages)s") % {"languages": names})
    parts.append(
        _("ages %(mine)s and %(theirs)s")
        % {
            "mine": f"{mine.age_min}–{mine.age_max}",
            "theirs": f"{theirs.age_min}–{theirs.age_max}",
        }
    )
    if fit.overlap_minutes:
        parts.append(
            _("%(duration)s a week overlap, %(when)s your time")
            % {
                "duration": duration(fit.overlap_minutes),
                "when": when(fit, mine.teacher.school.time_zone, week_of),
            }
        )
    else:
        parts.append(_("no common live time: asynchronous exchange"))
    subjects = [Subject(code).label for code in sorted(fit.shared_subjects) if code in Subject]
    if subjects:
        parts.append(_("both teach %(subjects)s") % {"subjects": ", ".join(map(str, subjects))})
    if fit.shared_sdgs:
        goals = ", ".join(str(goal) for goal in sorted(fit.shared_sdgs))
        parts.append(_("both care about SDG %(goals)s") % {"goals": goals})
    return parts

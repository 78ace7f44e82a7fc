"""The assistant's reasons for a template, worded in the reader's language."""

from django.utils.translation import gettext as _

from orbis.vocabulary import (
    Approach,
    Competency,
    Subject,
    SustainableDevelopmentGoal,
    duration_label,
    language_name,
)


def _label(choices, value) -> str | None:
    try:
        return str(choices(value).label)
    except ValueError:
        return None


def reason_texts(reasons) -> list[str]:
    """[[kind, value], …] as stored on a project (or Reason pairs) → sentences."""
    texts = []
    for item in reasons if isinstance(reasons, list) else []:
        if not isinstance(item, list | tuple) or len(item) != 2:
            continue
        kind, value = item
        text = None
        if kind == "approach" and (label := _label(Approach, value)):
            text = _("approach %(approach)s fits the time you have") % {"approach": label}
        elif kind == "ages" and isinstance(value, list | tuple) and len(value) == 2:
            text = _("made for students aged %(low)s–%(high)s") % {
                "low": value[0],
                "high": value[1],
            }
        elif kind == "subject" and (label := _label(Subject, value)):
            text = _("suits %(subject)s") % {"subject": label}
        elif kind == "sdg" and (label := _label(SustainableDevelopmentGoal, value)):
            text = _("works on SDG %(sdg)s") % {"sdg": label}
        elif kind == "competency" and (label := _label(Competency, value)):
            text = _("builds %(competency)s") % {"competency": label.lower()}
        elif kind == "duration" and isinstance(value, int):
            text = _("fits %(duration)s") % {"duration": duration_label(value).lower()}
        elif kind == "mode" and value in ("live", "async"):
            text = (
                _("works with live sessions")
                if value == "live"
                else _("works without live sessions")
            )
        elif kind == "language" and isinstance(value, str):
            text = _("written in %(language)s") % {"language": language_name(value)}
        if text:
            texts.append(text)
    return texts

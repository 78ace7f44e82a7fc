"""The Learn guides, in reading order.

A guide's body is content, not code: one template per language,
`learn/guides/<language>/<slug>.html`, holding only the body HTML. Titles and summaries are UI
strings and go through the translation catalog like every other label.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True)
class Guide:
    slug: str
    title: Promise
    summary: Promise
    minutes: int  # reading time of the English body, at about 200 words a minute


GUIDES: tuple[Guide, ...] = (
    Guide(
        slug="how-a-collaboration-runs",
        title=_("How a collaboration runs"),
        summary=_(
            "From the first hello to the celebration: the five moments of a collaboration "
            "between two classes."
        ),
        minutes=3,
    ),
    Guide(
        slug="the-four-phases",
        title=_("The four phases of a project"),
        summary=_(
            "Definition, Execution, Reflection and Dissemination: what happens in each, who "
            "does what, and how long it takes."
        ),
        minutes=3,
    ),
    Guide(
        slug="the-three-approaches",
        title=_("Connect, Collaborate or Create?"),
        summary=_(
            "Three ways to work with a partner class, from a one-hour exchange to a shared "
            "product, and how to choose between them."
        ),
        minutes=3,
    ),
    Guide(
        slug="time-zones-and-languages",
        title=_("Time zones and languages"),
        summary=_(
            "Finding time to meet, working well when you cannot meet, and understanding each "
            "other across languages."
        ),
        minutes=3,
    ),
    Guide(
        slug="first-steps-without-contacts",
        title=_("First steps without contacts"),
        summary=_(
            "You do not need to know anyone abroad: how to find a partner class and start small."
        ),
        minutes=3,
    ),
    Guide(
        slug="safety-and-privacy",
        title=_("Safety and privacy"),
        summary=_(
            "Your students are minors: simple habits that keep them safe while they connect."
        ),
        minutes=2,
    ),
)


def guide_by_slug(slug: str) -> Guide | None:
    return next((guide for guide in GUIDES if guide.slug == slug), None)


def next_guide(guide: Guide) -> Guide | None:
    position = GUIDES.index(guide)
    return GUIDES[position + 1] if position + 1 < len(GUIDES) else None


def body_templates(guide: Guide, language: str | None = None) -> list[str]:
    """The body templates to try, best first: the current language, its base language
    (`es` for `es-ar`), then English, which every guide has."""
    language = (language or get_language() or FALLBACK_LANGUAGE).lower()
    languages = dict.fromkeys([language, language.split("-")[0], FALLBACK_LANGUAGE])
    return [f"learn/guides/{code}/{guide.slug}.html" for code in languages]

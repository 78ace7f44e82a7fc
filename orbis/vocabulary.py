"""The translated labels of the codes teachers choose from: a classroom's subjects, approach,
English level, exchange mode and goals, its languages, and a project's phases, competencies,
types, products, activities and plan languages.

Stored values are stable codes defined once in orbis.core (codes.py, plans/vocabulary.py);
labels are translated at display time. This module imports only orbis.core, Django and
libraries: every app may use it.
"""

from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.db import models
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from orbis.core.codes import APPROACHES, CEFR_LEVELS, EXCHANGE_MODES, SDGS, SUBJECTS
from orbis.core.plans import vocabulary as plan_codes


def _member_name(code: str | int) -> str:
    return f"GOAL_{code}" if isinstance(code, int) else code.upper().replace("-", "_")


def _choices(name: str, codes: tuple, labels: dict, base=models.TextChoices):
    """Django choices for codes defined once in orbis.core.codes, with their labels here."""
    if set(labels) != set(codes):
        raise ValueError(f"{name}: labels do not match orbis.core.codes")
    members = [(_member_name(code), (code, labels[code])) for code in codes]
    return base(name, members)


Subject = _choices(
    "Subject",
    SUBJECTS,
    {
        "languages": _("Languages"),
        "english": _("English as a foreign language"),
        "literature": _("Literature"),
        "mathematics": _("Mathematics"),
        "science": _("Science"),
        "biology": _("Biology"),
        "chemistry": _("Chemistry"),
        "physics": _("Physics"),
        "geography": _("Geography"),
        "history": _("History"),
        "social-studies": _("Social studies"),
        "citizenship": _("Citizenship"),
        "arts": _("Arts"),
        "music": _("Music"),
        "physical-education": _("Physical education"),
        "technology": _("Technology and computing"),
        "economics": _("Economics"),
        "religion-ethics": _("Religion and ethics"),
        "environment": _("Environmental studies"),
        "primary": _("Primary (all subjects)"),
    },
)

Approach = _choices(
    "Approach",
    APPROACHES,
    {"connect": _("Connect"), "collaborate": _("Collaborate"), "create": _("Create")},
)

EnglishLevel = _choices("EnglishLevel", CEFR_LEVELS, {level: level for level in CEFR_LEVELS})

ExchangeMode = _choices(
    "ExchangeMode",
    EXCHANGE_MODES,
    {
        "live": _("Live sessions and asynchronous exchange"),
        "async": _("Asynchronous exchange only"),
    },
)

SustainableDevelopmentGoal = _choices(
    "SustainableDevelopmentGoal",
    SDGS,
    {
        1: _("1. No poverty"),
        2: _("2. Zero hunger"),
        3: _("3. Good health and well-being"),
        4: _("4. Quality education"),
        5: _("5. Gender equality"),
        6: _("6. Clean water and sanitation"),
        7: _("7. Affordable and clean energy"),
        8: _("8. Decent work and economic growth"),
        9: _("9. Industry, innovation and infrastructure"),
        10: _("10. Reduced inequalities"),
        11: _("11. Sustainable cities and communities"),
        12: _("12. Responsible consumption and production"),
        13: _("13. Climate action"),
        14: _("14. Life below water"),
        15: _("15. Life on land"),
        16: _("16. Peace, justice and strong institutions"),
        17: _("17. Partnerships for the goals"),
    },
    base=models.IntegerChoices,
)


@cache
def language_codes() -> frozenset[str]:
    """Every ISO 639-1 (two-letter) language code."""
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


@cache
def _language_names(locale: str) -> dict[str, str]:
    try:
        names = Locale.parse(locale.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        names = {}
    english = {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}
    return {code: names.get(code) or english[code] for code in english}


def language_name(code: str) -> str:
    """The name of a language in the language the interface is shown in."""
    return _language_names(get_language() or "en").get(code, code)


# The languages most classes teach in come first, so nobody scrolls through 180 names.
COMMON_LANGUAGES = (
    "ar",
    "bn",
    "de",
    "en",
    "es",
    "fa",
    "fr",
    "hi",
    "id",
    "it",
    "ja",
    "ko",
    "nl",
    "pl",
    "pt",
    "ru",
    "sw",
    "tr",
    "uk",
    "ur",
    "vi",
    "zh",
)


def language_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    names = _language_names(get_language() or "en")
    ordered = sorted(names.items(), key=lambda item: item[1].casefold())
    return [
        (_("Common languages"), [item for item in ordered if item[0] in COMMON_LANGUAGES]),
        (_("All other languages"), [item for item in ordered if item[0] not in COMMON_LANGUAGES]),
    ]


# Projects: the codes live in orbis/core/plans/vocabulary.py.
class Phase(models.TextChoices):
    DEFINITION = "definition", _("Definition")
    EXECUTION = "execution", _("Execution")
    REFLECTION = "reflection", _("Reflection")
    DISSEMINATION = "dissemination", _("Dissemination")


PHASE_PURPOSE = {
    "definition": _("Plan together, meet and introduce the classes."),
    "execution": _("Investigate, create and exchange on the board and in live sessions."),
    "reflection": _("Look back: what did we learn, what surprised us?"),
    "dissemination": _("Show the result to an audience beyond the classroom."),
}


class Competency(models.TextChoices):
    INTERCULTURAL = "intercultural-communication", _("Intercultural communication")
    COLLABORATION = "collaboration", _("Collaboration")
    CRITICAL_THINKING = "critical-thinking", _("Critical thinking")
    LANGUAGE = "language", _("Language")
    DIGITAL = "digital-literacy", _("Digital literacy")
    GLOBAL_CITIZENSHIP = "global-citizenship", _("Global citizenship")
    EMPATHY = "empathy", _("Empathy")


class ProjectType(models.TextChoices):
    EXPLORE_CULTURES = "explore-cultures", _("Explore cultures")
    CULTURAL_EXCHANGE = "cultural-exchange", _("Cultural exchange")
    LANGUAGE_EXCHANGE = "language-exchange", _("Language exchange")
    JOINT_INVESTIGATION = "joint-investigation", _("Joint investigation")
    GLOBAL_CHALLENGE = "global-challenge", _("Global challenge")
    CREATIVE_PRODUCT = "creative-product", _("Creative product")


class FinalProduct(models.TextChoices):
    VIDEO = "video", _("Video")
    REPORT = "report", _("Report")
    DIGITAL_POSTER = "digital-poster", _("Digital poster")
    PODCAST = "podcast", _("Podcast")
    PROPOSAL = "proposal", _("Proposal for a solution")
    PRESENTATION = "presentation", _("Presentation")
    PHOTO_STORY = "photo-story", _("Photo story")
    E_BOOK = "e-book", _("E-book")
    EXHIBITION = "exhibition", _("Exhibition")


class ActivityKind(models.TextChoices):
    ICEBREAKER = "icebreaker", _("Icebreaker")
    PREPARATION = "preparation", _("Preparation")
    CLASS_WORK = "class-work", _("Working in class")
    EXCHANGE = "exchange", _("Exchange on the board")
    LIVE_SESSION = "live-session", _("Live session")
    FEEDBACK = "feedback", _("Feedback")
    PRESENTATION = "presentation", _("Presentation")
    REFLECTION = "reflection", _("Reflection")
    CELEBRATION = "celebration", _("Celebration")


class PlanLanguage(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"


def duration_label(weeks: int) -> str:
    if weeks == 0:
        return str(_("A single exchange (one or two hours)"))
    return ngettext("%(weeks)d week", "%(weeks)d weeks", weeks) % {"weeks": weeks}


def duration_choices() -> list[tuple[int, str]]:
    return [(weeks, duration_label(weeks)) for weeks in plan_codes.DURATIONS]


# The Django choices and the core's codes must never drift apart (tested).
VOCABULARY_PAIRS = (
    (Phase, plan_codes.PHASES),
    (Competency, plan_codes.COMPETENCIES),
    (ProjectType, plan_codes.PROJECT_TYPES),
    (FinalProduct, plan_codes.FINAL_PRODUCTS),
    (ActivityKind, plan_codes.ACTIVITY_KINDS),
    (PlanLanguage, plan_codes.LANGUAGES),
)

"""Translatable labels for the project vocabulary; the codes live in orbis/core/plans."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from orbis.core.plans import vocabulary as codes


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
    return [(weeks, duration_label(weeks)) for weeks in codes.DURATIONS]


# The Django choices and the core's codes must never drift apart (tested).
VOCABULARY_PAIRS = (
    (Phase, codes.PHASES),
    (Competency, codes.COMPETENCIES),
    (ProjectType, codes.PROJECT_TYPES),
    (FinalProduct, codes.FINAL_PRODUCTS),
    (ActivityKind, codes.ACTIVITY_KINDS),
    (PlanLanguage, codes.LANGUAGES),
)

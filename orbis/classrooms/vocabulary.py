"""The fixed vocabularies teachers choose from, with translatable labels.

Stored values are stable codes (ISO 639-1 languages, subject slugs, SDG numbers); labels are
translated at display time.
"""

from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    LANGUAGES = "languages", _("Languages")
    ENGLISH = "english", _("English as a foreign language")
    LITERATURE = "literature", _("Literature")
    MATHEMATICS = "mathematics", _("Mathematics")
    SCIENCE = "science", _("Science")
    BIOLOGY = "biology", _("Biology")
    CHEMISTRY = "chemistry", _("Chemistry")
    PHYSICS = "physics", _("Physics")
    GEOGRAPHY = "geography", _("Geography")
    HISTORY = "history", _("History")
    SOCIAL_STUDIES = "social-studies", _("Social studies")
    CITIZENSHIP = "citizenship", _("Citizenship")
    ARTS = "arts", _("Arts")
    MUSIC = "music", _("Music")
    PHYSICAL_EDUCATION = "physical-education", _("Physical education")
    TECHNOLOGY = "technology", _("Technology and computing")
    ECONOMICS = "economics", _("Economics")
    RELIGION_ETHICS = "religion-ethics", _("Religion and ethics")
    ENVIRONMENT = "environment", _("Environmental studies")
    PRIMARY = "primary", _("Primary (all subjects)")


class Approach(models.TextChoices):
    CONNECT = "connect", _("Connect")
    COLLABORATE = "collaborate", _("Collaborate")
    CREATE = "create", _("Create")


class EnglishLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class ExchangeMode(models.TextChoices):
    LIVE = "live", _("Live sessions and asynchronous exchange")
    ASYNC = "async", _("Asynchronous exchange only")


class SustainableDevelopmentGoal(models.IntegerChoices):
    NO_POVERTY = 1, _("1. No poverty")
    ZERO_HUNGER = 2, _("2. Zero hunger")
    GOOD_HEALTH = 3, _("3. Good health and well-being")
    QUALITY_EDUCATION = 4, _("4. Quality education")
    GENDER_EQUALITY = 5, _("5. Gender equality")
    CLEAN_WATER = 6, _("6. Clean water and sanitation")
    CLEAN_ENERGY = 7, _("7. Affordable and clean energy")
    DECENT_WORK = 8, _("8. Decent work and economic growth")
    INDUSTRY = 9, _("9. Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("10. Reduced inequalities")
    SUSTAINABLE_CITIES = 11, _("11. Sustainable cities and communities")
    RESPONSIBLE_CONSUMPTION = 12, _("12. Responsible consumption and production")
    CLIMATE_ACTION = 13, _("13. Climate action")
    LIFE_BELOW_WATER = 14, _("14. Life below water")
    LIFE_ON_LAND = 15, _("15. Life on land")
    PEACE_JUSTICE = 16, _("16. Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17. Partnerships for the goals")


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

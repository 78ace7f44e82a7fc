"""The curated template library: one TOML file per template (format: templates/SCHEMA.md).

Files are validated strictly on load, so a mistake in a template is found by the test suite or at
start-up with the file's name and the reason, never halfway through a teacher's plan. Beyond the
schema's rules, texts are held to the lengths the project's database columns take.
"""

import re
import tomllib
from collections.abc import Collection, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from orbis.core.codes import APPROACHES, EXCHANGE_MODES, SDGS

from .types import ActivityText, Template, TemplateActivity, TemplateText
from .vocabulary import (
    ACTIVITY_KINDS,
    COMPETENCIES,
    FINAL_PRODUCTS,
    LANGUAGES,
    MAX_WEEKS,
    MIN_WEEKS,
    PHASES,
    PROJECT_TYPES,
)

DEFAULT_DIR = Path(__file__).with_name("templates")

MIN_AGE, MAX_AGE = 5, 19
SHARES = range(1, 6)
LIVE_MINUTES = range(30, 121)
OBJECTIVES = range(2, 6)
REFLECTION_PROMPTS = range(3, 7)
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# The longest text each field may hold (the database columns the shell copies them into).
TEMPLATE_TEXT_LIMITS = {
    "title": 120,
    "central_question": 300,
    "summary": 2000,
    "objectives": 300,  # each objective
    "reflection_prompts": 300,  # each prompt
}
ACTIVITY_TEXT_LIMITS = {
    "title": 120,
    "description": 2000,  # also a live session's purpose (2000)
    "instructions": 3000,
    "evidence": 300,
    "milestone": 160,
    "async_title": 120,
    "async_instructions": 3000,
}
ACTIVITY_TEXT_REQUIRED = ("title", "description", "instructions", "evidence")


class TemplateError(ValueError):
    """A broken template file; the message names each file with its reason, one per line."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


MISSING: Any = object()  # a key that is absent (already reported as missing)


class _Checker:
    """Checks one parsed file and collects its problems (paths like `activities[2].es`)."""

    def __init__(self, subjects: Collection[str] | None):
        self.subjects = subjects
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def keys(
        self, table: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> bool:
        """The table has all required keys and no unknown ones; False when it is no table."""
        if table is MISSING:
            return False
        if not isinstance(table, dict):
            self.fail(where, "must be a table")
            return False
        required = tuple(required)
        allowed = set(required) | set(optional)
        for name in required:
            if name not in table:
                self.fail(where, f"missing {name!r}")
        for name in table:
            if name not in allowed:
                self.fail(where, f"unknown key {name!r}")
        return True

    def text(self, value: Any, where: str, limit: int) -> str:
        if value is MISSING:
            return ""
        if not isinstance(value, str):
            self.fail(where, "must be a string")
            return ""
        if not value.strip():
            self.fail(where, "must not be empty")
        elif len(value) > limit:
            self.fail(where, f"is {len(value)} characters long, at most {limit} allowed")
        return value

    def texts(self, value: Any, where: str, limit: int, counts: range) -> tuple[str, ...]:
        if value is MISSING:
            return ()
        if not isinstance(value, list):
            self.fail(where, "must be a list of strings")
            return ()
        if len(value) not in counts:
            self.fail(where, f"has {len(value)} items, {counts.start}..{counts.stop - 1} expected")
        return tuple(self.text(item, f"{where}[{k}]", limit) for k, item in enumerate(value))

    def integer(self, value: Any, where: str, allowed: range) -> int:
        if value is MISSING:
            return allowed.start
        # bool is an int in Python, but `true` is no number in a template.
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(where, "must be an integer")
            return allowed.start
        if value not in allowed:
            self.fail(where, f"{value} is outside {allowed.start}..{allowed.stop - 1}")
        return value

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, "must be true or false")
            return False
        return value

    def code(self, value: Any, where: str, vocabulary: Collection[str] | None) -> str:
        if value is MISSING:
            return ""
        if not isinstance(value, str):
            self.fail(where, "must be a string")
            return ""
        if vocabulary is None:
            if not KEY.fullmatch(value):
                self.fail(where, f"{value!r} is not a code of [a-z0-9-]")
        elif value not in vocabulary:
            self.fail(where, f"unknown code {value!r}")
        return value

    def codes(self, value: Any, where: str, vocabulary: Collection[str] | None) -> tuple[str, ...]:
        if value is MISSING:
            return ()
        if not isinstance(value, list):
            self.fail(where, "must be a list")
            return ()
        if not value:
            self.fail(where, "must not be empty")
        found = tuple(self.code(item, f"{where}[{k}]", vocabulary) for k, item in enumerate(value))
        if len(set(found)) < len(found):
            self.fail(where, "has duplicates")
        return found

    def bounds(self, value: Any, where: str, allowed: range) -> tuple[int, int]:
        """An inclusive [low, high] pair within allowed."""
        if value is MISSING:
            return (allowed.start, allowed.stop - 1)
        if not isinstance(value, list) or len(value) != 2:
            self.fail(where, "must be a pair [low, high]")
            return (allowed.start, allowed.stop - 1)
        low, high = (self.integer(item, f"{where}[{k}]", allowed) for k, item in enumerate(value))
        if low > high:
            self.fail(where, f"inverted range [{low}, {high}]")
        return (low, high)

    def template(self, key: str, data: dict) -> Template:
        top = ("approach", "project_type", "sdgs", "subjects", "competencies", "ages", "weeks")
        top += ("modes", "final_products", *LANGUAGES, "activities")
        self.keys(data, "", top)
        get = lambda name: data.get(name, MISSING)  # noqa: E731
        approach = self.code(get("approach"), "approach", APPROACHES)
        known = len(self.problems)
        weeks = self.bounds(get("weeks"), "weeks", range(MAX_WEEKS + 1))
        weeks_valid = get("weeks") is not MISSING and len(self.problems) == known
        if approach in MIN_WEEKS and weeks_valid and weeks[0] < MIN_WEEKS[approach]:
            self.fail("weeks", f"a {approach} template needs at least {MIN_WEEKS[approach]} weeks")
        sdgs = get("sdgs")
        if sdgs is MISSING:
            sdgs = []
        elif not isinstance(sdgs, list) or not sdgs:
            self.fail("sdgs", "must be a non-empty list of SDG numbers")
            sdgs = []
        sdg_numbers = tuple(self.integer(item, f"sdgs[{k}]", SDGS) for k, item in enumerate(sdgs))
        if len(set(sdg_numbers)) < len(sdg_numbers):
            self.fail("sdgs", "has duplicates")
        texts = {lang: self.template_text(get(lang), lang) for lang in LANGUAGES}
        first, *others = LANGUAGES
        for lang in others:
            for name in ("objectives", "reflection_prompts"):
                ours, theirs = getattr(texts[first], name), getattr(texts[lang], name)
                if len(ours) != len(theirs):
                    self.fail(
                        f"{lang}.{name}", f"has {len(theirs)} items, {first}.{name} has {len(ours)}"
                    )
        return Template(
            key=key,
            approach=approach,
            project_type=self.code(get("project_type"), "project_type", PROJECT_TYPES),
            sdgs=sdg_numbers,
            subjects=self.codes(get("subjects"), "subjects", self.subjects),
            competencies=self.codes(get("competencies"), "competencies", COMPETENCIES),
            ages=self.bounds(get("ages"), "ages", range(MIN_AGE, MAX_AGE + 1)),
            weeks=weeks,
            modes=self.codes(get("modes"), "modes", EXCHANGE_MODES),
            final_products=self.codes(get("final_products"), "final_products", FINAL_PRODUCTS),
            texts=texts,
            activities=self.activities(get("activities")),
        )

    def template_text(self, table: Any, where: str) -> TemplateText:
        if not self.keys(table, where, TEMPLATE_TEXT_LIMITS):
            table = {}
        get = lambda name: table.get(name, MISSING)  # noqa: E731
        limits = TEMPLATE_TEXT_LIMITS
        return TemplateText(
            title=self.text(get("title"), f"{where}.title", limits["title"]),
            central_question=self.text(
                get("central_question"), f"{where}.central_question", limits["central_question"]
            ),
            summary=self.text(get("summary"), f"{where}.summary", limits["summary"]),
            objectives=self.texts(
                get("objectives"), f"{where}.objectives", limits["objectives"], OBJECTIVES
            ),
            reflection_prompts=self.texts(
                get("reflection_prompts"),
                f"{where}.reflection_prompts",
                limits["reflection_prompts"],
                REFLECTION_PROMPTS,
            ),
        )

    def activities(self, value: Any) -> tuple[TemplateActivity, ...]:
        if value is MISSING:
            return ()
        if not isinstance(value, list) or not value:
            self.fail("activities", "must be a non-empty array of tables [[activities]]")
            return ()
        found = [self.activity(table, f"activities[{k}]") for k, table in enumerate(value)]
        keys = [activity.key for activity in found]
        for key in sorted({key for key in keys if key and keys.count(key) > 1}):
            self.fail("activities", f"duplicate key {key!r}")
        for phase in PHASES:
            if not any(activity.phase == phase for activity in found):
                self.fail("activities", f"no activity in phase {phase!r}")
        return tuple(found)

    def activity(self, table: Any, where: str) -> TemplateActivity:
        required = ("key", "phase", "kind", "share", *LANGUAGES)
        if not self.keys(table, where, required, ("live", "milestone", "minutes")):
            table = {}
        get = lambda name: table.get(name, MISSING)  # noqa: E731
        live = self.flag(table.get("live", False), f"{where}.live")
        milestone = self.flag(table.get("milestone", False), f"{where}.milestone")
        # A live activity says how long its session is; other activities have no session.
        minutes_allowed = LIVE_MINUTES if live else range(0, 1)
        minutes = self.integer(table.get("minutes", 0), f"{where}.minutes", minutes_allowed)
        key = get("key")
        if key is not MISSING and (not isinstance(key, str) or not KEY.fullmatch(key)):
            self.fail(f"{where}.key", f"{key!r} is not a key of [a-z0-9-]")
        return TemplateActivity(
            key=key if isinstance(key, str) else "",
            phase=self.code(get("phase"), f"{where}.phase", PHASES),
            kind=self.code(get("kind"), f"{where}.kind", ACTIVITY_KINDS),
            share=self.integer(get("share"), f"{where}.share", SHARES),
            live=live,
            milestone=milestone,
            minutes=minutes,
            texts={
                lang: self.activity_text(get(lang), f"{where}.{lang}", live, milestone)
                for lang in LANGUAGES
            },
        )

    def activity_text(self, table: Any, where: str, live: bool, milestone: bool) -> ActivityText:
        required = list(ACTIVITY_TEXT_REQUIRED)
        if milestone:
            required.append("milestone")
        optional = ["async_title", "async_instructions"] if live else []
        if not self.keys(table, where, required, optional):
            table = {}
        values = {
            name: self.text(table[name], f"{where}.{name}", ACTIVITY_TEXT_LIMITS[name])
            for name in ACTIVITY_TEXT_LIMITS
            if name in table
        }
        for name in ACTIVITY_TEXT_REQUIRED:
            values.setdefault(name, "")
        return ActivityText(**values)


def parse_template(key: str, data: dict, subjects: Collection[str] | None = None) -> Template:
    """A template from parsed TOML data; raises TemplateError naming `key.toml`."""
    checker = _Checker(subjects)
    if not KEY.fullmatch(key):
        checker.fail("", "the file name must be a key of [a-z0-9-]")
    template = checker.template(key, data)
    if checker.problems:
        raise TemplateError(f"{key}.toml: {problem}" for problem in checker.problems)
    return template


def load_template(path: str | Path, subjects: Collection[str] | None = None) -> Template:
    """Load and validate one template file (its key is the file name without .toml).

    subjects: the allowed subject codes; None accepts any code of [a-z0-9-].
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise TemplateError([f"{path.name}: not valid TOML: {error}"]) from error
    except OSError as error:
        raise TemplateError([f"{path.name}: cannot be read: {error.strerror}"]) from error
    return parse_template(path.stem, data, subjects)


def load_library(
    directory: str | Path = DEFAULT_DIR, subjects: Collection[str] | None = None
) -> dict[str, Template]:
    """Every template in directory (key → template, sorted by key).

    Raises one TemplateError listing every broken file, each line starting with its name.
    """
    templates: dict[str, Template] = {}
    problems: list[str] = []
    for path in sorted(Path(directory).glob("*.toml")):
        try:
            templates[path.stem] = load_template(path, subjects)
        except TemplateError as error:
            problems += error.problems
    if problems:
        raise TemplateError(problems)
    return templates


@cache
def library(subjects: tuple[str, ...] | None = None) -> dict[str, Template]:
    """The default library, loaded once per process. Treat the result as read-only."""
    return load_library(DEFAULT_DIR, subjects)

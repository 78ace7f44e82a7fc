"""The plain data the plan generator takes and returns, and the templates it reads (no Django).

The templates are loaded and checked by library.py; these are what a loaded one looks like.
"""

from dataclasses import dataclass, field
from datetime import date

from orbis.core.schooldays import SchoolCalendar


@dataclass(frozen=True)
class PlanRequest:
    """The assistant's answers."""

    age_min: int
    age_max: int
    subject: str
    competencies: tuple[str, ...]
    sdgs: tuple[int, ...]
    weeks: int  # one of vocabulary.DURATIONS; 0 = a single exchange
    mode: str  # "live" or "async"
    languages: tuple[str, ...]  # ISO 639-1 codes of the classes
    start: date
    approach: str | None = None  # None: the assistant chooses
    text_language: str = "en"  # language the plan is written in (vocabulary.LANGUAGES)
    calendars: tuple[SchoolCalendar, ...] = ()  # the owner's school first


@dataclass(frozen=True)
class Reason:
    """Why a template was chosen, as data the interface words in the reader's language.

    kind: "approach" (value: approach code, chosen or the one the time fits), "ages" (value:
    (min, max) the template suits), "subject", "sdg" (value: number), "competency", "duration"
    (value: weeks), "mode" ("live"/"async"), "language" (value: ISO 639-1 the plan is written
    in, when it differs from the requested one).
    """

    kind: str
    value: str | int | tuple[int, int]


@dataclass
class PlannedActivity:
    phase: str
    order: int
    key: str  # the template activity it came from
    kind: str
    title: str
    description: str  # for teachers
    instructions: str  # for students
    evidence: str
    due: date
    live: bool = False  # a suggested live session


@dataclass
class PlannedMilestone:
    title: str
    due: date
    phase: str


@dataclass
class PlannedSession:
    title: str
    purpose: str
    on: date
    minutes: int
    phase: str


@dataclass
class PlannedPhase:
    key: str
    starts: date
    ends: date
    activities: list[PlannedActivity] = field(default_factory=list)


@dataclass
class Plan:
    template: str  # template key
    reasons: list[Reason]  # why this template (the strongest first)
    approach: str
    project_type: str
    title: str
    central_question: str
    summary: str
    objectives: list[str]
    final_product: str  # vocabulary.FINAL_PRODUCTS
    phases: list[PlannedPhase]
    milestones: list[PlannedMilestone]
    sessions: list[PlannedSession]
    reflection_prompts: list[str]
    starts: date
    ends: date
    weeks: int


@dataclass(frozen=True)
class Clash:
    """A planned date on which a school has no lessons, and the nearest date that suits all."""

    item: str  # what is due (activity, milestone or session title)
    on: date
    school: str
    reason: str  # "weekend", "holiday: <name>" or "break"
    shifted_to: date


@dataclass(frozen=True)
class TemplateText:
    """A template's texts in one language."""

    title: str
    central_question: str
    summary: str
    objectives: tuple[str, ...]
    reflection_prompts: tuple[str, ...]


@dataclass(frozen=True)
class ActivityText:
    """An activity's texts in one language.

    milestone: the milestone's name when the activity's due date is a milestone. async_title /
    async_instructions: what a live activity becomes in a project without live sessions.
    """

    title: str
    description: str
    instructions: str
    evidence: str
    milestone: str | None = None
    async_title: str | None = None
    async_instructions: str | None = None


@dataclass(frozen=True)
class TemplateActivity:
    key: str
    phase: str
    kind: str
    share: int  # relative length within its phase, 1..5
    live: bool
    milestone: bool
    minutes: int  # length of the live session (live activities), else 0
    texts: dict[str, ActivityText]  # language → texts


@dataclass(frozen=True)
class Template:
    key: str  # the file name without .toml
    approach: str
    project_type: str
    sdgs: tuple[int, ...]
    subjects: tuple[str, ...]
    competencies: tuple[str, ...]
    ages: tuple[int, int]  # inclusive
    weeks: tuple[int, int]  # inclusive
    modes: tuple[str, ...]
    final_products: tuple[str, ...]  # the first is the suggestion
    texts: dict[str, TemplateText]  # language → texts
    activities: tuple[TemplateActivity, ...]  # in plan order

    def phase_activities(self, phase: str) -> tuple[TemplateActivity, ...]:
        return tuple(activity for activity in self.activities if activity.phase == phase)

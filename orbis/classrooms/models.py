from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from orbis.core import timetable
from orbis.schools.models import Weekday
from orbis.vocabulary import (
    Approach,
    EnglishLevel,
    ExchangeMode,
    Subject,
    SustainableDevelopmentGoal,
    language_name,
)

MIN_AGE, MAX_AGE = 3, 19


class Classroom(models.Model):
    teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="classrooms"
    )
    name = models.CharField(_("name"), max_length=80)
    grade_label = models.CharField(
        _("grade"), max_length=40, help_text=_("As your school says it, e.g. “Grade 6” or “5º B”.")
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest students (years)"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest students (years)"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    student_count = models.PositiveSmallIntegerField(
        _("number of students"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    subjects = models.JSONField(_("subjects"), default=list)
    languages = models.JSONField(_("languages of instruction"), default=list)
    english_level = models.CharField(
        _("English level (CEFR)"), max_length=2, choices=EnglishLevel.choices, blank=True
    )
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list, blank=True)
    approaches = models.JSONField(_("project approaches"), default=list, blank=True)
    exchange_mode = models.CharField(
        _("how the class wants to meet"),
        max_length=5,
        choices=ExchangeMode.choices,
        default=ExchangeMode.LIVE,
    )
    looking_for_partners = models.BooleanField(_("looking for partners"), default=True)
    partners_wanted = models.PositiveSmallIntegerField(
        _("how many partner classes"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Automatic matching proposes up to this many partner classes."),
    )
    # Minors' posts, comments and reflections wait for their teacher unless she turns it off.
    student_posts_need_approval = models.BooleanField(
        _("students' posts wait for my approval"),
        default=True,
        help_text=_("What students post on project boards appears only once you approve it."),
    )
    # Students join with this code; None when the teacher turned joining off.
    join_code = models.CharField(max_length=12, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__lte=F("age_max")), name="classroom_age_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(age_min__gte=MIN_AGE) & Q(age_max__lte=MAX_AGE),
                name="classroom_ages_in_school_range",
            ),
        ]
        indexes = [models.Index(fields=["looking_for_partners", "age_min", "age_max"])]

    def __str__(self) -> str:
        return self.name

    @property
    def wants_live(self) -> bool:
        return self.exchange_mode == ExchangeMode.LIVE

    def sdg_labels(self) -> list[str]:
        return [SustainableDevelopmentGoal(n).label for n in self.sdgs]

    def subject_labels(self) -> list[str]:
        return [Subject(code).label for code in self.subjects if code in Subject.values]

    def approach_labels(self) -> list[str]:
        return [Approach(code).label for code in self.approaches if code in Approach.values]

    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    def periods(self) -> list[timetable.Period]:
        return [p.as_period() for p in self.availability.all()]


class AvailabilityPeriod(models.Model):
    """One weekly period in the school's local time in which the class could meet live."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])
    start_minute = models.PositiveSmallIntegerField(validators=[MaxValueValidator(24 * 60)])
    end_minute = models.PositiveSmallIntegerField(validators=[MaxValueValidator(24 * 60)])

    class Meta:
        ordering = ["weekday", "start_minute"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_minute__gt=F("start_minute")), name="period_ends_after_it_starts"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="period_weekday_valid"),
        ]

    def __str__(self) -> str:
        return f"{Weekday(self.weekday).label} {self.as_period()}"

    def as_period(self) -> timetable.Period:
        return timetable.Period(self.weekday, self.start_minute, self.end_minute)

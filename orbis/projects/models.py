import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from orbis.core.plans.vocabulary import MAX_WEEKS
from orbis.vocabulary import (
    ActivityKind,
    Approach,
    ExchangeMode,
    FinalProduct,
    Phase,
    PlanLanguage,
    ProjectType,
)

MIN_AGE, MAX_AGE = 5, 19
MAX_PARTNERS = 10


def new_token() -> str:
    return secrets.token_urlsafe(12)


class Project(models.Model):
    """A project two or more classrooms run together from one shared, dated plan."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for partners")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Listed publicly")
        LINK = "link", _("Only people with the link")

    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    # The link is unguessable: link-only projects are found by nobody who wasn't given it.
    token = models.CharField(max_length=24, unique=True, default=new_token, editable=False)
    title = models.CharField(_("title"), max_length=120)
    central_question = models.CharField(_("central question"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000)
    approach = models.CharField(_("approach"), max_length=12, choices=Approach.choices)
    project_type = models.CharField(_("project type"), max_length=24, choices=ProjectType.choices)
    sdgs = models.JSONField(_("SDG themes"), default=list, blank=True)
    subjects = models.JSONField(_("subjects"), default=list)
    competencies = models.JSONField(_("competencies"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("youngest students (years)"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest students (years)"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
    )
    languages = models.JSONField(_("languages"), default=list)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration"), validators=[MaxValueValidator(MAX_WEEKS)]
    )
    live_sessions_planned = models.PositiveSmallIntegerField(
        _("live sessions planned"), default=0, validators=[MaxValueValidator(30)]
    )
    max_partners = models.PositiveSmallIntegerField(
        _("partner classrooms at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTNERS)],
    )
    final_product = models.CharField(
        _("final product"), max_length=20, choices=FinalProduct.choices
    )
    exchange_mode = models.CharField(
        _("live or asynchronous"), max_length=5, choices=ExchangeMode.choices
    )
    visibility = models.CharField(
        _("visibility"), max_length=6, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    reflection_prompts = models.JSONField(_("reflection prompts"), default=list, blank=True)
    # What the assistant built it from, and why (Reason kinds and values).
    template_key = models.CharField(max_length=60, blank=True)
    template_reasons = models.JSONField(default=list, blank=True)
    # The assistant's answers (a PlanRequest without calendars), to regenerate one phase later.
    answers = models.JSONField(default=dict, blank=True)
    plan_language = models.CharField(
        _("language of the plan"), max_length=2, choices=PlanLanguage.choices, default="en"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_date", "pk"]
        indexes = [
            # The listing's order and its cheap filters, read from the index alone: a filter on
            # these (sdg, age, language, approach, subject) no longer reads every listed row.
            models.Index(
                fields=[
                    "status",
                    "visibility",
                    "start_date",
                    "sdgs",
                    "age_min",
                    "age_max",
                    "languages",
                    "approach",
                    "subjects",
                ],
                name="project_listing_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_max__gte=F("age_min")), name="project_ages_in_order"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="project_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def listed(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC and self.status in (
            self.Status.OPEN,
            self.Status.RUNNING,
            self.Status.COMPLETED,
        )


class Membership(models.Model):
    """A classroom taking part in a project; the owner's classroom is a member too."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        CO_EDITOR = "co_editor", _("Co-editor")
        MEMBER = "member", _("Partner")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "classroom"], name="member_once"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="owner"), name="one_owner_per_project"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classroom} in {self.project} ({self.role})"


class JoinRequest(models.Model):
    """A teacher asks to join a project with one of their classrooms."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="join_requests")
    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message to the owner"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "classroom"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classroom} → {self.project} ({self.status})"


class Activity(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    phase = models.CharField(_("phase"), max_length=14, choices=Phase.choices)
    order = models.PositiveSmallIntegerField(default=0)
    template_activity = models.CharField(max_length=60, blank=True)  # empty: added by hand
    kind = models.CharField(_("kind"), max_length=14, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("for teachers"), max_length=3000, blank=True)
    instructions = models.TextField(_("for students"), max_length=3000, blank=True)
    evidence = models.CharField(_("expected evidence"), max_length=300, blank=True)
    due_date = models.DateField(_("due date"))
    live = models.BooleanField(_("live session"), default=False)
    done = models.BooleanField(_("done"), default=False)
    edited = models.BooleanField(default=False)  # a teacher changed what the assistant wrote

    class Meta:
        ordering = ["due_date", "order", "pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    phase = models.CharField(_("phase"), max_length=14, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=160)
    due_date = models.DateField(_("date"))
    edited = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class SuggestedSession(models.Model):
    """A live session the plan suggests; partner teachers agree the exact time together."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sessions")
    phase = models.CharField(_("phase"), max_length=14, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=120)
    purpose = models.TextField(_("purpose"), max_length=2000, blank=True)
    on_date = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), default=60, validators=[MinValueValidator(15), MaxValueValidator(240)]
    )
    edited = models.BooleanField(default=False)

    class Meta:
        ordering = ["on_date", "pk"]

    def __str__(self) -> str:
        return self.title

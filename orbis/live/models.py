import secrets
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .links import MAX_URL_LENGTH, meeting_tool, validate_meeting_url

MIN_MINUTES, MAX_MINUTES = 15, 240
REMINDER_HOURS = (24, 1)


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class LiveSession(models.Model):
    """A video meeting of some member classes of a project, at one moment for everyone."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="live_sessions"
    )
    title = models.CharField(_("title"), max_length=120)
    agenda = models.TextField(_("agenda"), max_length=3000, blank=True)
    starts_at = models.DateTimeField(_("starts at"))  # UTC, as every datetime stored
    minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(MIN_MINUTES), MaxValueValidator(MAX_MINUTES)],
    )
    meeting_url = models.CharField(
        _("meeting link"), max_length=MAX_URL_LENGTH, validators=[validate_meeting_url]
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    suggested_session = models.ForeignKey(
        "projects.SuggestedSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_sessions",
        verbose_name=_("session of the plan"),
    )
    classrooms = models.ManyToManyField(
        "classrooms.Classroom", through="LiveSessionClass", related_name="live_sessions"
    )
    # iCalendar SEQUENCE: calendar apps replace their copy only when it grows.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["project", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_MINUTES) & Q(minutes__lte=MAX_MINUTES),
                name="live_session_minutes_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def tool(self) -> tuple[str, str]:
        return meeting_tool(self.meeting_url)

    @property
    def tool_label(self) -> str:
        return self.tool[1]


class LiveSessionClass(models.Model):
    """A member class of the project taking part in a session."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendances")
    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "classroom"], name="live_class_once"),
        ]

    def __str__(self) -> str:
        return f"{self.classroom} in {self.session}"


class SessionReminder(models.Model):
    """One reminder of a session (24 hours or 1 hour before). `sent_at` is set when it is
    claimed for sending, so each reminder goes out once whoever sends it (task or sweep)."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="reminders")
    hours_before = models.PositiveSmallIntegerField(
        choices=[(hours, str(hours)) for hours in REMINDER_HOURS]
    )
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "due_at"])]
        constraints = [
            models.UniqueConstraint(fields=["session", "hours_before"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session} −{self.hours_before} h"


class CalendarFeed(models.Model):
    """A teacher's private calendar address: whoever has the token reads her sessions and
    milestones (calendar apps cannot log in). A new token makes the old address stop working."""

    teacher = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.teacher}"

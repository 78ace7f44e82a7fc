"""Global challenges: staff open one (a theme, dates, rules); any classroom enters with a
creation; approved entries appear in the challenge's public gallery.

An entry has exactly one author, a teacher or a student of the entering class (a database
constraint holds it, as on the board). What the public sees of an entry follows its teacher's
consent for that item: a student's nickname only with `show_names`, pictures only with
`show_faces`.
"""

from datetime import UTC, datetime, time, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orbis.board.markdown import render_markdown
from orbis.board.models import Status as ModerationStatus
from orbis.classrooms.models import MAX_AGE, MIN_AGE
from orbis.vocabulary import SustainableDevelopmentGoal

MAX_MEDIA = 5  # files in one entry

# A challenge is global: its dates hold wherever a school is. It opens when its first day
# begins anywhere (UTC+14) and closes when its last day ends everywhere (UTC-12).
EARLIEST_OFFSET = timedelta(hours=14)
LATEST_OFFSET = timedelta(hours=12)

ONE_AUTHOR = Q(author_teacher__isnull=False, author_student__isnull=True) | Q(
    author_teacher__isnull=True, author_student__isnull=False
)


class Challenge(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (only staff see it)")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, as in /challenges/day-of-play/."),
    )
    theme = models.CharField(_("theme"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    rules = models.TextField(_("rules"), max_length=10000, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list, blank=True)
    age_min = models.PositiveSmallIntegerField(
        _("youngest students (years)"), null=True, blank=True
    )
    age_max = models.PositiveSmallIntegerField(_("oldest students (years)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="challenge_ends_after_start",
                violation_error_message=_("The last day can't be before the first day."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
                name="challenge_ages_in_order",
                violation_error_message=_("The oldest age can't be below the youngest."),
            ),
            models.CheckConstraint(
                condition=(Q(age_min__isnull=True) | Q(age_min__gte=MIN_AGE, age_min__lte=MAX_AGE))
                & (Q(age_max__isnull=True) | Q(age_max__gte=MIN_AGE, age_max__lte=MAX_AGE)),
                name="challenge_ages_in_school_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "-starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def opens_at(self) -> datetime:
        return datetime.combine(self.starts_on, time(), tzinfo=UTC) - EARLIEST_OFFSET

    @property
    def closes_at(self) -> datetime:
        last = self.ends_on + timedelta(days=1)
        return datetime.combine(last, time(), tzinfo=UTC) + LATEST_OFFSET

    def accepts_entries(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    def is_upcoming(self, now: datetime | None = None) -> bool:
        return self.status == self.Status.OPEN and (now or timezone.now()) < self.opens_at

    def is_past(self, now: datetime | None = None) -> bool:
        return self.status == self.Status.CLOSED or (now or timezone.now()) >= self.closes_at

    def description_html(self) -> str:
        return render_markdown(self.description)

    def rules_html(self) -> str:
        return render_markdown(self.rules)

    def sdg_labels(self) -> list[str]:
        return [
            SustainableDevelopmentGoal(n).label
            for n in self.sdgs
            if n in SustainableDevelopmentGoal.values
        ]


class ChallengeEntry(models.Model):
    # The board's moderation states: minors' work waits for their teacher the same way
    # everywhere.
    Status = ModerationStatus

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="entries")
    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="challenge_entries"
    )
    author_teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author_student = models.ForeignKey(
        "students.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("about this creation"), max_length=2000, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    # The class's teacher's consent for this item, for the public gallery.
    show_names = models.BooleanField(_("show the student's nickname"), default=False)
    show_faces = models.BooleanField(_("show the pictures (they may show faces)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = _("challenge entries")
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="challenge_entry_one_author")
        ]
        indexes = [
            models.Index(fields=["challenge", "status", "-created_at"]),
            models.Index(fields=["classroom", "status"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def public_author(self) -> str:
        """The name the public gallery may show: a student's nickname only with consent."""
        if self.author_student_id and self.show_names:
            return self.author_student.nickname
        return ""

    def public_media(self) -> list["ChallengeMedia"]:
        """The files the public gallery shows (uses the prefetched media)."""
        return [media for media in self.media.all() if media.public()]

    def hidden_count(self) -> int:
        return len(self.media.all()) - len(self.public_media())


class ChallengeMedia(models.Model):
    class Kind(models.TextChoices):
        # The same codes as the upload processing's kinds (orbis/uploads).
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Document")

    entry = models.ForeignKey(ChallengeEntry, on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(max_length=300)
    thumbnail = models.FileField(max_length=300, blank=True)
    name = models.CharField(max_length=140)  # the name as uploaded, shown and offered
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = _("challenge media")

    def __str__(self) -> str:
        return self.name

    @property
    def is_picture(self) -> bool:
        return self.kind == self.Kind.IMAGE

    def public(self, *, thumbnail: bool = False) -> bool:
        """May anyone see this file? Its entry is approved, and pictures need consent: images,
        and every thumbnail (a picture too, whatever it was made from)."""
        entry = self.entry
        if entry.status != ChallengeEntry.Status.APPROVED:
            return False
        return entry.show_faces or not (thumbnail or self.is_picture)

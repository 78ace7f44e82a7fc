"""The shared project board: posts with attachments, comments, reactions, visits.

Every post, comment and reaction has exactly one author: a teacher (accounts.User) or a student
(students.Student, known only by a nickname). A database constraint holds that, as well as
one reaction of each kind per author and post.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orbis.vocabulary import Phase

from .language import detect
from .markdown import render_markdown

ONE_AUTHOR = Q(author_teacher__isnull=False, author_student__isnull=True) | Q(
    author_teacher__isnull=True, author_student__isnull=False
)


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class AttachmentKind(models.TextChoices):
    # The same codes as the upload processing's kinds (orbis/uploads).
    IMAGE = "image", _("Image")
    PDF = "pdf", _("PDF")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")


class BoardItem(models.Model):
    """What posts and comments share: one author, the class it speaks for, moderation."""

    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )
    # A teacher's items go when her account goes, as a student's go with the student.
    author_teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author_student = models.ForeignKey(
        "students.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPROVED)
    # A partner teacher's flag hides the item until its class's teacher restores or removes it.
    flagged_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_reason = models.CharField(_("reason"), max_length=200, blank=True)
    # Hidden (status REJECTED) by the operators' moderators, set and cleared by
    # orbis/moderation: while it holds, nothing on the board sends the item back to its class's
    # teacher, whose approval would undo their decision.
    hidden_by_staff = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    Status = Status

    class Meta:
        abstract = True

    @property
    def author_name(self) -> str:
        if self.author_teacher_id:
            return self.author_teacher.display_name or str(self.author_teacher)
        return self.author_student.nickname

    @property
    def flagged(self) -> bool:
        return self.flagged_at is not None

    @property
    def visible(self) -> bool:
        return self.status == Status.APPROVED and self.flagged_at is None

    @property
    def pending(self) -> bool:
        return self.status == Status.PENDING


class Post(BoardItem):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="posts")
    phase = models.CharField(_("phase"), max_length=14, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=10000, blank=True)
    # Derived from body; rendered here rather than in views so it can never drift from it.
    body_html = models.TextField(editable=False, blank=True)
    # ISO 639-1 code detected from title and body ("" when too short or unclear to tell).
    language = models.CharField(max_length=8, editable=False, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["project", "status", "-created_at"]),
            models.Index(fields=["classroom", "status"]),
        ]
        constraints = [models.CheckConstraint(condition=ONE_AUTHOR, name="board_post_one_author")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
        if update_fields is None or {"body", "title"} & set(update_fields):
            self.language = detect(self.source_text)
        if update_fields is not None and {"body", "title"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "body_html", "language"}
        super().save(*args, **kwargs)

    @property
    def source_text(self) -> str:
        """What is detected and translated: the title, then the body as typed (Markdown)."""
        return f"{self.title}\n\n{self.body}".strip()


class PostTranslation(models.Model):
    """A machine translation of a post, kept so the service is asked once per text and language.

    source_hash is the hash of the text that was translated: once the post is edited, the old
    translation no longer matches and the next click asks again. `text` comes from an outside
    service: it is shown only as Markdown rendered with the board's cleaner, never as is.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="translations")
    target = models.CharField(max_length=8)
    source_hash = models.CharField(max_length=64)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "target", "source_hash"], name="board_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.target}"

    @property
    def html(self) -> str:
        return render_markdown(self.text)


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=8, choices=AttachmentKind.choices)
    file = models.FileField(max_length=300)
    thumbnail = models.FileField(max_length=300, blank=True)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Comment(BoardItem):
    class Starter(models.TextChoices):
        NONE = "", _("No starter")
        LIKE = "like", _("I like…")
        WONDER = "wonder", _("I wonder…")
        WHAT_IF = "what_if", _("What if…")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    starter = models.CharField(
        _("starter"), max_length=8, choices=Starter.choices, blank=True, default=""
    )
    body = models.TextField(_("comment"), max_length=2000)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["classroom", "status"])]
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="board_comment_one_author")
        ]

    def __str__(self) -> str:
        return self.body[:40]


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HEART = "heart", _("Love it")
        CLAP = "clap", _("Well done")
        WOW = "wow", _("Wow")
        IDEA = "idea", _("Good idea")
        LAUGH = "laugh", _("Funny")

    EMOJI = {"heart": "❤️", "clap": "👏", "wow": "😮", "idea": "💡", "laugh": "😄"}

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    author_teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author_student = models.ForeignKey(
        "students.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="board_reaction_one_author"),
            models.UniqueConstraint(
                fields=["post", "author_teacher", "kind"],
                condition=Q(author_teacher__isnull=False),
                name="board_reaction_once_per_teacher",
            ),
            models.UniqueConstraint(
                fields=["post", "author_student", "kind"],
                condition=Q(author_student__isnull=False),
                name="board_reaction_once_per_student",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post_id}"


class BoardVisit(models.Model):
    """When a teacher or a student last looked at a project's board ("new since your visit")."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    student = models.ForeignKey(
        "students.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    last_seen_at = models.DateTimeField()
    # Where "new" starts for the current visit: the last_seen_at of the previous visit. A visit
    # ends after a pause (see selectors.VISIT_GAP), so going from the board to a post and back
    # keeps showing the same items as new.
    since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(teacher__isnull=False, student__isnull=True)
                | Q(teacher__isnull=True, student__isnull=False),
                name="board_visit_one_visitor",
            ),
            models.UniqueConstraint(
                fields=["project", "teacher"],
                condition=Q(teacher__isnull=False),
                name="board_visit_once_per_teacher",
            ),
            models.UniqueConstraint(
                fields=["project", "student"],
                condition=Q(student__isnull=False),
                name="board_visit_once_per_student",
            ),
        ]

    def __str__(self) -> str:
        return f"visit of {self.project_id} at {self.last_seen_at}"

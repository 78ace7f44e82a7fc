"""Reports of harmful content and the staff's decisions on them, with an append-only audit log.

A report points at what it is about through one typed, nullable foreign key per kind of target
(a check constraint allows at most the one its kind names). When the target is deleted the key
becomes NULL and the report stays, with the text snapshot taken when it was made: evidence
outlives the content.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TargetKind(models.TextChoices):
    PROFILE = "profile", _("Profile")
    PROJECT = "project", _("Project")
    POST = "post", pgettext_lazy("kind of reported item", "Post")
    COMMENT = "comment", _("Comment")
    SESSION = "session", _("Live session")


# The foreign key of Report that holds each kind of target.
TARGET_FIELDS = {
    TargetKind.PROFILE: "target_user",
    TargetKind.PROJECT: "target_project",
    TargetKind.POST: "target_post",
    TargetKind.COMMENT: "target_comment",
    TargetKind.SESSION: "target_session",
}


class Reason(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment or bullying")
    INAPPROPRIATE = "inappropriate", _("Inappropriate content")
    MINOR_DATA = "minor_data", _("Personal data of a minor exposed")
    SPAM = "spam", _("Spam or advertising")
    OTHER = "other", _("Something else")


class Action(models.TextChoices):
    HIDE = "hide", _("Hide")
    RESTORE = "restore", _("Restore")
    WARN = "warn", _("Warn the author")
    SUSPEND = "suspend", _("Suspend the account")
    CLOSE = "close", _("Close the project")
    DISMISS = "dismiss", _("Dismiss (no action)")


def _only_its_target() -> Q:
    """Each kind may hold its own key or none (deleted target), never another kind's."""
    allowed = Q()
    for kind, own in TARGET_FIELDS.items():
        others = {f"{name}__isnull": True for name in TARGET_FIELDS.values() if name != own}
        allowed |= Q(target_kind=kind, **others)
    return allowed


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("status of a report", "Open")
        DECIDED = "decided", _("Decided")

    # Kept when the reporter's account goes: the report is evidence.
    reporter = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="reports_made"
    )
    target_kind = models.CharField(max_length=8, choices=TargetKind.choices)
    target_user = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_project = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_post = models.ForeignKey(
        "board.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_comment = models.ForeignKey(
        "board.Comment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_session = models.ForeignKey(
        "live.LiveSession", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What was reported, as it was then: a short name and the full text.
    target_label = models.CharField(max_length=200)
    snapshot = models.TextField()
    target_url = models.CharField(max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    decision = models.CharField(max_length=8, choices=Action.choices, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome_note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["reporter", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=_only_its_target(), name="report_one_target"),
            *[
                models.UniqueConstraint(
                    fields=["reporter", field],
                    condition=Q(status="open", **{f"{field}__isnull": False}),
                    name=f"report_open_once_{kind}",
                )
                for kind, field in TARGET_FIELDS.items()
            ],
        ]

    def __str__(self) -> str:
        return f"{self.get_target_kind_display()}: {self.target_label}"

    @property
    def target(self):
        return getattr(self, TARGET_FIELDS[self.target_kind])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class AuditLog(models.Model):
    """One staff action: who did what to which target, when and why. Rows are never changed
    or deleted (the admin is read-only); the names are copied so they outlive the accounts."""

    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    action = models.CharField(max_length=8, choices=Action.choices)
    target_kind = models.CharField(max_length=8, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=200)
    snapshot = models.TextField(blank=True)
    reason = models.TextField(max_length=1000)
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    # The state an undoable action (hide, close, suspend) changed, for "restore" to put back,
    # and which earlier row a restore undid.
    before = models.JSONField(default=dict, blank=True)
    undoes = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="undone_by"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_kind", "target_id"])]

    def __str__(self) -> str:
        return f"{self.actor_name}: {self.action} {self.target_kind} {self.target_label}"

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PartnerRequest(models.Model):
    """One teacher asks, for one of their classrooms, another classroom to be partners."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    from_classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="sent_requests"
    )
    to_classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="received_requests"
    )
    introduction = models.TextField(_("introduction"), max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_classroom=F("to_classroom")), name="request_not_to_itself"
            ),
            # One open request per pair and direction, even when two clicks race.
            models.UniqueConstraint(
                fields=["from_classroom", "to_classroom"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_classroom} → {self.to_classroom} ({self.status})"


class Partnership(models.Model):
    """Two classrooms that agreed to work together. Stored once, lower id first."""

    classroom_a = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )
    classroom_b = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(classroom_a__lt=F("classroom_b")), name="partnership_ordered_pair"
            ),
            models.UniqueConstraint(fields=["classroom_a", "classroom_b"], name="partnership_once"),
        ]

    def __str__(self) -> str:
        return f"{self.classroom_a} ↔ {self.classroom_b}"

    def other(self, classroom_id: int):
        return self.classroom_b if self.classroom_a_id == classroom_id else self.classroom_a


class PartnerSuggestion(models.Model):
    """A partner the matching engine proposes for a classroom (`orbis match`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Suggested")
        REQUESTED = "requested", _("Request sent")
        DECLINED = "declined", _("Not interested")

    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="suggestions"
    )
    partner = models.ForeignKey("classrooms.Classroom", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    overlap_minutes = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "partner"], name="suggestion_once"),
            models.CheckConstraint(
                condition=~Q(classroom=F("partner")), name="suggestion_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.classroom} → {self.partner} ({self.score:.0f})"

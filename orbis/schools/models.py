from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from orbis.core import zones


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class School(models.Model):
    name = models.CharField(_("name"), max_length=150)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64)
    # Weekday numbers (0 = Monday); not always Saturday–Sunday: Friday–Saturday in many countries.
    weekend_days = models.JSONField(_("weekend days"), default=list)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Staff checked that the school exists and its teachers work there.
    verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["country", "name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    def clean(self):
        if self.time_zone and not zones.is_valid_zone(self.time_zone):
            raise ValidationError({"time_zone": _("Unknown time zone.")})

    def weekend_labels(self) -> list[str]:
        return [Weekday(day).label for day in sorted(self.weekend_days)]

    @property
    def school_days(self) -> list[int]:
        return [day for day in range(7) if day not in self.weekend_days]


class SchoolTerm(models.Model):
    class Kind(models.TextChoices):
        TERM = "term", _("Term")
        BREAK = "break", _("Break")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.TERM)
    name = models.CharField(_("name"), max_length=80)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))

    class Meta:
        ordering = ["starts_on", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="term_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on} – {self.ends_on})"

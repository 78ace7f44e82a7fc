"""A completed project's public page: chosen board posts, the final product, the reflections.

Students are minors: a showcase item shows its author's nickname only when the teacher of the
item's class ticked show_names, and its images only when she ticked show_faces. Everything else
about a student stays off the public page.
"""

import secrets
import string

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

SUFFIX_ALPHABET = string.ascii_lowercase + string.digits
SUFFIX_LENGTH = 8
TITLE_PART = 50


def new_slug(title: str) -> str:
    """The title made readable in a URL, plus a random suffix so that the address of a link-only
    project's showcase can't be guessed from its title."""
    suffix = "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))
    readable = slugify(title)[:TITLE_PART].strip("-") or "showcase"
    return f"{readable}-{suffix}"


class Showcase(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Not published")
        PUBLISHED = "published", _("Published")

    class ProductKind(models.TextChoices):
        # The upload processing's kinds (orbis/uploads), as on board attachments.
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Document")

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="showcase"
    )
    # Chosen once and kept when the title changes: links already shared keep working.
    slug = models.SlugField(max_length=TITLE_PART + SUFFIX_LENGTH + 1, unique=True)
    intro = models.TextField(_("introduction"), max_length=3000, blank=True)
    final_product_text = models.TextField(_("what the classes made"), max_length=3000, blank=True)
    final_product_url = models.URLField(_("link to the final product"), max_length=500, blank=True)
    final_product_file = models.FileField(max_length=300, blank=True)
    final_product_thumbnail = models.FileField(max_length=300, blank=True)
    final_product_name = models.CharField(max_length=120, blank=True)
    final_product_type = models.CharField(max_length=100, blank=True)  # content type
    final_product_kind = models.CharField(max_length=8, choices=ProductKind.choices, blank=True)
    final_product_size = models.PositiveBigIntegerField(default=0)
    show_reflections = models.BooleanField(_("show the summary of the reflections"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # When members were told of the first publication: publishing again tells nobody twice.
    announced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.slug

    @property
    def published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_final_product(self) -> bool:
        return bool(self.final_product_text or self.final_product_url or self.final_product_file)


class ShowcaseItem(models.Model):
    """A board post chosen for the showcase, with the consent of its class's teacher."""

    showcase = models.ForeignKey(Showcase, on_delete=models.CASCADE, related_name="items")
    post = models.ForeignKey("board.Post", on_delete=models.CASCADE, related_name="showcase_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    show_names = models.BooleanField(_("show the student's nickname"), default=False)
    show_faces = models.BooleanField(_("show its pictures (faces may appear)"), default=False)
    # Who last ticked or unticked the consent, and when.
    consent_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["showcase", "post"], name="showcase_post_once"),
        ]
        indexes = [models.Index(fields=["showcase", "order"])]

    def __str__(self) -> str:
        return f"{self.post_id} in {self.showcase_id}"

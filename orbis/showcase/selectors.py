"""Reads for the showcase pages: what the public may see, and the gallery.

The public page is built only from here, so the consent rules hold in one place: a post is shown
while it is approved, not flagged and its class still takes part; its author's nickname only
with show_names; its images only with show_faces.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from orbis.board.models import Attachment, AttachmentKind, Post
from orbis.partners.selectors import _json_has_number
from orbis.projects.models import Membership, Project
from orbis.vocabulary import SustainableDevelopmentGoal

from .models import Showcase, ShowcaseItem

IMAGE = AttachmentKind.IMAGE


def flag(code: str) -> str:
    code = (code or "").upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


@dataclass
class PublicItem:
    item: ShowcaseItem
    post: Post
    author: str | None  # the nickname or teacher name, only with consent
    classroom: object
    country: object | None
    images: list = field(default_factory=list)
    files: list = field(default_factory=list)  # PDFs, audio, video, documents
    hidden_images: int = 0


def class_rows(project: Project) -> list[dict]:
    """Each member class with its country, the owner's first."""
    rows = []
    for m in sorted(
        project.memberships.all(),
        key=lambda m: (m.role != Membership.Role.OWNER, m.joined_at, m.pk),
    ):
        school = m.classroom.teacher.school
        country = school.country if school and school.country else None
        rows.append(
            {
                "classroom": m.classroom,
                "country": country,
                "flag": flag(country.code) if country else "",
            }
        )
    return rows


def countries_of(rows: list[dict]) -> list[dict]:
    seen, countries = set(), []
    for row in rows:
        country = row["country"]
        if country and country.code not in seen:
            seen.add(country.code)
            countries.append({"country": country, "flag": row["flag"]})
    return sorted(countries, key=lambda c: str(c["country"].name))


def sdg_labels(project: Project) -> list[str]:
    labels = dict(SustainableDevelopmentGoal.choices)
    return [str(labels[n]) for n in project.sdgs or [] if isinstance(n, int) and n in labels]


def _visible_posts(project: Project) -> Q:
    members = [m.classroom_id for m in project.memberships.all()]
    return Q(
        post__status=Post.Status.APPROVED,
        post__flagged_at__isnull=True,
        post__classroom_id__in=members,
    )


def public_items(showcase: Showcase) -> list[PublicItem]:
    project = showcase.project
    countries = {row["classroom"].pk: row["country"] for row in class_rows(project)}
    items = (
        showcase.items.filter(_visible_posts(project))
        .select_related("post__classroom", "post__author_teacher", "post__author_student")
        .prefetch_related(Prefetch("post__attachments", Attachment.objects.order_by("pk")))
    )
    shown = []
    for item in items:
        post = item.post
        public = PublicItem(
            item=item,
            post=post,
            author=post.author_name if item.show_names else None,
            classroom=post.classroom,
            country=countries.get(post.classroom_id),
        )
        for attachment in post.attachments.all():
            if attachment.kind != IMAGE:
                public.files.append(attachment)
            elif item.show_faces:
                public.images.append(attachment)
            else:
                public.hidden_images += 1
        shown.append(public)
    return shown


def public_attachment(showcase: Showcase, attachment_id: int) -> Attachment | None:
    """An attachment the public may fetch: of a chosen, still visible post of this published
    showcase, and an image only with show_faces."""
    if not showcase.published:
        return None
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return None
    item = showcase.items.filter(
        _visible_posts(showcase.project), post_id=attachment.post_id
    ).first()
    if item is None or (attachment.kind == IMAGE and not item.show_faces):
        return None
    return attachment


def reflections(showcase: Showcase) -> list[dict]:
    """The reflection answers, grouped by prompt and class: texts only, never who wrote them."""
    if not showcase.show_reflections:
        return []
    from orbis.reflections.services import reflection_summary

    return reflection_summary(showcase.project)


def project_with_members(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.select_related("owner").prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("classroom__teacher__school"))
    )


def published(slug: str) -> Showcase | None:
    return (
        Showcase.objects.filter(slug=slug, status=Showcase.Status.PUBLISHED)
        .select_related("project")
        .prefetch_related(
            Prefetch(
                "project__memberships",
                Membership.objects.select_related("classroom__teacher__school"),
            )
        )
        .first()
    )


# ---- the gallery --------------------------------------------------------------------------


def gallery(filters: dict) -> QuerySet[Showcase]:
    """Published showcases of publicly listed projects, newest first. A link-only project's
    showcase is public at its address but not listed, as the project itself isn't."""
    found = Showcase.objects.filter(
        status=Showcase.Status.PUBLISHED, project__visibility=Project.Visibility.PUBLIC
    )
    if filters.get("sdg"):
        found = found.filter(_json_has_number("project__sdgs", filters["sdg"]))
    if filters.get("age") is not None:
        found = found.filter(
            project__age_min__lte=filters["age"], project__age_max__gte=filters["age"]
        )
    if filters.get("country"):
        found = found.filter(
            project__in=Membership.objects.filter(
                classroom__teacher__school__country=filters["country"]
            ).values("project")
        )
    return (
        found.select_related("project")
        .prefetch_related(
            Prefetch(
                "project__memberships",
                Membership.objects.select_related("classroom__teacher__school"),
            )
        )
        .order_by("-published_at", "-pk")
    )


def covers(showcases: list[Showcase]) -> dict[int, Attachment]:
    """A picture for each gallery card: the first consented image of its chosen posts."""
    if not showcases:
        return {}
    still_member = Exists(
        Membership.objects.filter(
            project_id=OuterRef("showcase__project_id"), classroom_id=OuterRef("post__classroom_id")
        )
    )
    rows = (
        ShowcaseItem.objects.filter(
            still_member,
            showcase__in=showcases,
            show_faces=True,
            post__status=Post.Status.APPROVED,
            post__flagged_at__isnull=True,
            post__attachments__kind=IMAGE,
        )
        .order_by("showcase_id", "order", "pk")
        .values_list("showcase_id", "post_id")
    )
    first_post: dict[int, int] = {}
    for showcase_id, post_id in rows:
        first_post.setdefault(showcase_id, post_id)
    images = Attachment.objects.filter(post_id__in=set(first_post.values()), kind=IMAGE)
    by_post: dict[int, Attachment] = {}
    for image in images.order_by("pk"):
        by_post.setdefault(image.post_id, image)
    return {sid: by_post[pid] for sid, pid in first_post.items() if pid in by_post}

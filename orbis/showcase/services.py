"""Changes to a project's showcase: its texts, its chosen posts, consent, publication.

Who does what:
- the project's owner edits the texts and the final product, chooses the posts, publishes and
  unpublishes;
- consent (show_names, show_faces) for an item is given by the teacher of the item's class — the
  class whose post it is — and by nobody else, the owner included, because she is the one who
  knows her students and their families' wishes. The owner ticks it for her own class's items.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from orbis.board.models import Post
from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project
from orbis.uploads.processing import clean_upload, delete_stored, store_upload

from .models import Showcase, ShowcaseItem, new_slug

MAX_ITEMS = 60
NOT_YOUR_CLASS = _lazy(
    "Only the teacher of an item's class can give consent for it. Nothing was changed."
)


class ShowcaseError(Exception):
    """A change that can't be made; the message says why, for the teacher."""


def member_classroom_ids(project: Project) -> set[int]:
    return {m.classroom_id for m in project.memberships.all()}


def showcase_of(project: Project) -> Showcase:
    """The project's showcase, made (as a draft) the first time anybody looks for it."""
    try:
        return project.showcase
    except Showcase.DoesNotExist:
        pass
    for _attempt in range(5):
        try:
            with transaction.atomic():
                showcase, _created = Showcase.objects.get_or_create(
                    project=project, defaults={"slug": new_slug(project.title)}
                )
            return showcase
        except IntegrityError:
            # Another request made it meanwhile, or (rarely) the random slug was taken.
            found = Showcase.objects.filter(project=project).first()
            if found is not None:
                return found
    raise ShowcaseError(_("The showcase could not be created; please try again."))


def selectable_posts(project: Project):
    """The posts the owner may choose: approved, not flagged, of a class still in the project."""
    return Post.objects.filter(
        project=project,
        status=Post.Status.APPROVED,
        flagged_at__isnull=True,
        classroom_id__in=member_classroom_ids(project),
    )


def _check_owner(showcase: Showcase, user) -> None:
    if showcase.project.owner_id != getattr(user, "pk", None):
        raise ShowcaseError(_("Only the project's owner can change its showcase."))


TEXT_FIELDS = ["intro", "final_product_text", "final_product_url", "show_reflections"]


def update_showcase(
    showcase: Showcase, *, by, values: dict, upload=None, remove_file: bool = False
) -> Showcase:
    """The owner's texts, and the final product file: a new upload replaces the old file,
    remove_file drops it. All or nothing: a refused file (UploadRefused) saves no text either,
    and a file stored for a change that fails is deleted again."""
    _check_owner(showcase, by)
    clean = clean_upload(upload) if upload else None  # raises UploadRefused, stores nothing
    old = _product_paths(showcase) if (clean or remove_file) else []
    stored: list[str] = []
    try:
        with transaction.atomic():
            for name in TEXT_FIELDS:
                setattr(showcase, name, values[name])
            if clean is not None:
                path, thumbnail = store_upload(clean, folder=f"showcase/{showcase.project_id}")
                stored = [p for p in (path, thumbnail) if p]
                showcase.final_product_file = path
                showcase.final_product_thumbnail = thumbnail or ""
                showcase.final_product_name = (clean.display_name or clean.name)[:120]
                showcase.final_product_type = clean.content_type
                showcase.final_product_kind = clean.kind
                showcase.final_product_size = clean.size
            elif remove_file:
                showcase.final_product_file = showcase.final_product_thumbnail = ""
                showcase.final_product_name = showcase.final_product_type = ""
                showcase.final_product_kind = ""
                showcase.final_product_size = 0
            showcase.save()
            if old:
                transaction.on_commit(lambda: _discard(old))
    except BaseException:
        _discard(stored)
        raise
    return showcase


def _product_paths(showcase: Showcase) -> list[str]:
    files = (showcase.final_product_file, showcase.final_product_thumbnail)
    return [f.name for f in files if f.name]


def _discard(paths) -> None:
    delete_stored(*paths)


def set_items(
    showcase: Showcase, *, by, post_ids, orders: dict | None = None, captions: dict | None = None
) -> list[ShowcaseItem]:
    """The chosen posts, in this order. Posts kept keep their consent; posts dropped lose it.
    One post that can't be chosen (another project's, not approved, flagged) refuses it all."""
    _check_owner(showcase, by)
    orders, captions = orders or {}, captions or {}
    wanted = list(dict.fromkeys(post_ids))
    if len(wanted) > MAX_ITEMS:
        raise ShowcaseError(_("Choose at most %(count)d posts.") % {"count": MAX_ITEMS})
    allowed = set(
        selectable_posts(showcase.project).filter(pk__in=wanted).values_list("pk", flat=True)
    )
    if set(wanted) - allowed:
        raise ShowcaseError(
            _("Only approved posts of this project's board can be shown. Nothing was changed.")
        )
    with transaction.atomic():
        Showcase.objects.select_for_update().filter(pk=showcase.pk).first()
        existing = {item.post_id: item for item in showcase.items.all()}
        showcase.items.exclude(post_id__in=wanted).delete()
        items = []
        for position, post_id in enumerate(wanted, start=1):
            item = existing.get(post_id) or ShowcaseItem(showcase=showcase, post_id=post_id)
            item.order = orders.get(post_id, position)
            item.caption = captions.get(post_id, item.caption)
            item.save()
            items.append(item)
    return items


def set_consent(showcase: Showcase, *, by, choices: dict[int, tuple[bool, bool]]) -> int:
    """Consent per item: {item id: (show_names, show_faces)}. Only for items of the teacher's
    own member classes; any other item refuses the whole change. Returns how many changed."""
    if not choices:
        return 0
    own = member_classroom_ids(showcase.project) & set(by.classrooms.values_list("pk", flat=True))
    with transaction.atomic():
        items = {
            item.pk: item
            for item in ShowcaseItem.objects.select_for_update()
            .select_related("post")
            .filter(showcase=showcase, pk__in=list(choices))
        }
        if set(choices) - set(items) or any(
            item.post.classroom_id not in own for item in items.values()
        ):
            raise ShowcaseError(NOT_YOUR_CLASS)
        changed = 0
        now = timezone.now()
        for item_id, (names, faces) in choices.items():
            item = items[item_id]
            if (item.show_names, item.show_faces) == (bool(names), bool(faces)):
                continue
            item.show_names, item.show_faces = bool(names), bool(faces)
            item.consent_by, item.consent_at = by, now
            item.save(update_fields=["show_names", "show_faces", "consent_by", "consent_at"])
            changed += 1
    return changed


def publish_refusal(showcase: Showcase) -> str | None:
    project = showcase.project
    if project.status != Project.Status.COMPLETED:
        return _("Mark the project as completed before publishing its showcase.")
    if not showcase.has_final_product and not showcase.items.exists():
        return _("Choose at least one post or describe the final product before publishing.")
    return None


def manage_url(project: Project) -> str:
    return reverse("showcase_manage", args=[project.token])


def publish(showcase: Showcase, *, by) -> Showcase:
    """Publish the showcase; the first time, every member teacher hears of it (her
    certificate of participation is ready)."""
    _check_owner(showcase, by)
    with transaction.atomic():
        showcase = (
            Showcase.objects.select_for_update(of=("self",))
            .select_related("project")
            .get(pk=showcase.pk)
        )
        refusal = publish_refusal(showcase)
        if refusal:
            raise ShowcaseError(refusal)
        if showcase.published:
            return showcase
        now = timezone.now()
        showcase.status = Showcase.Status.PUBLISHED
        showcase.published_at, showcase.published_by = now, by
        announce = showcase.announced_at is None
        if announce:
            showcase.announced_at = now
        showcase.save()
        if announce:
            _announce(showcase)
    return showcase


def _announce(showcase: Showcase) -> None:
    project = showcase.project
    teachers = {
        m.classroom.teacher
        for m in project.memberships.select_related("classroom__teacher")
        if m.classroom.teacher.is_active
    }
    for teacher in sorted(teachers, key=lambda t: t.pk):
        notify(
            recipient=teacher,
            kind=Notification.Kind.SHOWCASE_PUBLISHED,
            params={"project": project.title},
            url=manage_url(project),
        )


def unpublish(showcase: Showcase, *, by) -> Showcase:
    _check_owner(showcase, by)
    with transaction.atomic():
        updated = Showcase.objects.filter(
            Q(pk=showcase.pk), Q(status=Showcase.Status.PUBLISHED)
        ).update(status=Showcase.Status.DRAFT, updated_at=timezone.now())
    if updated:
        showcase.status = Showcase.Status.DRAFT
    return showcase

"""The showcase: managed by the project's member teachers, read by anyone once published."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from orbis.board.models import Attachment, AttachmentKind
from orbis.projects.access import member_project
from orbis.uploads.processing import UploadRefused
from orbis.uploads.serving import file_response

from . import selectors, services
from .certificates import CertificateText, certificate_pdf
from .forms import GalleryFilterForm, ItemsError, ShowcaseForm, consent_choices, parse_items
from .models import Showcase

GALLERY_PAGE = 12


THUMBNAIL_TYPE = "image/webp"  # orbis/uploads makes every thumbnail a WebP
INLINE = (AttachmentKind.IMAGE, AttachmentKind.PDF, AttachmentKind.AUDIO, AttachmentKind.VIDEO)


def _serve(request, file, thumbnail, *, name: str, content_type: str, kind: str):
    """The file, or its thumbnail with ?thumb=1 (any other value: the file itself)."""
    if request.GET.get("thumb") == "1" and thumbnail:
        return file_response(thumbnail, name=name, content_type=THUMBNAIL_TYPE, inline=True)
    return file_response(
        file, name=name, content_type=content_type, inline=kind in INLINE, request=request
    )


def _serve_attachment(request, attachment: Attachment):
    return _serve(
        request,
        attachment.file,
        attachment.thumbnail,
        name=attachment.name,
        content_type=attachment.content_type,
        kind=attachment.kind,
    )


def _page(showcase: Showcase, *, preview: bool) -> dict:
    """What the public page shows (also the members' preview): one place for the rules."""
    project = showcase.project
    rows = selectors.class_rows(project)
    items = selectors.public_items(showcase)
    for public in items:
        for attachment in [*public.images, *public.files]:
            if preview:
                attachment.url = reverse(
                    "showcase_member_file", args=[project.token, attachment.pk]
                )
            else:
                attachment.url = reverse("showcase_file", args=[showcase.slug, attachment.pk])
    return {
        "showcase": showcase,
        "project": project,
        "classes": rows,
        "countries": selectors.countries_of(rows),
        "sdgs": selectors.sdg_labels(project),
        "items": items,
        "reflections": selectors.reflections(showcase),
        "preview": preview,
        "product_url": (
            reverse("showcase_member_product", args=[project.token])
            if preview
            else reverse("showcase_product", args=[showcase.slug])
        ),
    }


# ---- public ---------------------------------------------------------------------------------


@require_GET
def showcase_gallery(request):
    form = GalleryFilterForm(request.GET)
    form.is_valid()  # a hostile value drops that one filter; the valid ones still apply
    filters = form.cleaned_data
    page = Paginator(selectors.gallery(filters), GALLERY_PAGE).get_page(request.GET.get("page"))
    showcases = list(page.object_list)
    covers = selectors.covers(showcases)
    cards = []
    for showcase in showcases:
        rows = selectors.class_rows(showcase.project)
        cover = None
        if showcase.final_product_kind == AttachmentKind.IMAGE and showcase.final_product_file:
            cover = reverse("showcase_product", args=[showcase.slug]) + "?thumb=1"
        elif showcase.pk in covers:
            cover = reverse("showcase_file", args=[showcase.slug, covers[showcase.pk].pk])
            cover += "?thumb=1"
        cards.append(
            {
                "showcase": showcase,
                "project": showcase.project,
                "countries": selectors.countries_of(rows),
                "sdgs": selectors.sdg_labels(showcase.project),
                "cover": cover,
            }
        )
    return render(request, "showcase/gallery.html", {"form": form, "page": page, "cards": cards})


def _published(slug: str) -> Showcase:
    showcase = selectors.published(slug)
    if showcase is None:
        raise Http404
    return showcase


@require_GET
def showcase_public(request, slug):
    showcase = _published(slug)
    return render(request, "showcase/public.html", _page(showcase, preview=False))


@require_GET
def showcase_file(request, slug, attachment_id):
    showcase = _published(slug)
    attachment = selectors.public_attachment(showcase, attachment_id)
    if attachment is None:
        raise Http404
    return _serve_attachment(request, attachment)


def _serve_product(request, showcase: Showcase):
    if not showcase.final_product_file:
        raise Http404
    return _serve(
        request,
        showcase.final_product_file,
        showcase.final_product_thumbnail,
        name=showcase.final_product_name,
        content_type=showcase.final_product_type,
        kind=showcase.final_product_kind,
    )


@require_GET
def showcase_product(request, slug):
    return _serve_product(request, _published(slug))


# ---- for the project's teachers --------------------------------------------------------------


def _space(request, token):
    """The project, its showcase and the viewer: member teachers only (404 for the rest)."""
    project, viewer = member_project(request, token, teacher_only=True)
    try:
        showcase = services.showcase_of(project)
    except services.ShowcaseError as error:
        messages.error(request, str(error))
        raise Http404 from error
    showcase.project = project  # keeps the prefetched memberships
    return project, viewer, showcase


def _back(project):
    return redirect("showcase_manage", token=project.token)


def _owner_only(viewer):
    if not viewer.is_owner:
        raise Http404


@login_required
@require_GET
def showcase_manage(request, token):
    project, viewer, showcase = _space(request, token)
    own = viewer.classroom_ids
    posts = list(
        services.selectable_posts(project)
        .select_related("classroom", "author_teacher", "author_student")
        .prefetch_related(
            Prefetch("attachments", Attachment.objects.order_by("pk")),
        )
        .order_by("-created_at", "-pk")
    )
    items = {item.post_id: item for item in showcase.items.select_related("consent_by", "post")}
    candidates = [
        {
            "post": post,
            "item": items.get(post.pk),
            "image": next(
                (a for a in post.attachments.all() if a.kind == AttachmentKind.IMAGE), None
            ),
            "files": sum(1 for a in post.attachments.all()),
        }
        for post in posts
    ]
    chosen = sorted(
        (row for row in candidates if row["item"]), key=lambda r: (r["item"].order, r["item"].pk)
    )
    context = {
        "project": project,
        "showcase": showcase,
        "viewer": viewer,
        "owner": viewer.is_owner,
        "form": ShowcaseForm(instance=showcase) if viewer.is_owner else None,
        "candidates": candidates,
        "chosen": chosen,
        "consent_rows": [row for row in chosen if row["post"].classroom_id in own],
        "refusal": services.publish_refusal(showcase),
        "public_url": request.build_absolute_uri(reverse("showcase_public", args=[showcase.slug])),
    }
    return render(request, "showcase/manage.html", context)


@login_required
@require_POST
def showcase_edit(request, token):
    project, viewer, showcase = _space(request, token)
    _owner_only(viewer)
    form = ShowcaseForm(request.POST, request.FILES, instance=showcase)
    if not form.is_valid():
        messages.error(request, _("The showcase was not saved: see the messages below."))
        return render(
            request,
            "showcase/edit.html",
            {"project": project, "showcase": showcase, "form": form},
            status=400,
        )
    upload = form.cleaned_data.get("final_product_file")
    try:
        services.update_showcase(
            showcase,
            by=request.user,
            values=form.cleaned_data,
            upload=upload,
            remove_file=form.cleaned_data.get("remove_file", False),
        )
    except (services.ShowcaseError, UploadRefused) as error:
        form.add_error("final_product_file" if upload else None, str(error))
        return render(
            request,
            "showcase/edit.html",
            {"project": project, "showcase": showcase, "form": form},
            status=400,
        )
    messages.success(request, _("The showcase was saved."))
    return _back(project)


@login_required
@require_POST
def showcase_items(request, token):
    project, viewer, showcase = _space(request, token)
    _owner_only(viewer)
    try:
        post_ids, orders, captions = parse_items(request.POST)
        services.set_items(
            showcase, by=request.user, post_ids=post_ids, orders=orders, captions=captions
        )
    except (ItemsError, services.ShowcaseError) as error:
        messages.error(request, str(error))
        return _back(project)
    messages.success(request, _("The choice of posts was saved."))
    return _back(project)


@login_required
@require_POST
def showcase_consent(request, token):
    project, _viewer, showcase = _space(request, token)
    choices = consent_choices(request.POST)
    try:
        if choices is None:
            raise services.ShowcaseError(services.NOT_YOUR_CLASS)
        services.set_consent(showcase, by=request.user, choices=choices)
    except services.ShowcaseError as error:
        messages.error(request, str(error))
        return _back(project)
    messages.success(request, _("Your consent choices were saved."))
    return _back(project)


@login_required
@require_POST
def showcase_publish(request, token):
    project, viewer, showcase = _space(request, token)
    _owner_only(viewer)
    try:
        services.publish(showcase, by=request.user)
    except services.ShowcaseError as error:
        messages.error(request, str(error))
        return _back(project)
    messages.success(request, _("The showcase is public now."))
    return _back(project)


@login_required
@require_POST
def showcase_unpublish(request, token):
    project, viewer, showcase = _space(request, token)
    _owner_only(viewer)
    services.unpublish(showcase, by=request.user)
    messages.success(request, _("The showcase is no longer public."))
    return _back(project)


@login_required
@require_GET
def showcase_preview(request, token):
    _project, _viewer, showcase = _space(request, token)
    return render(request, "showcase/public.html", _page(showcase, preview=True))


@login_required
@require_GET
def showcase_member_file(request, token, attachment_id):
    """An attachment of a post the owner may choose, for the member teachers' pages."""
    project, _viewer, _showcase = _space(request, token)
    attachment = Attachment.objects.filter(
        pk=attachment_id, post__in=services.selectable_posts(project)
    ).first()
    if attachment is None:
        raise Http404
    return _serve_attachment(request, attachment)


@login_required
@require_GET
def showcase_member_product(request, token):
    _project, _viewer, showcase = _space(request, token)
    return _serve_product(request, showcase)


@login_required
@require_GET
def showcase_certificate(request, token):
    project, viewer, showcase = _space(request, token)
    if not showcase.published:
        messages.info(
            request, _("Certificates of participation are ready once the showcase is published.")
        )
        return _back(project)
    verify = request.build_absolute_uri(reverse("showcase_public", args=[showcase.slug]))
    pdf = certificate_pdf(certificate_text(project, viewer, verify))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificate-{slugify(project.title)[:40] or 'orbis'}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_text(project, viewer, verify_url: str) -> CertificateText:
    rows = selectors.class_rows(project)
    own = [row["classroom"].name for row in rows if row["classroom"].pk in viewer.classroom_ids]
    start = formats.date_format(project.start_date, "DATE_FORMAT")
    end = formats.date_format(project.end_date, "DATE_FORMAT")
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    return CertificateText(
        heading=_("Certificate of participation"),
        recipient=viewer.teacher.display_name or str(viewer.teacher),
        statement=_("for taking part with %(classes)s in the project")
        % {"classes": ", ".join(own)},
        title=project.title,
        classes=tuple(
            (row["classroom"].name, str(row["country"].name) if row["country"] else "")
            for row in rows
        ),
        details=(
            _("From %(start)s to %(end)s") % {"start": start, "end": end},
            _("Issued on %(date)s") % {"date": today},
            _("Check this certificate at %(url)s") % {"url": verify_url},
        ),
    )

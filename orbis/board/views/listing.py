"""The board: its cards, filters and "new since your last visit", a new post, the gallery."""

from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from orbis.projects.access import member_project
from orbis.uploads.processing import UploadRefused

from .. import selectors, services
from ..cards import CardPage
from ..forms import BoardFilterForm, PostForm, form_html
from ..models import AttachmentKind, Status
from .helpers import author_of


@require_GET
def board(request, token):
    project, viewer = member_project(request, token)
    return _board_page(request, project, viewer)


def _board_page(request, project, viewer, *, form=None):
    member_classes = [m.classroom for m in project.memberships.all()]
    writable = services.writable(project)
    filter_form = BoardFilterForm(request.GET or None, classrooms=member_classes)
    filters = filter_form.filters() if request.GET else {}
    since = selectors.visit_since(project, viewer, record=request.method == "GET")
    shown, new_count = selectors.board_counts(project, viewer, filters=filters, since=since)
    paginator = Paginator(selectors.board_posts(project, viewer, filters=filters, since=since), 20)
    paginator.count = shown  # counted above, with the new posts, in one query
    page = paginator.get_page(request.GET.get("page"))
    posts = list(page)
    counts = selectors.comment_counts(posts, viewer, since)
    for post in posts:
        post.comment_count, post.new_comment_count = counts.get(post.pk, (0, 0))
    card_page = CardPage(request, project, viewer, writable=writable)
    if form is None and writable:
        form = PostForm(
            classrooms=viewer.classrooms,
            initial={"phase": selectors.current_phase(project)},
        )
    return render(
        request,
        "board/board.html",
        {
            "project": project,
            "viewer": viewer,
            "filter_form": filter_form,
            # Rendered when the template shows them (as the include was).
            "filter_form_html": partial(form_html, filter_form),
            "filtered": bool(filters),
            "page": page,
            "card_page": card_page,
            "cards": card_page.cards(posts, selectors.reaction_bars(posts, viewer), since),
            "since": since,
            "new_count": new_count,
            "form": form if writable else None,
            "form_html": partial(form_html, form) if writable else "",
            "writable": writable,
            "waiting": _waiting_for(viewer, project),
        },
    )


def _waiting_for(viewer, project) -> int:
    return selectors.waiting_count(viewer.teacher, project) if viewer.is_teacher else 0


@require_POST
def board_post_create(request, token):
    project, viewer = member_project(request, token)
    form = PostForm(request.POST, request.FILES, classrooms=viewer.classrooms)
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(
                project=project,
                classroom=form.chosen_classroom(),
                phase=data["phase"],
                title=data["title"],
                body=data["body"],
                uploads=data["files"],
                **author_of(viewer),
            )
        except UploadRefused as error:
            form.add_error("files", str(error))
        except services.BoardError as error:
            form.add_error(None, error.message)
        else:
            if post.status == Status.PENDING:
                messages.info(request, _("Your post waits for your teacher's approval."))
            else:
                messages.success(request, _("Your post is on the board."))
            return redirect("board", project.token)
    return _board_page(request, project, viewer, form=form)


@require_GET
def board_gallery(request, token):
    project, viewer = member_project(request, token)
    kind = request.GET.get("kind", "")
    kind = kind if kind in AttachmentKind.values else ""
    found = selectors.gallery_attachments(project, viewer, kind=kind)
    page = Paginator(found, 40).get_page(request.GET.get("page"))
    return render(
        request,
        "board/gallery.html",
        {"project": project, "page": page, "kind": kind, "kinds": AttachmentKind.choices},
    )

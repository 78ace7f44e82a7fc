"""The project board. Teachers and students of member classes reach it; everyone else gets the
same 404 as for a project that does not exist. Moderation pages are for teachers only."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.classrooms.vocabulary import language_name
from orbis.projects.access import member_project
from orbis.uploads.processing import UploadRefused
from orbis.uploads.serving import file_response

from . import selectors, services, translation
from .cards import CardRenderer
from .forms import BoardFilterForm, CommentForm, FlagForm, PostForm, ReactionForm, form_html
from .models import AttachmentKind, Post, Status

# PDFs open in the browser's viewer too (file_response keeps them apart from our pages); office
# documents are always downloads.
INLINE_KINDS = {
    AttachmentKind.IMAGE,
    AttachmentKind.AUDIO,
    AttachmentKind.VIDEO,
    AttachmentKind.PDF,
}


def _author(viewer) -> dict:
    if viewer.is_teacher:
        return {"teacher": viewer.teacher}
    return {"student": viewer.student}


def _next_or(request, default: str) -> str:
    target = request.POST.get("next", "")
    # A path of this site only: redirect() takes any other word for a URL name (500).
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _post_or_404(project, viewer, post_id) -> Post:
    post = selectors.post_for(project, viewer, post_id)
    if post is None:
        raise Http404
    return post


def _card(post: Post, viewer, since, *, reactions, translated=None) -> dict:
    """A post as the viewer sees it, with what they may do with it; `reactions`, its bar
    (selectors.reaction_bars); `translated`, its cached translation when the viewer just asked
    for it."""
    teacher = viewer.teacher if viewer.is_teacher else None
    class_teacher = teacher is not None and post.classroom.teacher_id == teacher.pk
    own = (teacher is not None and post.author_teacher_id == teacher.pk) or (
        viewer.is_student and post.author_student_id == viewer.student.pk
    )
    return {
        "post": post,
        "reactions": reactions,
        "is_new": since is not None and post.created_at > since and not own,
        "new_comments": getattr(post, "new_comment_count", 0),
        "may_change": services.may_change(post, **_author(viewer)),
        "class_teacher": class_teacher,
        "may_flag": teacher is not None and not class_teacher and post.visible,
        "flagged_by_me": teacher is not None and post.flagged_by_id == teacher.pk,
        "language_name": language_name(post.language) if post.language else "",
        "translatable": translation.offered(post),
        "translation": translated,
    }


# ---- the board ---------------------------------------------------------------------------------


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
    reactions = selectors.reaction_bars(posts, viewer)
    renderer = CardRenderer(request, project, writable=writable)
    cards = []
    for post in posts:
        card = _card(post, viewer, since, reactions=reactions[post.pk])
        card["html"] = renderer.card(card)
        cards.append(card)
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
            "cards": cards,
            "since": since,
            "new_count": new_count,
            "form": form if writable else None,
            "form_html": partial(form_html, form) if writable else "",
            "writable": writable,
            "waiting": _waiting_for(viewer, project),
            "csrf_token": renderer.csrf_token,  # the cards' own: one token for the page
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
                **_author(viewer),
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


# ---- one post ----------------------------------------------------------------------------------


@require_GET
def board_post(request, token, post_id):
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    return _post_page(request, project, viewer, post)


def _post_page(request, project, viewer, post, *, comment_form=None):
    post = selectors.with_details(Post.objects.filter(pk=post.pk), viewer).get()
    since = selectors.visit_since(project, viewer, record=False)
    teacher = viewer.teacher if viewer.is_teacher else None
    comments = [
        {
            "comment": comment,
            "is_new": since is not None and comment.created_at > since,
            "class_teacher": teacher is not None and comment.classroom.teacher_id == teacher.pk,
            "may_flag": teacher is not None
            and comment.classroom.teacher_id != teacher.pk
            and comment.visible,
            "flagged_by_me": teacher is not None and comment.flagged_by_id == teacher.pk,
        }
        for comment in selectors.comments_for(post, viewer)
    ]
    writable = services.writable(project) and post.visible
    # After a translation asked for without JavaScript: show it from the cache.
    translated = None
    if request.GET.get("translated") and translation.offered(post):
        translated = translation.cached(post)
    card = _card(
        post,
        viewer,
        since,
        reactions=selectors.reaction_bars([post], viewer)[post.pk],
        translated=translated,
    )
    renderer = CardRenderer(request, project, writable=services.writable(project), detail=True)
    card["html"] = renderer.card(card)
    return render(
        request,
        "board/post_detail.html",
        {
            "project": project,
            "viewer": viewer,
            "card": card,
            "comments": comments,
            "comment_form": (comment_form or CommentForm()) if writable else None,
            "flag_form": FlagForm(),
            "writable": services.writable(project),
            "csrf_token": renderer.csrf_token,  # the card's own: one token for the page
        },
    )


@require_http_methods(["GET", "POST"])
def board_post_edit(request, token, post_id):
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    if not services.may_change(post, **_author(viewer)) or not services.writable(project):
        raise Http404
    initial = {"title": post.title, "body": post.body, "phase": post.phase}
    form = PostForm(request.POST or None, initial=initial, with_files=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        who = _author(viewer)
        try:
            post = services.post_update(
                post=post,
                phase=data["phase"],
                title=data["title"],
                body=data["body"],
                editor_teacher=who.get("teacher"),
                editor_student=who.get("student"),
            )
        except services.BoardError as error:
            form.add_error(None, error.message)
        else:
            if post.status == Status.PENDING:
                messages.info(request, _("Saved. Your post waits for your teacher's approval."))
            else:
                messages.success(request, _("Saved."))
            return redirect("board_post", project.token, post.pk)
    return render(request, "board/post_form.html", {"project": project, "post": post, "form": form})


@require_http_methods(["GET", "POST"])
def board_post_delete(request, token, post_id):
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    if not services.may_change(post, **_author(viewer)):
        raise Http404
    if request.method == "POST":
        services.post_delete(post=post, **_author(viewer))
        messages.success(request, _("The post was deleted."))
        return redirect("board", project.token)
    return render(request, "board/post_confirm_delete.html", {"project": project, "post": post})


@require_POST
def board_comment(request, token, post_id):
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_create(
                post=post,
                starter=form.cleaned_data["starter"],
                body=form.cleaned_data["body"],
                **_author(viewer),
            )
        except services.BoardError as error:
            form.add_error(None, error.message)
        else:
            if comment.status == Status.PENDING:
                messages.info(request, _("Your comment waits for your teacher's approval."))
            else:
                messages.success(request, _("Your comment is posted."))
            return redirect(reverse("board_post", args=[project.token, post.pk]) + "#comments")
    return _post_page(request, project, viewer, post, comment_form=form)


@require_POST
def board_post_translate(request, token, post_id):
    """The post in the viewer's language, from the cache or the translation service: swapped
    in place by htmx, or shown on the post's page after a redirect (without JavaScript)."""
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    translated, error = None, None
    try:
        translated = translation.translate_post(post, viewer)
    except translation.TranslationError as refused:
        error = refused.message
    if request.headers.get("HX-Request"):
        return render(
            request,
            "board/_translation.html",
            {"project": project, "post": post, "translation": translated, "error": error},
        )
    address = reverse("board_post", args=[project.token, post.pk])
    if error:
        messages.error(request, error)
        return redirect(f"{address}#post-{post.pk}")
    return redirect(f"{address}?translated=1#translation-{post.pk}")


@require_POST
def board_react(request, token, post_id):
    project, viewer = member_project(request, token)
    post = _post_or_404(project, viewer, post_id)
    form = ReactionForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose one of the reactions shown.")
    else:
        try:
            services.reaction_toggle(post=post, kind=form.cleaned_data["kind"], **_author(viewer))
        except services.BoardError as refused:
            error = refused.message
    if request.headers.get("HX-Request"):
        renderer = CardRenderer(
            request,
            project,
            writable=services.writable(project),
            # Without htmx after all (a later no-JS submit), come back to the post.
            back=reverse("board_post", args=[project.token, post.pk]),
        )
        bar = selectors.reaction_bars([post], viewer)[post.pk]
        return HttpResponse(renderer.reactions(post, bar, error=error))
    if error:
        messages.error(request, error)
    default = reverse("board_post", args=[project.token, post.pk])
    return redirect(_next_or(request, default))


# ---- files -------------------------------------------------------------------------------------


def _attachment(request, token, attachment_id):
    project, viewer = member_project(request, token)
    attachment = selectors.attachment_for(project, viewer, attachment_id)
    if attachment is None:
        raise Http404
    return attachment


@require_GET
def board_file(request, token, attachment_id):
    attachment = _attachment(request, token, attachment_id)
    return file_response(
        attachment.file,
        name=attachment.name,
        content_type=attachment.content_type,
        inline=attachment.kind in INLINE_KINDS,
        request=request,
    )


@require_GET
def board_thumbnail(request, token, attachment_id):
    attachment = _attachment(request, token, attachment_id)
    if not attachment.thumbnail:
        raise Http404
    return file_response(
        attachment.thumbnail,
        name=f"thumbnail-{attachment.pk}.webp",
        content_type="image/webp",
        inline=True,
        request=request,
    )


# ---- moderation (teachers) --------------------------------------------------------------------


@login_required
@require_GET
def board_queue(request, token):
    project, viewer = member_project(request, token, teacher_only=True)
    return render(
        request,
        "board/queue.html",
        {
            "project": project,
            "items": selectors.queue_items(viewer.teacher, project),
            "flag_form": FlagForm(),
        },
    )


@login_required
@require_GET
def board_queue_all(request):
    return render(
        request,
        "board/queue.html",
        {"project": None, "items": selectors.queue_items(request.user)},
    )


def _item(request, token, kind, item_id):
    """A post or comment of the project that this teacher may see, else 404."""
    project, viewer = member_project(request, token, teacher_only=True)
    if kind == "post":
        item = selectors.post_for(project, viewer, item_id)
    elif kind == "comment":
        item = selectors.comment_for(project, viewer, item_id)
    else:
        item = None
    if item is None:
        raise Http404
    return project, viewer, item


def _moderate(request, token, kind, item_id, action, done: str):
    project, viewer, item = _item(request, token, kind, item_id)
    try:
        action(item=item, teacher=viewer.teacher)
    except services.BoardError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(_next_or(request, reverse("board_queue", args=[project.token])))


@login_required
@require_POST
def board_approve(request, token, kind, item_id):
    return _moderate(
        request, token, kind, item_id, services.item_approve, _("Approved: everyone sees it now.")
    )


@login_required
@require_POST
def board_reject(request, token, kind, item_id):
    return _moderate(
        request,
        token,
        kind,
        item_id,
        services.item_reject,
        _("Not approved: only its author sees it, marked as not approved."),
    )


@login_required
@require_POST
def board_flag(request, token, kind, item_id):
    project, viewer, item = _item(request, token, kind, item_id)
    form = FlagForm(request.POST)
    target = item.pk if isinstance(item, Post) else item.post_id
    default = reverse("board_post", args=[project.token, target])
    if not form.is_valid():
        messages.error(request, _("Say in a few words what is wrong, for the class's teacher."))
        return redirect(_next_or(request, default))
    try:
        services.item_flag(item=item, teacher=viewer.teacher, reason=form.cleaned_data["reason"])
    except services.BoardError as error:
        messages.error(request, error.message)
        return redirect(_next_or(request, default))
    messages.success(
        request, _("Flagged: it is hidden until the teacher of its class restores or removes it.")
    )
    return redirect("board", project.token)


@login_required
@require_POST
def board_flag_decide(request, token, kind, item_id):
    project, viewer, item = _item(request, token, kind, item_id)
    outcome = request.POST.get("outcome", "")
    try:
        services.flag_decide(item=item, teacher=viewer.teacher, outcome=outcome)
    except services.BoardError as error:
        messages.error(request, error.message)
    else:
        if outcome == services.REMOVED:
            messages.success(request, _("Removed: only its author sees it now."))
        else:
            messages.success(request, _("Restored: it is shown on the board again."))
    return redirect(_next_or(request, reverse("board_queue", args=[project.token])))

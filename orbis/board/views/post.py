"""A post's page (its card, comments and flag form), editing and deleting the post."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from orbis.projects.access import member_project

from .. import selectors, services, translation
from ..cards import CardPage
from ..forms import CommentForm, FlagForm, PostForm
from ..models import Post, Status
from .helpers import author_of, post_or_404


@require_GET
def board_post(request, token, post_id):
    project, viewer = member_project(request, token)
    post = post_or_404(project, viewer, post_id)
    return post_page(request, project, viewer, post)


def post_page(request, project, viewer, post, *, comment_form=None):
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
    writable = services.writable(project)
    # After a translation asked for without JavaScript: show it from the cache.
    translated = None
    if request.GET.get("translated") and translation.offered(post):
        translated = translation.cached(post)
    card_page = CardPage(request, project, viewer, writable=writable, detail=True)
    reactions = selectors.reaction_bars([post], viewer)[post.pk]
    return render(
        request,
        "board/post_detail.html",
        {
            "project": project,
            "viewer": viewer,
            "card_page": card_page,
            "card": card_page.card(post, since, reactions=reactions, translated=translated),
            "comments": comments,
            "comment_form": (comment_form or CommentForm()) if writable and post.visible else None,
            "flag_form": FlagForm(),
            "writable": writable,
        },
    )


@require_http_methods(["GET", "POST"])
def board_post_edit(request, token, post_id):
    project, viewer = member_project(request, token)
    post = post_or_404(project, viewer, post_id)
    if not services.may_change(post, **author_of(viewer)) or not services.writable(project):
        raise Http404
    initial = {"title": post.title, "body": post.body, "phase": post.phase}
    form = PostForm(request.POST or None, initial=initial, with_files=False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        who = author_of(viewer)
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
    post = post_or_404(project, viewer, post_id)
    if not services.may_change(post, **author_of(viewer)):
        raise Http404
    if request.method == "POST":
        services.post_delete(post=post, **author_of(viewer))
        messages.success(request, _("The post was deleted."))
        return redirect("board", project.token)
    return render(request, "board/post_confirm_delete.html", {"project": project, "post": post})

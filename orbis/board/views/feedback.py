"""Comments and reactions. A reaction sent by htmx gets the post's reaction bar back (the
board's "reactions" partial); without JavaScript, a redirect to where it was sent from."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orbis.projects.access import member_project
from orbis.web.htmx import is_htmx

from .. import selectors, services
from ..cards import CardPage
from ..forms import CommentForm, ReactionForm
from ..models import Status
from .helpers import author_of, next_or, post_or_404
from .post import post_page


@require_POST
def board_comment(request, token, post_id):
    project, viewer = member_project(request, token)
    post = post_or_404(project, viewer, post_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_create(
                post=post,
                starter=form.cleaned_data["starter"],
                body=form.cleaned_data["body"],
                **author_of(viewer),
            )
        except services.BoardError as error:
            form.add_error(None, error.message)
        else:
            if comment.status == Status.PENDING:
                messages.info(request, _("Your comment waits for your teacher's approval."))
            else:
                messages.success(request, _("Your comment is posted."))
            return redirect(reverse("board_post", args=[project.token, post.pk]) + "#comments")
    return post_page(request, project, viewer, post, comment_form=form)


@require_POST
def board_react(request, token, post_id):
    project, viewer = member_project(request, token)
    post = post_or_404(project, viewer, post_id)
    form = ReactionForm(request.POST)
    error = None
    if not form.is_valid():
        error = _("Choose one of the reactions shown.")
    else:
        try:
            services.reaction_toggle(post=post, kind=form.cleaned_data["kind"], **author_of(viewer))
        except services.BoardError as refused:
            error = refused.message
    post_address = reverse("board_post", args=[project.token, post.pk])
    if is_htmx(request):
        card_page = CardPage(
            request,
            project,
            viewer,
            writable=services.writable(project),
            # Without htmx after all (a later no-JS submit), come back to the post.
            back=post_address,
        )
        reactions = selectors.reaction_bars([post], viewer)[post.pk]
        return render(
            request,
            "board/board.html#reactions",
            {"card_page": card_page, "bar": card_page.bar(post, reactions), "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect(next_or(request, post_address))

"""A post in the viewer's language, from the cache or the translation service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orbis.projects.access import member_project
from orbis.web.htmx import is_htmx

from .. import translation
from .helpers import post_or_404


@require_POST
def board_post_translate(request, token, post_id):
    """Swapped in place by htmx (the board's "translation" partial), or shown on the post's
    page after a redirect (without JavaScript)."""
    project, viewer = member_project(request, token)
    post = post_or_404(project, viewer, post_id)
    translated, error = None, None
    try:
        translated = translation.translate_post(post, viewer)
    except translation.TranslationError as refused:
        error = refused.message
    if is_htmx(request):
        return render(
            request,
            "board/board.html#translation",
            {"project": project, "post": post, "translation": translated, "error": error},
        )
    address = reverse("board_post", args=[project.token, post.pk])
    if error:
        messages.error(request, error)
        return redirect(f"{address}#post-{post.pk}")
    return redirect(f"{address}?translated=1#translation-{post.pk}")

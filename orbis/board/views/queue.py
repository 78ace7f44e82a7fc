"""What waits for a class's teacher (her students' items, her classes' flagged items) and her
decisions; a partner teacher's flag."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from orbis.projects.access import member_project

from .. import selectors, services
from ..forms import FlagForm
from ..models import Post
from .helpers import next_or


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
    return redirect(next_or(request, reverse("board_queue", args=[project.token])))


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
        return redirect(next_or(request, default))
    try:
        services.item_flag(item=item, teacher=viewer.teacher, reason=form.cleaned_data["reason"])
    except services.BoardError as error:
        messages.error(request, error.message)
        return redirect(next_or(request, default))
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
    return redirect(next_or(request, reverse("board_queue", args=[project.token])))

"""Joining a project: a teacher's request, its answer by the project's editors (or withdrawal
by the teacher who asked), the member classes' roles and leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import viewer_for, visible_project
from ..forms import JoinForm
from ..models import JoinRequest
from ..services import ProjectError
from ..services.membership import (
    join_request_accept,
    join_request_create,
    join_request_decline,
    join_request_withdraw,
    leave,
    set_role,
)


@login_required
@require_POST
def project_join(request, token):
    project, _viewer = visible_project(request, token)
    form = JoinForm(request.POST, teacher=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your classrooms to join with."))
        return redirect("project_detail", token=project.token)
    try:
        join_request_create(
            teacher=request.user,
            project=project,
            classroom=form.cleaned_data["classroom"],
            message=form.cleaned_data["message"],
        )
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request is sent. The owner will answer soon."))
    return redirect("project_detail", token=project.token)


def _answer(request, join_id, action, success):
    join = get_object_or_404(JoinRequest.objects.select_related("project", "classroom"), pk=join_id)
    # A request is answered by the project's editors and withdrawn by the teacher who asked;
    # to anyone else it doesn't exist (the redirect below would give away the project's link).
    withdraw = action is join_request_withdraw
    if withdraw:
        involved = join.classroom.teacher_id == request.user.pk
    else:
        involved = viewer_for(request, join.project).can_edit
    if not involved:
        raise Http404
    try:
        action(join_id, by=request.user)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    if withdraw:
        return redirect("project_mine")
    return redirect(reverse("project_detail", args=[join.project.token]) + "#classes")


@login_required
@require_POST
def join_accept(request, join_id):
    return _answer(
        request,
        join_id,
        join_request_accept,
        _("The class joined the project. Check the dates that clash with its calendar."),
    )


@login_required
@require_POST
def join_decline(request, join_id):
    return _answer(request, join_id, join_request_decline, _("The request is declined."))


@login_required
@require_POST
def join_withdraw(request, join_id):
    return _answer(request, join_id, join_request_withdraw, _("Your request is withdrawn."))


@login_required
@require_POST
def member_role(request, token, membership_id):
    project, _viewer = visible_project(request, token)
    try:
        set_role(project, membership_id, request.POST.get("role", ""), by=request.user)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role is changed."))
    return redirect(reverse("project_detail", args=[project.token]) + "#classes")


@login_required
@require_POST
def member_leave(request, token, membership_id):
    project, _viewer = visible_project(request, token)
    try:
        leave(project, membership_id, by=request.user)
    except ProjectError as error:
        messages.error(request, str(error))
        return redirect("project_detail", token=project.token)
    messages.success(request, _("Your class left the project."))
    return redirect("project_mine")

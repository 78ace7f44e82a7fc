"""Editing the plan: its activities, milestones and suggested sessions, marking an activity
done, regenerating a phase, and moving dates onto days every school is open."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from orbis.vocabulary import Phase

from ..access import visible_project
from ..forms import ActivityForm, MilestoneForm, SuggestedSessionForm
from ..models import Activity, Milestone, SuggestedSession
from ..services import ProjectError
from ..services.plans import refresh_dates, regenerate_phase, shift_clashing_dates

ITEMS = {
    "activity": (Activity, ActivityForm),
    "milestone": (Milestone, MilestoneForm),
    "session": (SuggestedSession, SuggestedSessionForm),
}


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, token, kind, item_id=None):
    project, _viewer = visible_project(request, token, editor=True)
    if kind not in ITEMS:
        raise Http404
    model, form_class = ITEMS[kind]
    item = get_object_or_404(model, pk=item_id, project=project) if item_id else None
    initial = {}
    if item is None:
        phase = request.GET.get("phase")
        initial = {
            "phase": phase if phase in Phase.values else Phase.EXECUTION,
            form_class.date_field: project.start_date,
        }
    form = form_class(request.POST or None, instance=item, initial=initial, project=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.project = project
            saved.edited = True
            if kind == "activity" and item is None:
                saved.order = project.activities.filter(phase=saved.phase).count()
            saved.save()
            refresh_dates(project)
        messages.success(request, _("The plan is saved."))
        return redirect(reverse("project_detail", args=[project.token]) + f"#phase-{saved.phase}")
    return render(
        request,
        "projects/item_form.html",
        {"form": form, "project": project, "kind": kind, "item": item},
    )


@login_required
@require_POST
def item_delete(request, token, kind, item_id):
    project, _viewer = visible_project(request, token, editor=True)
    if kind not in ITEMS:
        raise Http404
    item = get_object_or_404(ITEMS[kind][0], pk=item_id, project=project)
    with transaction.atomic():
        item.delete()
        refresh_dates(project)
    messages.success(request, _("Removed from the plan."))
    return redirect(reverse("project_detail", args=[project.token]) + f"#phase-{item.phase}")


@login_required
@require_POST
def activity_done(request, token, item_id):
    project, viewer = visible_project(request, token)
    if not viewer.is_member:
        raise Http404
    activity = get_object_or_404(Activity, pk=item_id, project=project)
    activity.done = request.POST.get("done") == "1"
    activity.save(update_fields=["done"])
    return redirect(reverse("project_detail", args=[project.token]) + f"#activity-{activity.pk}")


@login_required
@require_POST
def phase_regenerate(request, token, phase):
    project, _viewer = visible_project(request, token, editor=True)
    if phase not in Phase.values:
        raise Http404
    try:
        regenerate_phase(project, phase)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The %(phase)s phase is regenerated; the other phases are unchanged.")
            % {"phase": Phase(phase).label},
        )
    return redirect(reverse("project_detail", args=[project.token]) + f"#phase-{phase}")


@login_required
@require_POST
def dates_shift(request, token):
    project, _viewer = visible_project(request, token, editor=True)
    moved = shift_clashing_dates(project)
    if moved:
        messages.success(
            request, _("%(count)d dates moved to days all schools are open.") % {"count": moved}
        )
    else:
        messages.info(request, _("No date clashes with a school's calendar."))
    return redirect(reverse("project_detail", args=[project.token]) + "#clashes")

"""The project listing (every listed project, with filters) and a teacher's own projects."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors
from ..forms import ProjectFilterForm
from ..models import JoinRequest, Project

CARD_LABELS = ("approach", "project_type", "status")


def _card_labels(projects: list[Project]) -> list[Project]:
    """Sets `labels` on each project: the display names of its CARD_LABELS fields."""
    # get_FOO_display translates every choice of its field at each call; looking the value up
    # in the choices read once per request translates one label per card.
    choices = {name: dict(Project._meta.get_field(name).flatchoices) for name in CARD_LABELS}
    for project in projects:
        values = {name: getattr(project, name) for name in CARD_LABELS}
        project.labels = {name: choices[name].get(value, value) for name, value in values.items()}
    return projects


@login_required
@require_GET
def project_list(request):
    form = ProjectFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.project_search(filters), 20).get_page(request.GET.get("page"))
    # No match: the page is empty, nothing to read.
    shown = list(selectors.shown_page(page.object_list)) if page.paginator.count else []
    page.object_list = _card_labels(shown)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/project_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def project_mine(request):
    projects = selectors.projects_of(request.user).select_related("owner")
    sent = JoinRequest.objects.filter(
        classroom__teacher=request.user, status=JoinRequest.Status.PENDING
    ).select_related("project", "classroom")
    return render(request, "projects/project_mine.html", {"projects": projects, "sent": sent})

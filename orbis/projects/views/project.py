"""The project page (its classes, phases, timeline and date clashes), its calendar file, and
editing the project's details and status."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.vocabulary import PHASE_PURPOSE, ActivityKind, Phase

from ..access import visible_project
from ..calendar_export import project_calendar
from ..explain import reason_texts
from ..forms import JoinForm, ProjectForm
from ..models import JoinRequest, Membership, Project
from ..selectors import open_requests_for
from ..services import ProjectError
from ..services.membership import partner_count
from ..services.plans import clashes, move_plan, schools_without_terms
from ..services.status import TRANSITIONS, change_status, transition_refusal
from ..timeline import timeline_context


def _local_now(school) -> datetime | None:
    """The wall-clock time at the school now, naive: the date and time filters would turn an
    aware datetime back into the active time zone (the server's), whatever its own zone."""
    try:
        zone = ZoneInfo(school.time_zone) if school else None
    except (KeyError, ValueError):
        return None
    return timezone.now().astimezone(zone).replace(tzinfo=None) if zone else None


def _flag(code: str) -> str:
    code = (code or "").upper()
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code)


def _phases(project: Project) -> list[dict]:
    activities = list(project.activities.all())
    milestones = list(project.milestones.all())
    sessions = list(project.sessions.all())
    today = timezone.localdate()
    rows = []
    for key, label in Phase.choices:
        own = [a for a in activities if a.phase == key]
        done = sum(1 for a in own if a.done)
        dates = [a.due_date for a in own]
        rows.append(
            {
                "key": key,
                "label": label,
                "purpose": PHASE_PURPOSE[key],
                "activities": own,
                "milestones": [m for m in milestones if m.phase == key],
                "sessions": [s for s in sessions if s.phase == key],
                "done": done,
                "total": len(own),
                "percent": round(100 * done / len(own)) if own else 0,
                "starts": min(dates) if dates else None,
                "ends": max(dates) if dates else None,
                "overdue": sum(1 for a in own if not a.done and a.due_date < today),
            }
        )
    return rows


def _closed_reason(reason: str) -> str:
    if reason == "weekend":
        return _("weekend")
    if reason == "break":
        return _("school break")
    if reason.startswith("holiday: "):
        return _("public holiday: %(name)s") % {"name": reason.removeprefix("holiday: ")}
    return reason


@login_required
@require_GET
def project_detail(request, token):
    project, viewer = visible_project(request, token)
    # The phases, the clash check and the timeline all read the plan's items: load them once.
    prefetch_related_objects([project], "activities", "milestones", "sessions")
    editor = viewer.can_edit
    # Labels looked up once here: get_FOO_display translates every choice on each call.
    roles = dict(Membership.Role.choices)
    kinds = dict(ActivityKind.choices)
    for activity in project.activities.all():
        activity.kind_label = kinds.get(activity.kind, activity.kind)
    classes = [
        {
            "membership": m,
            "role": roles.get(m.role, m.role),
            "classroom": m.classroom,
            "school": m.classroom.teacher.school,
            "flag": _flag(m.classroom.teacher.school.country.code)
            if m.classroom.teacher.school
            else "",
            "now": _local_now(m.classroom.teacher.school),
        }
        for m in project.memberships.all()
    ]
    own_rooms = request.user.classrooms.exclude(
        pk__in=[m.classroom_id for m in project.memberships.all()]
    )
    join_form = None
    pending = None
    if not viewer.is_member and project.status == Project.Status.OPEN and own_rooms.exists():
        pending = JoinRequest.objects.filter(
            project=project, classroom__teacher=request.user, status=JoinRequest.Status.PENDING
        ).first()
        join_form = JoinForm(teacher=request.user)
        join_form.fields["classroom"].queryset = own_rooms
    clash_rows = [
        {**vars(clash), "reason_text": _closed_reason(clash.reason)}
        for clash in (clashes(project) if viewer.is_member else [])
    ]
    unknown = schools_without_terms(project) if viewer.is_member else []
    timeline = timeline_context(project)
    if timeline:
        # Each bar with its phase's name, rather than a search of the names for every bar.
        labels = timeline["labels"]
        timeline["bars"] = [(bar, labels[bar.key]) for bar in timeline["layout"].phases]
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "member": viewer.is_member,
            "editor": editor,
            "owner": project.owner_id == request.user.pk,
            "classes": classes,
            "phases": _phases(project),
            "partners": partner_count(project),
            "requests": open_requests_for(project) if editor else [],
            "join_form": join_form,
            "pending": pending,
            "clashes": clash_rows,
            # Schools whose breaks are unknown: the page must not claim every date is a school day.
            "unknown_terms": unknown,
            "unknown_names": ", ".join(school.name for school in unknown),
            "own_terms_unknown": any(s.pk == request.user.school_id for s in unknown),
            "reasons": reason_texts(project.template_reasons),
            # Once the Reflection tab is opened its prompts (edited there) replace the plan's.
            "reflection_prompts": [p.text for p in project.reflection_prompt_set.all()]
            or project.reflection_prompts,
            "timeline": timeline,
            "next_statuses": [
                (status, transition_refusal(project, status))
                for status in TRANSITIONS[Project.Status(project.status)]
            ]
            if editor
            else [],
        },
    )


@login_required
@require_GET
def project_ics(request, token):
    project, _viewer = visible_project(request, token)
    response = HttpResponse(project_calendar(project), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="orbis-project-{project.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, token):
    project, _viewer = visible_project(request, token, editor=True)
    old_start = project.start_date
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            moved = (form.instance.start_date - old_start).days
            # The plan moves as a whole: the end date goes along, so it never precedes the start.
            form.instance.end_date += timedelta(days=moved)
            project = form.save()
            if moved:
                move_plan(project, moved)
        messages.success(request, _("The project is saved."))
        return redirect("project_detail", token=project.token)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_status(request, token):
    project, _viewer = visible_project(request, token, editor=True)
    try:
        change_status(project, request.POST.get("status", ""), by=request.user)
    except ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The project's status is changed."))
    return redirect("project_detail", token=project.token)

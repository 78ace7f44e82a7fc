from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.core.plans import generator

from . import selectors, services
from .calendar_export import project_calendar
from .explain import reason_texts
from .forms import (
    STEPS,
    ActivityForm,
    JoinForm,
    MilestoneForm,
    ProjectFilterForm,
    ProjectForm,
    SessionForm,
)
from .models import Activity, JoinRequest, Membership, Milestone, Project, SuggestedSession
from .timeline import timeline_context
from .vocabulary import PHASE_PURPOSE, ActivityKind, Phase

ASSISTANT = "project_assistant"  # session key of the assistant's answers
STEP_KEYS = [key for key, _form, _label in STEPS]


def _project(request, token, *, edit=False) -> Project:
    project = get_object_or_404(
        Project.objects.select_related("owner__school").prefetch_related(
            Prefetch(
                "memberships",
                Membership.objects.select_related("classroom__teacher__school"),
            )
        ),
        token=token,
    )
    allowed = services.can_edit(project, request.user) if edit else None
    if not services.can_view(project, request.user) or allowed is False:
        raise Http404
    return project


# Listing ------------------------------------------------------------------------------------


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
    projects = services.projects_of(request.user).select_related("owner")
    sent = JoinRequest.objects.filter(
        classroom__teacher=request.user, status=JoinRequest.Status.PENDING
    ).select_related("project", "classroom")
    return render(request, "projects/project_mine.html", {"projects": projects, "sent": sent})


# The assistant ------------------------------------------------------------------------------


def _answers(request) -> dict:
    answers = request.session.get(ASSISTANT)
    return answers if isinstance(answers, dict) else {}


def _step_initial(request, key: str) -> dict:
    answers = _answers(request)
    teacher = request.user
    classroom = teacher.classrooms.filter(pk=answers.get("classroom")).first()
    classroom = classroom or teacher.classrooms.order_by("name", "pk").first()
    defaults = {
        "class": {
            "classroom": classroom.pk,
            "age_min": classroom.age_min,
            "age_max": classroom.age_max,
            "subject": (classroom.subjects or [""])[0],
        },
        "goals": {"sdgs": classroom.sdgs[:3], "competencies": ["intercultural-communication"]},
        "time": {
            "weeks": 0,
            "mode": classroom.exchange_mode,
            "start": timezone.localdate() + timedelta(days=7),
        },
        "languages": {
            "languages": classroom.languages,
            "text_language": "es" if (request.LANGUAGE_CODE or "").startswith("es") else "en",
            "max_partners": 2,
        },
    }[key]
    return {**defaults, **{k: v for k, v in answers.items() if k in defaults}}


def _guard(request):
    if request.user.school_id is None or not request.user.classrooms.exists():
        messages.info(
            request, _("Add your school and a classroom first: a project is for a class.")
        )
        return redirect("dashboard" if request.user.school_id else "school_detail")
    return None


@login_required
@require_GET
def assistant_start(request):
    if (blocked := _guard(request)) is not None:
        return blocked
    if request.GET.get("restart"):
        request.session.pop(ASSISTANT, None)
    return redirect("project_assistant", step=STEP_KEYS[0])


def _serialise(key: str, cleaned: dict) -> dict:
    values = dict(cleaned)
    if key == "class":
        values["classroom"] = values["classroom"].pk
    if key == "time":
        values["start"] = values["start"].isoformat()
    return values


@login_required
@require_http_methods(["GET", "POST"])
def assistant_step(request, step):
    if (blocked := _guard(request)) is not None:
        return blocked
    if step not in STEP_KEYS:
        raise Http404
    index = STEP_KEYS.index(step)
    missing = next((k for k in STEP_KEYS[:index] if not _answers(request).get(f"done_{k}")), None)
    if missing:
        return redirect("project_assistant", step=missing)
    form_class = STEPS[index][1]
    kwargs = {"teacher": request.user} if step == "class" else {}
    if request.method == "POST":
        form = form_class(request.POST, **kwargs)
        if form.is_valid():
            answers = _answers(request)
            answers.update(_serialise(step, form.cleaned_data), **{f"done_{step}": True})
            request.session[ASSISTANT] = answers
            following = STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None
            if following:
                return redirect("project_assistant", step=following)
            return redirect("project_assistant_preview")
    else:
        form = form_class(initial=_step_initial(request, step), **kwargs)
    response = render(
        request,
        "projects/assistant_step.html",
        {"form": form, "step": step, "steps": _step_links(request, step), "number": index + 1},
    )
    if request.headers.get("HX-Request"):
        response["HX-Push-Url"] = request.path
    return response


def _step_links(request, current: str) -> list[dict]:
    answers = _answers(request)
    return [
        {
            "key": key,
            "label": label,
            "current": key == current,
            "done": bool(answers.get(f"done_{key}")),
            "url": reverse("project_assistant", kwargs={"step": key}),
        }
        for key, _form, label in STEPS
    ]


def _assistant_plan(request):
    """(answers, classroom, plan) from the session, or a redirect to the first step missing."""
    answers = _answers(request)
    missing = next((k for k in STEP_KEYS if not answers.get(f"done_{k}")), None)
    if missing:
        return None, redirect("project_assistant", step=missing)
    classroom = request.user.classrooms.filter(pk=answers["classroom"]).first()
    if classroom is None:
        return None, redirect("project_assistant", step="class")
    if date.fromisoformat(answers["start"]) < timezone.localdate():
        messages.error(request, _("The start date is in the past: choose today or later."))
        return None, redirect("project_assistant", step="time")
    calendar = services.school_calendar_of(request.user.school)
    plan_request = services.plan_request_from_answers(answers, [calendar])
    try:
        plan = generator.generate_plan(plan_request)
    except generator.PlanError as error:
        messages.error(request, str(error))
        return None, redirect("project_assistant", step="time")
    return (answers, classroom, plan), None


@login_required
@require_http_methods(["GET", "POST"])
def assistant_preview(request):
    if (blocked := _guard(request)) is not None:
        return blocked
    found, redirection = _assistant_plan(request)
    if redirection is not None:
        return redirection
    answers, classroom, plan = found
    if request.method == "POST":
        plain = {k: v for k, v in answers.items() if not k.startswith("done_")}
        try:
            project = services.project_create_from_plan(
                owner=request.user,
                classroom=classroom,
                answers=plain,
                plan=plan,
                max_partners=answers.get("max_partners", 2),
            )
        except services.ProjectError as error:
            messages.error(request, str(error))
            return redirect("project_assistant_preview")
        request.session.pop(ASSISTANT, None)
        messages.success(
            request,
            _("Your plan is ready as a draft. Edit anything, then open it for partners."),
        )
        return redirect("project_detail", token=project.token)
    response = render(
        request,
        "projects/assistant_preview.html",
        {
            "plan": plan,
            "classroom": classroom,
            "reasons": reason_texts([[r.kind, r.value] for r in plan.reasons]),
            "steps": _step_links(request, "preview"),
            "phases": [(Phase(phase.key).label, phase) for phase in plan.phases],
        },
    )
    if request.headers.get("HX-Request"):
        response["HX-Push-Url"] = request.path
    return response


# The project page ---------------------------------------------------------------------------


def _local_now(school) -> datetime | None:
    try:
        return timezone.now().astimezone(ZoneInfo(school.time_zone)) if school else None
    except (KeyError, ValueError):
        return None


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
    project = _project(request, token)
    # The phases, the clash check and the timeline all read the plan's items: load them once.
    prefetch_related_objects([project], "activities", "milestones", "sessions")
    membership = services.membership_of(project, request.user)
    editor = services.can_edit(project, request.user)
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
    if membership is None and project.status == Project.Status.OPEN and own_rooms.exists():
        pending = JoinRequest.objects.filter(
            project=project, classroom__teacher=request.user, status=JoinRequest.Status.PENDING
        ).first()
        join_form = JoinForm(teacher=request.user)
        join_form.fields["classroom"].queryset = own_rooms
    clashes = [
        {**vars(clash), "reason_text": _closed_reason(clash.reason)}
        for clash in (services.clashes(project) if membership else [])
    ]
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
            "membership": membership,
            "editor": editor,
            "owner": project.owner_id == request.user.pk,
            "classes": classes,
            "phases": _phases(project),
            "partners": services.partner_count(project),
            "requests": services.open_requests_for(project) if editor else [],
            "join_form": join_form,
            "pending": pending,
            "clashes": clashes,
            "reasons": reason_texts(project.template_reasons),
            # Once the Reflection tab is opened its prompts (edited there) replace the plan's.
            "reflection_prompts": [p.text for p in project.reflection_prompt_set.all()]
            or project.reflection_prompts,
            "timeline": timeline,
            "next_statuses": [
                (status, services.transition_refusal(project, status))
                for status in services.TRANSITIONS[Project.Status(project.status)]
            ]
            if editor
            else [],
        },
    )


@login_required
@require_GET
def project_ics(request, token):
    project = _project(request, token)
    response = HttpResponse(project_calendar(project), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="orbis-project-{project.pk}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, token):
    project = _project(request, token, edit=True)
    old_start = project.start_date
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            moved = (form.instance.start_date - old_start).days
            # The plan moves as a whole: the end date goes along, so it never precedes the start.
            form.instance.end_date += timedelta(days=moved)
            project = form.save()
            if moved:
                services.move_plan(project, moved)
        messages.success(request, _("The project is saved."))
        return redirect("project_detail", token=project.token)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_status(request, token):
    project = _project(request, token, edit=True)
    try:
        services.change_status(project, request.POST.get("status", ""), by=request.user)
    except services.ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The project's status is changed."))
    return redirect("project_detail", token=project.token)


# Plan items ---------------------------------------------------------------------------------

ITEMS = {
    "activity": (Activity, ActivityForm),
    "milestone": (Milestone, MilestoneForm),
    "session": (SuggestedSession, SessionForm),
}


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, token, kind, item_id=None):
    project = _project(request, token, edit=True)
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
            services.refresh_dates(project)
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
    project = _project(request, token, edit=True)
    if kind not in ITEMS:
        raise Http404
    item = get_object_or_404(ITEMS[kind][0], pk=item_id, project=project)
    with transaction.atomic():
        item.delete()
        services.refresh_dates(project)
    messages.success(request, _("Removed from the plan."))
    return redirect(reverse("project_detail", args=[project.token]) + f"#phase-{item.phase}")


@login_required
@require_POST
def activity_done(request, token, item_id):
    project = _project(request, token)
    if services.membership_of(project, request.user) is None:
        raise Http404
    activity = get_object_or_404(Activity, pk=item_id, project=project)
    activity.done = request.POST.get("done") == "1"
    activity.save(update_fields=["done"])
    return redirect(reverse("project_detail", args=[project.token]) + f"#activity-{activity.pk}")


@login_required
@require_POST
def phase_regenerate(request, token, phase):
    project = _project(request, token, edit=True)
    if phase not in Phase.values:
        raise Http404
    try:
        services.regenerate_phase(project, phase)
    except services.ProjectError as error:
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
    project = _project(request, token, edit=True)
    moved = services.shift_clashing_dates(project)
    if moved:
        messages.success(
            request, _("%(count)d dates moved to days all schools are open.") % {"count": moved}
        )
    else:
        messages.info(request, _("No date clashes with a school's calendar."))
    return redirect(reverse("project_detail", args=[project.token]) + "#clashes")


# Joining and members ------------------------------------------------------------------------


@login_required
@require_POST
def project_join(request, token):
    project = _project(request, token)
    form = JoinForm(request.POST, teacher=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose one of your classrooms to join with."))
        return redirect("project_detail", token=project.token)
    try:
        services.join_request_create(
            teacher=request.user,
            project=project,
            classroom=form.cleaned_data["classroom"],
            message=form.cleaned_data["message"],
        )
    except services.ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your request is sent. The owner will answer soon."))
    return redirect("project_detail", token=project.token)


def _answer(request, join_id, action, success):
    join = get_object_or_404(JoinRequest.objects.select_related("project", "classroom"), pk=join_id)
    # A request is answered by the project's editors and withdrawn by the teacher who asked;
    # to anyone else it doesn't exist (the redirect below would give away the project's link).
    withdraw = action is services.join_request_withdraw
    if withdraw:
        involved = join.classroom.teacher_id == request.user.pk
    else:
        involved = services.can_edit(join.project, request.user)
    if not involved:
        raise Http404
    try:
        action(join_id, by=request.user)
    except services.ProjectError as error:
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
        services.join_request_accept,
        _("The class joined the project. Check the dates that clash with its calendar."),
    )


@login_required
@require_POST
def join_decline(request, join_id):
    return _answer(request, join_id, services.join_request_decline, _("The request is declined."))


@login_required
@require_POST
def join_withdraw(request, join_id):
    return _answer(
        request, join_id, services.join_request_withdraw, _("Your request is withdrawn.")
    )


@login_required
@require_POST
def member_role(request, token, membership_id):
    project = _project(request, token)
    try:
        services.set_role(project, membership_id, request.POST.get("role", ""), by=request.user)
    except services.ProjectError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The role is changed."))
    return redirect(reverse("project_detail", args=[project.token]) + "#classes")


@login_required
@require_POST
def member_leave(request, token, membership_id):
    project = _project(request, token)
    try:
        services.leave(project, membership_id, by=request.user)
    except services.ProjectError as error:
        messages.error(request, str(error))
        return redirect("project_detail", token=project.token)
    messages.success(request, _("Your class left the project."))
    return redirect("project_mine")

"""The Project Creation Assistant: a few steps of answers kept in the session, a preview of the
plan the generator makes from them, and the project created from that plan."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from orbis.core.plans import generator
from orbis.core.typical_breaks import after_typical_breaks
from orbis.schools.calendars import school_calendar
from orbis.vocabulary import Phase
from orbis.web.htmx import is_htmx

from ..explain import reason_texts
from ..forms import STEPS
from ..services import ProjectError
from ..services.plans import plan_request_from_answers, project_create_from_plan

ASSISTANT = "project_assistant"  # session key of the assistant's answers
STEP_KEYS = [key for key, _form, _label in STEPS]


def _answers(request) -> dict:
    answers = request.session.get(ASSISTANT)
    return answers if isinstance(answers, dict) else {}


def _default_start(school) -> tuple[date, str]:
    """A week from today, and when the school's terms are not on Orbis and that day falls in
    its country's typical long break, the day after it, with a note saying so: a suggestion
    the teacher sees and confirms, never a fact about the school."""
    start = timezone.localdate() + timedelta(days=7)
    if school is None or school.terms.exists():
        return start, ""  # the school's own breaks: the plan's start moves past them anyway
    suggested = after_typical_breaks(school.country.code, start)
    if suggested == start:
        return start, ""
    note = _(
        "A week from today falls in the long school holidays typical for %(country)s: the "
        "suggested start is after them. Change it if your school's dates differ."
    ) % {"country": school.country.name}
    return suggested, note


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
        },
        "languages": {
            "languages": classroom.languages,
            "text_language": "es" if (request.LANGUAGE_CODE or "").startswith("es") else "en",
            "max_partners": 2,
        },
    }[key]
    if key == "time":
        defaults["start"], note = _default_start(teacher.school)
        if "start" not in answers:
            defaults["start_note"] = note
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
        initial = _step_initial(request, step)
        form = form_class(initial=initial, **kwargs)
        if initial.get("start_note"):  # a start moved past a typical break: say so
            form.fields["start"].help_text = initial["start_note"]
    response = render(
        request,
        "projects/assistant_step.html",
        {"form": form, "step": step, "steps": _step_links(request, step), "number": index + 1},
    )
    if is_htmx(request):
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
    calendar = school_calendar(request.user.school)
    plan_request = plan_request_from_answers(answers, [calendar])
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
            project = project_create_from_plan(
                owner=request.user,
                classroom=classroom,
                answers=plain,
                plan=plan,
                max_partners=answers.get("max_partners", 2),
            )
        except ProjectError as error:
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
    if is_htmx(request):
        response["HX-Push-Url"] = request.path
    return response

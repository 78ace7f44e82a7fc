"""The reflection of a project: prompts per phase, answers, moderation, the group's record.

Students reach the reflection page and answer; teachers of member classes also record their
class's answers, moderate their students' answers and read or export the record; only editors
(owner, co-editors) change the prompts. Everyone else gets a 404, as for a missing project.
"""

import csv
from datetime import UTC
from functools import wraps
from io import StringIO
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.projects.access import member_project
from orbis.vocabulary import Phase

from . import services
from .forms import AnswerForm, ModerateForm, MoveForm, PromptDeleteForm, PromptForm
from .models import ReflectionPrompt, ReflectionResponse

Status = ReflectionResponse.Status


def teachers_only(view):
    """Teacher pages: an anonymous visitor is sent to log in; a student (who has no login)
    gets the 404 member_project(teacher_only=True) gives her."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and not request.student:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _url(project, anchor: str = "") -> str:
    return reverse("reflections", args=[project.token]) + (f"#{anchor}" if anchor else "")


def _prompt(project, prompt_id) -> ReflectionPrompt:
    prompt = get_object_or_404(ReflectionPrompt, pk=prompt_id, project=project)
    prompt.project = project  # the member classes are already loaded with it
    return prompt


def _answer_id(prompt_id: int, classroom_id: int | None) -> str:
    return f"answer-{prompt_id}-{classroom_id or 'me'}-%s"


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


# The reflection page --------------------------------------------------------------------------


def _page(request, project, viewer, *, bound=None, add_form=None):
    """Render the reflection page; `bound` is (prompt id, classroom id or None, form) for an
    answer that didn't validate, shown again with its errors and the text kept."""
    prompts = services.sort_prompts(project.reflection_prompt_set.all())
    approved = services.approved_by_prompt(project, prompts)
    own = {}
    if viewer.is_student:
        own = {
            r.prompt_id: r
            for r in ReflectionResponse.objects.filter(
                prompt__in=prompts, author_student=viewer.student
            )
        }
    elif viewer.is_teacher:
        own = {
            (r.prompt_id, r.classroom_id): r
            for r in ReflectionResponse.objects.filter(
                prompt__in=prompts, classroom_id__in=viewer.classroom_ids, author_student=None
            )
        }
    phases = {phase.value: {"phase": phase, "items": []} for phase in Phase}
    for prompt in prompts:
        answer_forms = []
        if viewer.is_student:
            answer_forms.append(_answer_form(prompt, None, own.get(prompt.pk), bound))
        elif viewer.is_teacher:
            for room in viewer.classrooms:
                response = own.get((prompt.pk, room.pk))
                answer_forms.append(
                    _answer_form(prompt, room, response, bound, classrooms=viewer.classrooms)
                )
        phases[prompt.phase]["items"].append(
            {"prompt": prompt, "classes": approved.get(prompt.pk, []), "answers": answer_forms}
        )
    context = {
        "project": project,
        "viewer": viewer,
        "phases": [group for group in phases.values() if group["items"]],
        "waiting": services.waiting_for(project, viewer.classroom_ids) if viewer.is_teacher else [],
        "add_form": add_form or (PromptForm(auto_id="add-%s") if viewer.can_edit else None),
        "archived": project.status == project.Status.ARCHIVED,
    }
    return render(request, "reflections/reflections.html", context)


def _answer_form(prompt, room, response, bound, *, classrooms=None) -> dict:
    key = (prompt.pk, room.pk if room else None)
    if bound and bound[:2] == key:
        form = bound[2]
    else:
        initial = {"text": response.text if response else ""}
        if room:
            initial["classroom"] = room.pk
        form = AnswerForm(initial=initial, classrooms=classrooms, auto_id=_answer_id(*key))
    return {"classroom": room, "response": response, "form": form}


@require_GET
def reflections(request, token):
    project, viewer = member_project(request, token)
    services.ensure_prompts(project)
    return _page(request, project, viewer)


@require_POST
def reflection_answer(request, token, prompt_id):
    project, viewer = member_project(request, token)
    prompt = _prompt(project, prompt_id)
    classrooms = viewer.classrooms if viewer.is_teacher else None
    room_id = request.POST.get("classroom") if classrooms else None
    form = AnswerForm(
        request.POST,
        classrooms=classrooms,
        auto_id=_answer_id(prompt.pk, room_id if str(room_id or "").isdigit() else None),
    )
    if not form.is_valid():
        if "classroom" in form.errors:
            messages.error(request, _first_error(form))
            return redirect(_url(project, f"prompt-{prompt.pk}"))
        key = (prompt.pk, form.cleaned_data.get("classroom"))
        return _page(request, project, viewer, bound=(*key, form))
    try:
        if viewer.is_teacher:
            room = next(r for r in classrooms if r.pk == form.cleaned_data["classroom"])
            services.class_answer(
                prompt, teacher=request.user, classroom=room, text=form.cleaned_data["text"]
            )
            messages.success(request, _("The class's answer is saved."))
        else:
            response = services.student_answer(
                prompt, student=viewer.student, text=form.cleaned_data["text"]
            )
            if response.status == Status.PENDING:
                messages.success(
                    request, _("Your answer is saved. Your teacher will read it before others do.")
                )
            else:
                messages.success(request, _("Your answer is saved."))
    except services.ReflectionError as error:
        messages.error(request, str(error))
    return redirect(_url(project, f"prompt-{prompt.pk}"))


# Prompts (editors) ----------------------------------------------------------------------------


@require_POST
@teachers_only
def reflection_prompt_add(request, token):
    project, viewer = member_project(request, token, editor=True)
    services.ensure_prompts(project)
    form = PromptForm(request.POST, auto_id="add-%s")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return _page(request, project, viewer, add_form=form)
    try:
        prompt = services.prompt_add(project, **form.cleaned_data)
    except services.ReflectionError as error:
        messages.error(request, str(error))
        return redirect(_url(project))
    messages.success(request, _("The prompt is added."))
    return redirect(_url(project, f"prompt-{prompt.pk}"))


@require_http_methods(["GET", "POST"])
@teachers_only
def reflection_prompt_edit(request, token, prompt_id):
    project, _viewer = member_project(request, token, editor=True)
    prompt = _prompt(project, prompt_id)
    if request.method == "POST":
        form = PromptForm(request.POST)
        if form.is_valid():
            try:
                services.prompt_edit(prompt, **form.cleaned_data)
            except services.ReflectionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The prompt is saved."))
                return redirect(_url(project, f"prompt-{prompt.pk}"))
        else:
            messages.error(request, _first_error(form))
    else:
        form = PromptForm(initial={"phase": prompt.phase, "text": prompt.text})
    context = {
        "project": project,
        "prompt": prompt,
        "form": form,
        "answers": services.answers_kept(prompt),
        "delete_form": PromptDeleteForm(auto_id="delete-%s"),
    }
    return render(request, "reflections/prompt_form.html", context)


@require_POST
@teachers_only
def reflection_prompt_delete(request, token, prompt_id):
    project, _viewer = member_project(request, token, editor=True)
    prompt = _prompt(project, prompt_id)
    form = PromptDeleteForm(request.POST)
    with_answers = form.is_valid() and form.cleaned_data["with_answers"]
    try:
        removed = services.prompt_delete(prompt, with_answers=with_answers)
    except services.ReflectionError as error:
        messages.error(request, str(error))
        return redirect("reflection_prompt_edit", token=project.token, prompt_id=prompt.pk)
    if removed:
        messages.success(
            request, _("The prompt and its %(count)d answers are removed.") % {"count": removed}
        )
    else:
        messages.success(request, _("The prompt is removed."))
    return redirect(_url(project))


@require_POST
@teachers_only
def reflection_prompt_move(request, token, prompt_id):
    project, _viewer = member_project(request, token, editor=True)
    prompt = _prompt(project, prompt_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect(_url(project, f"prompt-{prompt.pk}"))
    try:
        services.prompt_move(prompt, direction=form.cleaned_data["direction"])
    except services.ReflectionError as error:
        messages.error(request, str(error))
    return redirect(_url(project, f"prompt-{prompt.pk}"))


# Moderation (the student's teacher) -----------------------------------------------------------


@require_POST
@teachers_only
def reflection_moderate(request, token, response_id):
    project, viewer = member_project(request, token, teacher_only=True)
    # Only her own classes' students' answers: a partner's answer is a 404 like a missing one.
    response = get_object_or_404(
        ReflectionResponse.objects.select_related("prompt", "classroom"),
        pk=response_id,
        prompt__project=project,
        classroom_id__in=viewer.classroom_ids,
        author_student__isnull=False,
    )
    response.prompt.project = project
    form = ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect(_url(project, "waiting"))
    try:
        services.moderate(response, teacher=request.user, decision=form.cleaned_data["decision"])
    except services.ReflectionError as error:
        messages.error(request, str(error))
        return redirect(_url(project, "waiting"))
    if response.status == Status.APPROVED:
        messages.success(request, _("The answer is approved: the project's classes see it."))
    else:
        messages.success(request, _("The answer is not approved: only its author sees it."))
    return redirect(_url(project, "waiting"))


# The group's record (teachers) ----------------------------------------------------------------


@require_GET
@teachers_only
def reflection_record(request, token):
    project, viewer = member_project(request, token, teacher_only=True)
    services.ensure_prompts(project)
    prompts = services.sort_prompts(project.reflection_prompt_set.all())
    approved = services.approved_by_prompt(project, prompts)
    pending = services.pending_counts(project, prompts)
    classrooms = services.member_classrooms(project)
    rows = []
    for prompt in prompts:
        cells = {cell["classroom"].pk: cell for cell in approved.get(prompt.pk, [])}
        rows.append(
            {
                "prompt": prompt,
                "classes": [
                    {
                        "classroom": room,
                        "class_answer": cells.get(room.pk, {}).get("class_answer"),
                        "students": cells.get(room.pk, {}).get("students", []),
                        "pending": pending.get((prompt.pk, room.pk), 0),
                    }
                    for room in classrooms
                ],
            }
        )
    return render(
        request,
        "reflections/record.html",
        {"project": project, "viewer": viewer, "rows": rows},
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A spreadsheet reads a cell starting with = + - @ (or a tab, a carriage return) as a
    formula: a student could write one. A leading quote makes it plain text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local_date(moment, classroom) -> str:
    """The day the answer was written, in its class's time zone."""
    school = classroom.teacher.school
    try:
        zone = ZoneInfo(school.time_zone) if school else UTC
    except (KeyError, ValueError):
        zone = UTC
    return moment.astimezone(zone).date().isoformat()


@require_GET
@teachers_only
def reflection_export(request, token):
    project, _viewer = member_project(request, token, teacher_only=True)
    services.ensure_prompts(project)
    buffer = StringIO()
    buffer.write("\ufeff")  # the byte order mark makes Excel read the file as UTF-8
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("phase"),
            _("prompt"),
            _("country"),
            _("classroom"),
            _("kind"),
            _("author"),
            _("answer"),
            _("date"),
        ]
    )
    for prompt, classroom, response in services.export_rows(project):
        school = classroom.teacher.school
        writer.writerow(
            csv_safe(cell)
            for cell in (
                prompt.get_phase_display(),
                prompt.text,
                school.country.name if school else "",
                classroom.name,
                _("class answer") if response.is_class_answer else _("student"),
                response.author_name,
                response.text,
                _local_date(response.updated_at, classroom),
            )
        )
    name = slugify(project.title)[:60].strip("-") or project.token
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reflections-{name}.csv"'
    return response

"""Reflection: seeding prompts from the plan, editing them, answering, moderating, reading.

Writes run in one transaction each and raise ReflectionError with a message for the person.
Only member classrooms count: a class that left the project no longer appears anywhere.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _

from orbis.notifications.models import Notification
from orbis.notifications.services import notify
from orbis.projects.models import Project
from orbis.vocabulary import Phase

from .models import PROMPT_MAX, ReflectionPrompt, ReflectionResponse, ReflectionSetup

Status = ReflectionResponse.Status
PHASE_ORDER = {phase.value: index for index, phase in enumerate(Phase)}


class ReflectionError(Exception):
    """A refused change, with the reason for the person who asked."""


def _writable(project: Project) -> None:
    if project.status == Project.Status.ARCHIVED:
        raise ReflectionError(_("This project is archived: its reflection can't be changed."))


def sort_prompts(prompts) -> list[ReflectionPrompt]:
    """Phase by phase in the plan's order, then as ordered within the phase."""
    return sorted(prompts, key=lambda p: (PHASE_ORDER.get(p.phase, 99), p.order, p.pk))


# Prompts --------------------------------------------------------------------------------------


def ensure_prompts(project: Project) -> None:
    """Copy the plan's reflection prompts the first time the reflection is opened.

    Idempotent and safe when two people open it at once: the setup row's primary key lets only
    one transaction create it, and the prompts are written in that same transaction."""
    if ReflectionSetup.objects.filter(project=project).exists():
        return
    with transaction.atomic():
        _setup, created = ReflectionSetup.objects.get_or_create(project=project)
        if not created:
            return
        texts, seen = [], set()
        for raw in project.reflection_prompts or []:
            text = " ".join(str(raw).split())[:PROMPT_MAX]
            if text and text.casefold() not in seen:
                seen.add(text.casefold())
                texts.append(text)
        ReflectionPrompt.objects.bulk_create(
            ReflectionPrompt(project=project, phase=Phase.REFLECTION, text=text, order=index)
            for index, text in enumerate(texts)
        )


def prompt_add(project: Project, *, phase: str, text: str) -> ReflectionPrompt:
    _writable(project)
    with transaction.atomic():
        last = ReflectionPrompt.objects.filter(project=project, phase=phase).aggregate(
            last=Max("order")
        )["last"]
        return ReflectionPrompt.objects.create(
            project=project, phase=phase, text=text, order=0 if last is None else last + 1
        )


def prompt_edit(prompt: ReflectionPrompt, *, phase: str, text: str) -> ReflectionPrompt:
    _writable(prompt.project)
    with transaction.atomic():
        if phase != prompt.phase:
            last = ReflectionPrompt.objects.filter(project=prompt.project, phase=phase).aggregate(
                last=Max("order")
            )["last"]
            prompt.order = 0 if last is None else last + 1
        prompt.phase, prompt.text = phase, text
        prompt.save(update_fields=["phase", "text", "order"])
    return prompt


def prompt_move(prompt: ReflectionPrompt, *, direction: str) -> None:
    """Move a prompt one place up or down within its phase. The phase's prompts are numbered
    again from 0, so ties left by simultaneous additions sort themselves out."""
    _writable(prompt.project)
    with transaction.atomic():
        siblings = list(
            ReflectionPrompt.objects.select_for_update()
            .filter(project=prompt.project, phase=prompt.phase)
            .order_by("order", "pk")
        )
        index = next((i for i, p in enumerate(siblings) if p.pk == prompt.pk), None)
        if index is None:
            return
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
        for order, sibling in enumerate(siblings):
            sibling.order = order
        ReflectionPrompt.objects.bulk_update(siblings, ["order"])


def answers_kept(prompt: ReflectionPrompt) -> int:
    """Answers a removal would delete (rejected ones go without asking)."""
    return prompt.responses.exclude(status=Status.REJECTED).count()


def prompt_delete(prompt: ReflectionPrompt, *, with_answers: bool) -> int:
    """Remove a prompt. When classes already answered it, only if the editor confirmed that
    their answers go too: deleting other classes' work is never a side effect."""
    _writable(prompt.project)
    with transaction.atomic():
        locked = ReflectionPrompt.objects.select_for_update().filter(pk=prompt.pk).first()
        if locked is None:
            return 0
        count = answers_kept(locked)
        if count and not with_answers:
            raise ReflectionError(
                _(
                    "This prompt already has answers: tick the box to remove them with it, "
                    "or change its text instead."
                )
            )
        locked.delete()
    return count


# Answers --------------------------------------------------------------------------------------


def _reflection_url(project: Project) -> str:
    return reverse("reflections", args=[project.token]) + "#waiting"


def student_answer(prompt: ReflectionPrompt, *, student, text: str) -> ReflectionResponse:
    """A student's own answer (a new one or her edit). It waits for her teacher when her class
    asks for approval; an edit of an approved answer waits again, so approval can't be
    bypassed by editing."""
    project = prompt.project
    _writable(project)
    classroom = student.classroom
    status = Status.PENDING if classroom.student_posts_need_approval else Status.APPROVED
    with transaction.atomic():
        # get_or_create: a double click's second insert meets the unique constraint and reads
        # the first one's row instead.
        response, created = ReflectionResponse.objects.select_for_update().get_or_create(
            prompt=prompt,
            author_student=student,
            defaults={"classroom": classroom, "text": text, "status": status},
        )
        was_pending = not created and response.status == Status.PENDING
        if not created:
            response.text, response.status = text, status
            response.save(update_fields=["text", "status", "updated_at"])
        if status == Status.PENDING and not was_pending:
            notify(
                recipient=classroom.teacher,
                kind=Notification.Kind.PENDING_APPROVAL,
                params={"count": 1, "classroom": classroom.name, "project": project.title},
                url=_reflection_url(project),
            )
    return response


def class_answer(prompt: ReflectionPrompt, *, teacher, classroom, text: str) -> ReflectionResponse:
    """The class's answer, recorded by its teacher: one per prompt and classroom, editable."""
    _writable(prompt.project)
    if classroom.teacher_id != teacher.pk:
        raise ReflectionError(_("You can answer only for your own classes."))
    with transaction.atomic():
        response, created = ReflectionResponse.objects.select_for_update().get_or_create(
            prompt=prompt,
            classroom=classroom,
            author_student=None,
            defaults={"author_teacher": teacher, "text": text, "status": Status.APPROVED},
        )
        if not created:
            response.text, response.author_teacher = text, teacher
            response.status = Status.APPROVED
            response.save(update_fields=["text", "author_teacher", "status", "updated_at"])
    return response


def moderate(response: ReflectionResponse, *, teacher, decision: str) -> ReflectionResponse:
    """The student's teacher approves an answer, or rejects it (also an approved one: she can
    take back what she let through)."""
    _writable(response.prompt.project)
    if response.is_class_answer or response.classroom.teacher_id != teacher.pk:
        raise ReflectionError(_("Only the student's teacher can decide on this answer."))
    status = {"approve": Status.APPROVED, "reject": Status.REJECTED}[decision]
    with transaction.atomic():
        updated = ReflectionResponse.objects.filter(pk=response.pk).update(status=status)
    if not updated:
        raise ReflectionError(_("This answer no longer exists."))
    response.status = status
    return response


# Reading --------------------------------------------------------------------------------------


def member_classrooms(project: Project) -> list:
    """The project's classes with their teachers and schools (memberships prefetched or not)."""
    return [m.classroom for m in project.memberships.all()]


def approved_by_prompt(project: Project, prompts) -> dict[int, list[dict]]:
    """prompt id → [{"classroom", "class_answer", "students": [response, ...]}] for the classes
    that have approved answers, in the order of the project's classes."""
    classrooms = member_classrooms(project)
    position = {room.pk: index for index, room in enumerate(classrooms)}
    responses = (
        ReflectionResponse.objects.filter(
            prompt__in=prompts, status=Status.APPROVED, classroom_id__in=position
        )
        .select_related("author_student", "author_teacher")
        .order_by("created_at", "pk")
    )
    grouped: dict[int, dict[int, dict]] = defaultdict(dict)
    rooms = {room.pk: room for room in classrooms}
    for response in responses:
        cell = grouped[response.prompt_id].setdefault(
            response.classroom_id,
            {"classroom": rooms[response.classroom_id], "class_answer": None, "students": []},
        )
        if response.is_class_answer:
            cell["class_answer"] = response
        else:
            cell["students"].append(response)
    return {
        prompt_id: sorted(cells.values(), key=lambda cell: position[cell["classroom"].pk])
        for prompt_id, cells in grouped.items()
    }


def reflection_summary(project: Project) -> list[dict]:
    """For the public showcase: per prompt with approved answers, those answers grouped by
    classroom, the class's own answer first. Texts only, never who wrote them: the showcase
    decides what may be shown publicly.

    [{"prompt": ReflectionPrompt, "classes": [{"classroom": Classroom, "answers": [str]}]}]"""
    prompts = sort_prompts(ReflectionPrompt.objects.filter(project=project))
    grouped = approved_by_prompt(project, prompts)
    summary = []
    for prompt in prompts:
        cells = grouped.get(prompt.pk)
        if not cells:
            continue
        classes = []
        for cell in cells:
            answers = [cell["class_answer"].text] if cell["class_answer"] else []
            answers += [response.text for response in cell["students"]]
            classes.append({"classroom": cell["classroom"], "answers": answers})
        summary.append({"prompt": prompt, "classes": classes})
    return summary


def pending_counts(project: Project, prompts) -> dict[tuple[int, int], int]:
    """(prompt id, classroom id) → answers waiting for approval."""
    rows = (
        ReflectionResponse.objects.filter(prompt__in=prompts, status=Status.PENDING)
        .values("prompt_id", "classroom_id")
        .annotate(count=Count("pk"))
    )
    return {(row["prompt_id"], row["classroom_id"]): row["count"] for row in rows}


def waiting_for(project: Project, classroom_ids) -> list[ReflectionResponse]:
    """Students' answers in the project waiting for the teacher of these classes."""
    return list(
        ReflectionResponse.objects.filter(
            prompt__project=project,
            status=Status.PENDING,
            classroom_id__in=classroom_ids,
            author_student__isnull=False,
        )
        .select_related("prompt", "classroom", "author_student")
        .order_by("created_at", "pk")
    )


def export_rows(project: Project):
    """Approved answers of the member classes, prompt by prompt, for the CSV export."""
    prompts = sort_prompts(ReflectionPrompt.objects.filter(project=project))
    grouped = approved_by_prompt(project, prompts)
    for prompt in prompts:
        for cell in grouped.get(prompt.pk, []):
            answers = [cell["class_answer"]] if cell["class_answer"] else []
            for response in answers + cell["students"]:
                yield prompt, cell["classroom"], response

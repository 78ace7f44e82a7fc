import pytest
from django.db import IntegrityError, transaction

from orbis.notifications.models import Notification
from orbis.projects.models import Membership, Project
from orbis.reflections import services
from orbis.reflections.models import (
    PROMPT_MAX,
    ReflectionPrompt,
    ReflectionResponse,
    ReflectionSetup,
)
from tests.factories import StudentFactory

Status = ReflectionResponse.Status


def prompts_of(project):
    return list(ReflectionPrompt.objects.filter(project=project).order_by("order", "pk"))


def test_the_plans_prompts_are_copied_once(project):
    assert project.reflection_prompts, "the plan generator gives reflection prompts"
    services.ensure_prompts(project)
    services.ensure_prompts(project)
    prompts = prompts_of(project)
    assert [p.text for p in prompts] == project.reflection_prompts
    assert {p.phase for p in prompts} == {"reflection"}
    assert [p.order for p in prompts] == list(range(len(prompts)))
    assert ReflectionSetup.objects.filter(project=project).count() == 1


def test_seeding_cleans_the_plans_lines_and_never_comes_back(project):
    Project.objects.filter(pk=project.pk).update(
        reflection_prompts=["  What  surprised you? ", "", "what surprised you?", "x" * 400]
    )
    project.refresh_from_db()
    services.ensure_prompts(project)
    assert [p.text for p in prompts_of(project)] == ["What surprised you?", "x" * PROMPT_MAX]
    # Teachers removed every prompt: opening the page again doesn't bring the plan's back.
    ReflectionPrompt.objects.filter(project=project).delete()
    services.ensure_prompts(project)
    assert prompts_of(project) == []


def test_a_second_simultaneous_seeding_cannot_double_the_prompts(project):
    services.ensure_prompts(project)
    count = len(prompts_of(project))
    # What the loser of a race meets: the setup row exists, its insert is refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReflectionSetup.objects.create(project=project)
    services.ensure_prompts(project)
    assert len(prompts_of(project)) == count


def test_added_prompts_go_last_in_their_phase(project):
    services.ensure_prompts(project)
    seeded = len(prompts_of(project))
    added = services.prompt_add(project, phase="reflection", text="One word for our partners?")
    first = services.prompt_add(project, phase="definition", text="What do we want to learn?")
    assert added.order == seeded and first.order == 0
    ordered = services.sort_prompts(ReflectionPrompt.objects.filter(project=project))
    assert ordered[0] == first and ordered[-1] == added


def test_an_archived_projects_reflection_is_read_only(project, student):
    prompt = services.prompt_add(project, phase="reflection", text="Why?")
    Project.objects.filter(pk=project.pk).update(status=Project.Status.ARCHIVED)
    project.refresh_from_db()
    prompt.project = project
    with pytest.raises(services.ReflectionError, match="archived"):
        services.student_answer(prompt, student=student, text="Because.")
    with pytest.raises(services.ReflectionError, match="archived"):
        services.prompt_add(project, phase="reflection", text="And?")


def test_a_students_answer_waits_and_her_teacher_is_told(project, student, classroom):
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    response = services.student_answer(prompt, student=student, text="Their school starts at 7.")
    assert response.status == Status.PENDING
    note = Notification.objects.get(recipient=classroom.teacher)
    assert note.kind == Notification.Kind.PENDING_APPROVAL
    assert note.params == {"count": 1, "classroom": classroom.name, "project": project.title}
    assert note.url.endswith("#waiting")
    # Editing a still-pending answer doesn't notify twice; it stays one answer.
    services.student_answer(prompt, student=student, text="Their school starts at 7:30.")
    assert Notification.objects.filter(recipient=classroom.teacher).count() == 1
    assert ReflectionResponse.objects.get().text == "Their school starts at 7:30."


def test_editing_an_approved_answer_needs_approval_again(project, student, teacher):
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    response = services.student_answer(prompt, student=student, text="Nothing.")
    services.moderate(response, teacher=teacher, decision="approve")
    edited = services.student_answer(prompt, student=student, text="Something rude.")
    assert edited.status == Status.PENDING
    assert Notification.objects.filter(recipient=teacher).count() == 2


def test_without_approval_a_students_answer_shows_at_once(project, student, classroom):
    classroom.student_posts_need_approval = False
    classroom.save()
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    response = services.student_answer(prompt, student=student, text="The food.")
    assert response.status == Status.APPROVED
    assert not Notification.objects.exists()


def test_only_the_students_teacher_moderates(partnered, student, partner_teacher):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    response = services.student_answer(prompt, student=student, text="The food.")
    with pytest.raises(services.ReflectionError):
        services.moderate(response, teacher=partner_teacher, decision="approve")
    assert ReflectionResponse.objects.get().status == Status.PENDING


def test_the_class_answer_is_one_per_prompt_and_class_and_editable(project, teacher, classroom):
    prompt = services.prompt_add(project, phase="reflection", text="What did we learn?")
    services.class_answer(prompt, teacher=teacher, classroom=classroom, text="A lot.")
    again = services.class_answer(prompt, teacher=teacher, classroom=classroom, text="Much.")
    assert again.is_class_answer and again.status == Status.APPROVED
    assert ReflectionResponse.objects.get().text == "Much."


def test_a_teacher_answers_only_for_her_own_class(partnered, partner_teacher, classroom):
    prompt = services.prompt_add(partnered, phase="reflection", text="What did we learn?")
    with pytest.raises(services.ReflectionError):
        services.class_answer(prompt, teacher=partner_teacher, classroom=classroom, text="Hi")
    assert not ReflectionResponse.objects.exists()


def test_removing_a_prompt_with_answers_needs_confirmation(project, student, teacher):
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    services.student_answer(prompt, student=student, text="The food.")
    with pytest.raises(services.ReflectionError, match="tick the box"):
        services.prompt_delete(prompt, with_answers=False)
    assert ReflectionPrompt.objects.filter(pk=prompt.pk).exists()
    assert services.prompt_delete(prompt, with_answers=True) == 1
    assert not ReflectionResponse.objects.exists()


def test_the_summary_has_approved_answers_by_class_and_no_names(
    partnered, classroom, delhi, teacher, partner_teacher, student, tiger
):
    classroom.student_posts_need_approval = False
    classroom.save()
    first = services.prompt_add(partnered, phase="definition", text="What do we expect?")
    second = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    services.prompt_add(partnered, phase="reflection", text="Nobody answered this.")
    services.student_answer(second, student=student, text="Puma's own words.")
    services.class_answer(second, teacher=teacher, classroom=classroom, text="Rosario's answer.")
    waiting = services.student_answer(second, student=tiger, text="Still waiting.")
    assert waiting.status == Status.PENDING
    rejected = StudentFactory(classroom=delhi, nickname="Rude")
    no = services.student_answer(second, student=rejected, text="Rejected words.")
    services.moderate(no, teacher=partner_teacher, decision="reject")
    services.class_answer(first, teacher=partner_teacher, classroom=delhi, text="Delhi expects.")

    summary = services.reflection_summary(partnered)

    assert summary == [
        {"prompt": first, "classes": [{"classroom": delhi, "answers": ["Delhi expects."]}]},
        {
            "prompt": second,
            "classes": [
                {"classroom": classroom, "answers": ["Rosario's answer.", "Puma's own words."]}
            ],
        },
    ]
    text = repr(summary)
    for hidden in ("Puma", "Tiger", "Rude", "Gisel", "Jhansi", "waiting", "Rejected"):
        assert hidden not in text.replace("Puma's own words", "")


def test_a_class_that_left_drops_out_of_the_summary(partnered, delhi, partner_teacher):
    prompt = services.prompt_add(partnered, phase="reflection", text="What did we learn?")
    services.class_answer(prompt, teacher=partner_teacher, classroom=delhi, text="Namaste.")
    assert services.reflection_summary(partnered)
    Membership.objects.filter(project=partnered, classroom=delhi).delete()
    assert services.reflection_summary(partnered) == []

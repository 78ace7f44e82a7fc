import csv
import io
from html import escape

from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.projects.models import Membership
from orbis.reflections import services
from orbis.reflections.models import ReflectionPrompt, ReflectionResponse
from tests.builders import build_project
from tests.helpers import student_client_for

Status = ReflectionResponse.Status


def url(name, project, *args):
    return reverse(name, args=[project.token, *args])


def test_opening_the_page_twice_seeds_the_plans_prompts_once(teacher_client, project):
    for _ in range(2):
        response = teacher_client.get(url("reflections", project))
        assert response.status_code == 200
    prompts = ReflectionPrompt.objects.filter(project=project)
    assert [p.text for p in prompts] == project.reflection_prompts
    page = response.content.decode()
    assert 'aria-current="page"' in page and "Reflection" in page
    for text in project.reflection_prompts:
        assert page.count(escape(text)) == 1


def test_an_editor_adds_edits_and_removes_a_prompt(teacher_client, project):
    teacher_client.get(url("reflections", project))
    response = teacher_client.post(
        url("reflection_prompt_add", project),
        {"phase": "execution", "text": "Что нас удивило? ¿Qué nos sorprendió?"},
    )
    prompt = ReflectionPrompt.objects.get(phase="execution")
    assert response.url.endswith(f"#prompt-{prompt.pk}")
    page = teacher_client.get(url("reflections", project)).content.decode()
    assert "Что нас удивило? ¿Qué nos sorprendió?" in page

    edit = url("reflection_prompt_edit", project, prompt.pk)
    assert teacher_client.get(edit).status_code == 200
    teacher_client.post(edit, {"phase": "definition", "text": "What will surprise us?"})
    prompt.refresh_from_db()
    assert (prompt.phase, prompt.text) == ("definition", "What will surprise us?")

    teacher_client.post(url("reflection_prompt_delete", project, prompt.pk))
    assert not ReflectionPrompt.objects.filter(pk=prompt.pk).exists()


def test_bad_prompts_are_refused_with_a_message(teacher_client, project):
    teacher_client.get(url("reflections", project))
    before = ReflectionPrompt.objects.count()
    add = url("reflection_prompt_add", project)
    for data, message in [
        ({"phase": "reflection", "text": "   "}, "Write the prompt"),
        ({"phase": "reflection", "text": "x" * 301}, "Keep the prompt to 300 characters"),
        ({"phase": "holidays", "text": "Why?"}, "Choose one of the project&#x27;s four phases"),
    ]:
        response = teacher_client.post(add, data)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert ReflectionPrompt.objects.count() == before

    prompt = ReflectionPrompt.objects.first()
    response = teacher_client.post(
        url("reflection_prompt_edit", project, prompt.pk), {"phase": "reflection", "text": ""}
    )
    assert "Write the prompt" in response.content.decode()
    old = prompt.text
    prompt.refresh_from_db()
    assert prompt.text == old


def test_a_prompt_with_answers_is_removed_only_when_confirmed(teacher_client, project, student):
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    services.student_answer(prompt, student=student, text="The food.")
    delete = url("reflection_prompt_delete", project, prompt.pk)
    response = teacher_client.post(delete, follow=True)
    assert "tick the box" in response.content.decode()
    assert ReflectionPrompt.objects.filter(pk=prompt.pk).exists()
    edit_page = teacher_client.get(url("reflection_prompt_edit", project, prompt.pk))
    assert 'name="with_answers"' in edit_page.content.decode()
    teacher_client.post(delete, {"with_answers": "on"})
    assert not ReflectionPrompt.objects.filter(pk=prompt.pk).exists()
    assert not ReflectionResponse.objects.exists()


def test_a_students_answer_waits_then_everyone_sees_it(
    partnered, student, teacher_client, partner_client, tiger
):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    puma = student_client_for(student)
    tiger_client = student_client_for(tiger)
    response = puma.post(
        url("reflection_answer", partnered, prompt.pk), {"text": "Ellos comen arroz."}
    )
    assert response.status_code == 302
    assert "Waiting for your teacher" in puma.get(url("reflections", partnered)).content.decode()
    for other in (tiger_client, partner_client):
        assert "Ellos comen arroz." not in other.get(url("reflections", partnered)).content.decode()

    page = teacher_client.get(url("reflections", partnered)).content.decode()
    assert 'id="waiting"' in page and "Ellos comen arroz." in page
    answer = ReflectionResponse.objects.get()
    teacher_client.post(url("reflection_moderate", partnered, answer.pk), {"decision": "approve"})
    for other in (tiger_client, partner_client, puma):
        page = other.get(url("reflections", partnered)).content.decode()
        assert "Ellos comen arroz." in page and "Puma" in page
    assert (
        "Waiting for your teacher" not in puma.get(url("reflections", partnered)).content.decode()
    )


def test_with_approval_off_the_answer_shows_at_once(partnered, student, classroom, partner_client):
    classroom.student_posts_need_approval = False
    classroom.save()
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    student_client_for(student).post(
        url("reflection_answer", partnered, prompt.pk), {"text": "The monsoon."}
    )
    assert "The monsoon." in partner_client.get(url("reflections", partnered)).content.decode()
    assert not Notification.objects.exists()


def test_a_rejected_answer_is_never_shown_to_others(
    partnered, student, teacher_client, partner_client, tiger
):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    puma = student_client_for(student)
    puma.post(url("reflection_answer", partnered, prompt.pk), {"text": "Rude words."})
    answer = ReflectionResponse.objects.get()
    teacher_client.post(url("reflection_moderate", partnered, answer.pk), {"decision": "reject"})
    assert ReflectionResponse.objects.get().status == Status.REJECTED
    for other in (teacher_client, partner_client, student_client_for(tiger)):
        assert "Rude words." not in other.get(url("reflections", partnered)).content.decode()
    assert (
        "Rude words."
        not in teacher_client.get(url("reflection_record", partnered)).content.decode()
    )
    assert (
        "Rude words."
        not in teacher_client.get(url("reflection_export", partnered)).content.decode()
    )
    assert services.reflection_summary(partnered) == []
    assert "did not approve" in puma.get(url("reflections", partnered)).content.decode()


def test_a_bad_answer_is_refused_and_the_text_kept(project, student):
    prompt = services.prompt_add(project, phase="reflection", text="What surprised you?")
    puma = student_client_for(student)
    answer = url("reflection_answer", project, prompt.pk)
    response = puma.post(answer, {"text": "  \n "})
    assert "Write an answer before saving." in response.content.decode()
    long = "á" * 3001
    response = puma.post(answer, {"text": long})
    page = response.content.decode()
    assert "Keep the answer to 3000 characters (it has 3001)." in page and long in page
    assert not ReflectionResponse.objects.exists()


def test_a_teacher_records_and_edits_her_class_answer(partnered, teacher_client, classroom, delhi):
    prompt = services.prompt_add(partnered, phase="reflection", text="What did we learn?")
    answer = url("reflection_answer", partnered, prompt.pk)
    teacher_client.post(answer, {"classroom": classroom.pk, "text": "Que el mundo es grande."})
    teacher_client.post(answer, {"classroom": classroom.pk, "text": "Que el mundo es chico."})
    saved = ReflectionResponse.objects.get()
    assert saved.is_class_answer and saved.text == "Que el mundo es chico."
    assert saved.status == Status.APPROVED
    # Not for a partner's class: refused with a message, nothing saved.
    response = teacher_client.post(answer, {"classroom": delhi.pk, "text": "Hijacked"}, follow=True)
    assert "Choose one of your classes in the project." in response.content.decode()
    assert ReflectionResponse.objects.count() == 1


def test_the_record_lists_answers_by_prompt_and_class_with_pending_counts(
    partnered, teacher_client, partner_client, classroom, delhi, student, tiger
):
    prompt = services.prompt_add(partnered, phase="reflection", text="What did we learn?")
    services.class_answer(
        prompt, teacher=classroom.teacher, classroom=classroom, text="Rosario learnt."
    )
    services.student_answer(prompt, student=tiger, text="Waiting in Delhi.")
    page = partner_client.get(url("reflection_record", partnered)).content.decode()
    assert "What did we learn?" in page and "Rosario learnt." in page
    assert "Class of Delhi" in page and "6th grade B" in page
    assert "Waiting in Delhi." not in page
    assert "<td>1</td>" in page


def test_the_csv_export_is_utf8_safe_and_parses_back(partnered, teacher_client, classroom, delhi):
    classroom.student_posts_need_approval = False
    classroom.save()
    prompt = services.prompt_add(partnered, phase="reflection", text="Що нас здивувало?")
    services.class_answer(
        prompt, teacher=classroom.teacher, classroom=classroom, text="¡Qué señora tan amable!"
    )
    from tests.factories import StudentFactory

    hacker = StudentFactory(classroom=classroom, nickname="=Hacker")
    services.student_answer(prompt, student=hacker, text='=HYPERLINK("http://x.test","clic")')
    services.class_answer(
        prompt, teacher=delhi.teacher, classroom=delhi, text='-1+2, "quoted"\nnew line'
    )

    response = teacher_client.get(url("reflection_export", partnered))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="reflections-') and disposition.endswith(
        '.csv"'
    )
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "phase", "prompt", "country", "classroom", "kind", "author", "answer", "date"
    ]  # fmt: skip
    body = rows[1:]
    assert len(body) == 3
    assert body[0][:7] == [
        "Reflection", "Що нас здивувало?", "Argentina", "6th grade B", "class answer", "Gisel",
        "¡Qué señora tan amable!",
    ]  # fmt: skip
    assert body[1][5:7] == ["'=Hacker", '\'=HYPERLINK("http://x.test","clic")']
    assert body[1][4] == "student"
    assert body[2][2:7] == [
        "India", "Class of Delhi", "class answer", "Jhansi", "'-1+2, \"quoted\"\nnew line"
    ]  # fmt: skip
    assert all(len(row[7]) == 10 for row in body)


def test_the_export_file_name_is_safe_for_any_title(teacher_client, project):
    project.title = 'Наш "проект" /../'
    project.save()
    disposition = teacher_client.get(url("reflection_export", project))["Content-Disposition"]
    name = disposition.split('filename="')[1].rstrip('"')
    assert name == f"reflections-{project.token}.csv"


def test_another_projects_ids_are_404(teacher_client, project, classroom, student):
    other = build_project(classroom)
    foreign = services.prompt_add(other, phase="reflection", text="Elsewhere?")
    foreign_answer = services.student_answer(foreign, student=student, text="Elsewhere.")
    for name, args, method in [
        ("reflection_prompt_edit", [foreign.pk], "get"),
        ("reflection_prompt_edit", [foreign.pk], "post"),
        ("reflection_prompt_delete", [foreign.pk], "post"),
        ("reflection_answer", [foreign.pk], "post"),
        ("reflection_moderate", [foreign_answer.pk], "post"),
        ("reflection_prompt_edit", [999999], "get"),
    ]:
        response = getattr(teacher_client, method)(
            url(name, project, *args), {"text": "x", "phase": "reflection", "decision": "approve"}
        )
        assert response.status_code == 404, name
    assert ReflectionPrompt.objects.get(pk=foreign.pk).text == "Elsewhere?"
    assert ReflectionResponse.objects.get().status == Status.PENDING


def test_a_class_that_left_is_no_longer_shown(partnered, teacher_client, delhi):
    prompt = services.prompt_add(partnered, phase="reflection", text="What did we learn?")
    services.class_answer(prompt, teacher=delhi.teacher, classroom=delhi, text="Namaste.")
    assert "Namaste." in teacher_client.get(url("reflections", partnered)).content.decode()
    Membership.objects.filter(project=partnered, classroom=delhi).delete()
    assert "Namaste." not in teacher_client.get(url("reflections", partnered)).content.decode()


def test_an_editor_moves_prompts_within_their_phase(teacher_client, project):
    first = services.prompt_add(project, phase="definition", text="First?")
    second = services.prompt_add(project, phase="definition", text="Second?")
    move = url("reflection_prompt_move", project, second.pk)
    teacher_client.post(move, {"direction": "up"})
    ordered = ReflectionPrompt.objects.filter(phase="definition").order_by("order", "pk")
    assert list(ordered) == [second, first]
    teacher_client.post(move, {"direction": "up"})  # already first: nothing changes
    teacher_client.post(move, {"direction": "sideways"})
    ordered = ReflectionPrompt.objects.filter(phase="definition").order_by("order", "pk")
    assert list(ordered) == [second, first]
    page = teacher_client.get(url("reflections", project)).content.decode()
    assert page.index("Second?") < page.index("First?")


def test_a_teacher_hides_her_students_approved_answer(partnered, student, teacher_client):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    answer = services.student_answer(prompt, student=student, text="Oops, a full name.")
    services.moderate(answer, teacher=student.classroom.teacher, decision="approve")
    page = teacher_client.get(url("reflections", partnered)).content.decode()
    assert "Oops, a full name." in page and ">Hide<" in page
    teacher_client.post(url("reflection_moderate", partnered, answer.pk), {"decision": "reject"})
    page = teacher_client.get(url("reflections", partnered)).content.decode()
    assert "Oops, a full name." not in page


def test_bad_decisions_are_refused(partnered, student, teacher_client):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    answer = services.student_answer(prompt, student=student, text="The food.")
    moderate = url("reflection_moderate", partnered, answer.pk)
    for data in ({}, {"decision": "delete"}, {"decision": "x" * 10000}):
        response = teacher_client.post(moderate, data, follow=True)
        assert "Choose approve or reject." in response.content.decode()
    assert ReflectionResponse.objects.get().status == Status.PENDING


def test_the_page_and_record_queries_do_not_grow_with_answers(
    partnered, teacher_client, classroom, django_assert_max_num_queries
):
    from tests.factories import StudentFactory

    classroom.student_posts_need_approval = False
    classroom.save()
    prompts = [
        services.prompt_add(partnered, phase="reflection", text=f"Prompt {n}?") for n in range(3)
    ]
    for n in range(6):
        kid = StudentFactory(classroom=classroom, nickname=f"Kid {n}")
        for prompt in prompts:
            services.student_answer(prompt, student=kid, text=f"Answer {n}")
    teacher_client.get(url("reflections", partnered))
    for name in ("reflections", "reflection_record", "reflection_export"):
        with django_assert_max_num_queries(14):
            assert teacher_client.get(url(name, partnered)).status_code == 200


HOSTILE = [
    "\x00",
    "a\x00b\x1b[31m",
    "<script>alert(1)</script>",
    "{{ 7|add:1 }}",
    "%(x)s",
    "x" * 20000,
]


def test_hostile_values_never_error_and_what_is_stored_is_clean(partnered, teacher_client, student):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    puma = student_client_for(student)
    for value in HOSTILE:
        for client, name, args, data in [
            (teacher_client, "reflection_prompt_add", [], {"phase": value, "text": value}),
            (teacher_client, "reflection_prompt_add", [], {"phase": "reflection", "text": value}),
            (
                teacher_client,
                "reflection_prompt_edit",
                [prompt.pk],
                {"phase": value, "text": value},
            ),
            (teacher_client, "reflection_prompt_move", [prompt.pk], {"direction": value}),
            (teacher_client, "reflection_answer", [prompt.pk], {"classroom": value, "text": value}),
            (puma, "reflection_answer", [prompt.pk], {"text": value}),
        ]:
            response = client.post(url(name, partnered, *args), data)
            assert response.status_code in (200, 302), (name, value)
    texts = list(ReflectionPrompt.objects.values_list("text", flat=True))
    texts += list(ReflectionResponse.objects.values_list("text", flat=True))
    assert all("\x00" not in text and "\x1b" not in text for text in texts)
    assert (
        "<script>alert(1)</script>"
        not in teacher_client.get(url("reflections", partnered)).content.decode()
    )

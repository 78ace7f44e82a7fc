"""Who reaches every reflection URL, and how it answers everyone else.

Members only: anyone else gets the 404 a missing project gives. Students read and answer;
teachers of member classes also record their class's answer, moderate their own students'
answers and see the record and its CSV; only editors (owner, co-editors) change prompts.
An anonymous visitor is sent to log in on teacher pages and gets a 404 on pages students use.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from orbis.projects.models import Membership
from orbis.reflections import services
from orbis.reflections.models import ReflectionPrompt, ReflectionResponse
from tests.builders import add_partner
from tests.factories import ClassroomFactory, StudentFactory, TeacherFactory
from tests.helpers import student_client_for

ROUTE_NAMES = {
    "reflections",
    "reflection_prompt_add",
    "reflection_prompt_edit",
    "reflection_prompt_delete",
    "reflection_prompt_move",
    "reflection_answer",
    "reflection_moderate",
    "reflection_record",
    "reflection_export",
}

ROLES = ("anonymous", "stranger_student", "outsider", "partner", "member_student", "owner")
OK, LOGIN, NOT_FOUND = "ok", "login", 404

# route → (method, what each role gets). "ok" is 200 for GET and a redirect back for POST.
MATRIX = {
    "reflections": ("get", dict.fromkeys(ROLES, NOT_FOUND) | {
        "partner": OK, "member_student": OK, "owner": OK}),
    "reflection_answer": ("post", dict.fromkeys(ROLES, NOT_FOUND) | {
        "partner": OK, "member_student": OK, "owner": OK}),
    "reflection_prompt_add": ("post", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "owner": OK}),
    "reflection_prompt_edit": ("get", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "owner": OK}),
    "reflection_prompt_delete": ("post", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "owner": OK}),
    "reflection_prompt_move": ("post", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "owner": OK}),
    # Only the student's own teacher (the owner here): her partner gets a 404.
    "reflection_moderate": ("post", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "owner": OK}),
    "reflection_record": ("get", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "partner": OK, "owner": OK}),
    "reflection_export": ("get", dict.fromkeys(ROLES, NOT_FOUND) | {
        "anonymous": LOGIN, "partner": OK, "owner": OK}),
}  # fmt: skip

POST_ONLY = {name for name, (method, _roles) in MATRIX.items() if method == "post"}
DATA = {"phase": "reflection", "text": "Words", "decision": "approve", "direction": "up"}


@pytest.fixture
def world(partnered, classroom, delhi, student, partner_teacher, outsider, login_client):
    prompt = services.prompt_add(partnered, phase="reflection", text="What surprised you?")
    answer = services.student_answer(prompt, student=student, text="The food.")
    stranger = StudentFactory(classroom=ClassroomFactory(teacher=outsider), nickname="Owl")
    clients = {
        "anonymous": Client(),
        "stranger_student": student_client_for(stranger),
        "outsider": login_client(outsider),
        "partner": login_client(partner_teacher),
        "member_student": student_client_for(student),
        "owner": login_client(classroom.teacher),
    }
    return {
        "project": partnered,
        "prompt": prompt,
        "answer": answer,
        "clients": clients,
        "rooms": {"owner": classroom.pk, "partner": delhi.pk},
    }


def route_url(name, world) -> str:
    token = world["project"].token
    if name.startswith("reflection_prompt_") and name != "reflection_prompt_add":
        return reverse(name, args=[token, world["prompt"].pk])
    if name == "reflection_answer":
        return reverse(name, args=[token, world["prompt"].pk])
    if name == "reflection_moderate":
        return reverse(name, args=[token, world["answer"].pk])
    return reverse(name, args=[token])


def data_for(name, role, world) -> dict:
    # A teacher's class answer names one of her member classes.
    if name == "reflection_answer" and role in world["rooms"]:
        return {**DATA, "classroom": world["rooms"][role]}
    return DATA


def test_the_matrix_covers_every_route():
    assert set(MATRIX) == ROUTE_NAMES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
def test_every_role_on_every_route(name, role, world):
    method, expected = MATRIX[name]
    client = world["clients"][role]
    address = route_url(name, world)
    if method == "post":
        response = client.post(address, data_for(name, role, world))
    else:
        response = client.get(address)
    outcome = expected[role]
    if outcome == LOGIN:
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == reverse(settings.LOGIN_URL)
    elif outcome == NOT_FOUND:
        assert response.status_code == 404
    elif method == "post":
        assert response.status_code == 302, response.content[:500]
        assert urlsplit(response["Location"]).path.startswith("/reflections/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_routes_refuse_get(name, world):
    assert world["clients"]["owner"].get(route_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES - POST_ONLY - {"reflection_prompt_edit"}))
def test_get_only_routes_refuse_post(name, world):
    assert world["clients"]["owner"].post(route_url(name, world), DATA).status_code == 405


def test_a_co_editor_changes_prompts_and_a_partner_does_not(world, delhi, login_client):
    project, prompt = world["project"], world["prompt"]
    partner = world["clients"]["partner"]
    edit = reverse("reflection_prompt_edit", args=[project.token, prompt.pk])
    assert partner.post(edit, {"phase": "reflection", "text": "Hacked"}).status_code == 404
    Membership.objects.filter(project=project, classroom=delhi).update(role="co_editor")
    assert partner.post(edit, {"phase": "reflection", "text": "Better"}).status_code == 302
    assert ReflectionPrompt.objects.get(pk=prompt.pk).text == "Better"


def test_a_teacher_of_two_member_classes_answers_for_each(world, classroom):
    project, prompt = world["project"], world["prompt"]
    second = ClassroomFactory(teacher=classroom.teacher, name="6th grade C")
    add_partner(project, second)
    owner = world["clients"]["owner"]
    page = owner.get(reverse("reflections", args=[project.token])).content.decode()
    assert "The answer of 6th grade B" in page and "The answer of 6th grade C" in page
    answer = reverse("reflection_answer", args=[project.token, prompt.pk])
    owner.post(answer, {"classroom": second.pk, "text": "From C."})
    assert ReflectionResponse.objects.get(author_student=None).classroom == second


def test_a_hostile_classroom_value_never_500s(world):
    owner = world["clients"]["owner"]
    answer = reverse("reflection_answer", args=[world["project"].token, world["prompt"].pk])
    for value in ("abc", "", "9" * 30, "-1"):
        response = owner.post(answer, {"classroom": value, "text": "Hi"})
        assert response.status_code == 302
    assert not ReflectionResponse.objects.filter(author_student=None).exists()


def test_a_new_teacher_of_no_class_is_an_outsider(world, login_client):
    stranger = login_client(TeacherFactory())
    address = reverse("reflections", args=[world["project"].token])
    assert stranger.get(address).status_code == 404

"""Each teacher chooses, per classroom, whether her students' board posts and comments wait
for her approval. The classroom form shows the choice; a form sent without it keeps the safe
default (waiting) on creation and the saved choice on editing."""

import pytest
from django.urls import reverse

from orbis.classrooms.models import Classroom
from tests.helpers import classroom_post

pytestmark = pytest.mark.django_db


def test_the_classroom_form_offers_the_choice_waiting_by_default(teacher_client, classroom):
    page = teacher_client.get(reverse("classroom_create")).content.decode()
    assert 'name="student_posts_need_approval" value="True"' in page
    assert "Wait for my approval before others see them" in page
    field = teacher_client.get(reverse("classroom_create")).context["form"][
        "student_posts_need_approval"
    ]
    assert field.value() is True


def test_a_teacher_lets_her_students_posts_appear_at_once(teacher_client, classroom):
    edit = reverse("classroom_edit", args=[classroom.pk])
    teacher_client.post(edit, classroom_post(student_posts_need_approval="False"))
    classroom.refresh_from_db()
    assert classroom.student_posts_need_approval is False
    detail = teacher_client.get(reverse("classroom_detail", args=[classroom.pk]))
    assert "appear at once" in detail.content.decode()
    # Sent without the field (an old page): her choice stays.
    teacher_client.post(edit, classroom_post())
    classroom.refresh_from_db()
    assert classroom.student_posts_need_approval is False
    teacher_client.post(edit, classroom_post(student_posts_need_approval="True"))
    classroom.refresh_from_db()
    assert classroom.student_posts_need_approval is True


def test_a_new_classroom_sent_without_the_choice_waits(teacher_client, classroom):
    teacher_client.post(reverse("classroom_create"), classroom_post(name="8th grade"))
    assert Classroom.objects.get(name="8th grade").student_posts_need_approval is True


def test_a_hostile_value_is_a_field_error(teacher_client, classroom):
    edit = reverse("classroom_edit", args=[classroom.pk])
    response = teacher_client.post(edit, classroom_post(student_posts_need_approval="maybe"))
    assert response.status_code == 200
    assert response.context["form"].errors["student_posts_need_approval"]

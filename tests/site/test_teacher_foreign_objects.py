"""Somebody else's objects: another teacher gets 404 for them, exactly as for an id nobody has,
and her posts change nothing; the same requests succeed for the owner."""

import pytest
from django.urls import reverse

from orbis.classrooms.models import AvailabilityPeriod
from orbis.projects.models import JoinRequest, Membership, Project
from orbis.schools.models import SchoolTerm
from orbis.students.models import Student
from tests.factories import ClassroomFactory, StudentFactory
from tests.site.route_world import hostile_payload, project_rows
from tests.site.routes import OBJECT_ROUTES, ROUTES, request, url_for

# The fixtures of the world the routes are asked in.

# ---- teachers: somebody else's objects -----------------------------------------------------


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_teacher_gets_404_for_another_teachers_objects(outsider_client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods):
        response = request(outsider_client, method, url, hostile_payload(name, world))
        assert response.status_code == 404, (method, url)


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_foreign_id_answers_exactly_like_a_missing_id(outsider_client, world, missing_ids, name):
    """No existence leak: someone else's id and an id nobody has get the same answer, for
    every method (404 where the method is taken, 405 where it is not)."""
    for method in ["GET", "POST"]:
        foreign = request(
            outsider_client, method, url_for(name, world), hostile_payload(name, world)
        )
        missing = request(
            outsider_client, method, url_for(name, missing_ids), hostile_payload(name, missing_ids)
        )
        assert (foreign.status_code, foreign.content) == (missing.status_code, missing.content)
        assert foreign.status_code == (404 if method in ROUTES[name].methods else 405)


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_owner_gets_404_for_missing_ids(teacher_client, missing_ids, name):
    for method in sorted(ROUTES[name].methods):
        response = request(teacher_client, method, url_for(name, missing_ids))
        assert response.status_code == 404


def test_another_teachers_posts_change_nothing(
    outsider_client, world, classroom, student, row_counts
):
    before = row_counts(), project_rows()
    code, secret, version = classroom.join_code, student.secret, student.session_version
    for name in OBJECT_ROUTES:
        if "POST" in ROUTES[name].methods:
            outsider_client.post(url_for(name, world), hostile_payload(name, world))
    assert (row_counts(), project_rows()) == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert classroom.join_code == code
    assert classroom.name == "6th grade B"
    assert classroom.exchange_mode == "live"
    assert AvailabilityPeriod.objects.filter(classroom=classroom).count() == 1
    assert (student.nickname, student.secret, student.session_version) == ("Puma", secret, version)
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()
    project = Project.objects.get(token=world["project"])
    assert (project.title, project.status, project.visibility) == (
        "Water in our lives",
        Project.Status.DRAFT,
        Project.Visibility.PUBLIC,
    )
    assert project.activities.get().title == "Measure"
    assert Membership.objects.get(pk=world["membership"]).role == Membership.Role.MEMBER
    assert set(JoinRequest.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.parametrize(
    "name",
    [
        "project_edit",
        "project_item_add",
        "project_item_edit",
        "project_status",
        "project_member_role",
    ],
)
def test_project_payloads_succeed_for_the_owner(teacher_client, world, name):
    """So the 404 another teacher gets for the same request really is the permission."""
    response = teacher_client.post(url_for(name, world), hostile_payload(name, world))
    assert response.status_code == 302, response.context and response.context["form"].errors
    project = Project.objects.get(token=world["project"])
    changed = {
        "project_edit": lambda: project.title == "Hacked",
        "project_item_add": lambda: project.activities.filter(title="Hacked").exists(),
        "project_item_edit": lambda: project.activities.get().title == "Hacked",
        "project_status": lambda: project.status == Project.Status.ARCHIVED,
        "project_member_role": lambda: (
            Membership.objects.get(pk=world["membership"]).role == Membership.Role.CO_EDITOR
        ),
    }
    assert changed[name](), name


def test_join_requests_are_answered_by_editors_and_withdrawn_by_the_sender(
    teacher_client, login_client, partner_teacher, world
):
    """Gisel answers the request to her project and withdraws hers; Jhansi can't do either
    in her place (404: the redirect would give away the project's link)."""
    jhansi = login_client(partner_teacher)
    assert jhansi.post(url_for("project_join_accept", world)).status_code == 404
    assert jhansi.post(url_for("project_join_withdraw", world)).status_code == 404
    assert teacher_client.post(url_for("project_join_decline", world)).status_code == 302
    assert teacher_client.post(url_for("project_join_withdraw", world)).status_code == 302
    assert JoinRequest.objects.get(pk=world["join"]).status == JoinRequest.Status.DECLINED
    assert JoinRequest.objects.get(pk=world["sent_join"]).status == JoinRequest.Status.WITHDRAWN


@pytest.mark.parametrize("name", ["student_rename", "student_reset", "student_remove"])
def test_teacher_cannot_reach_a_foreign_student_through_her_own_classroom(
    teacher_client, classroom, partner_teacher, name
):
    """The student id must belong to the classroom in the URL, not just exist."""
    foreign = StudentFactory(classroom=ClassroomFactory(teacher=partner_teacher), nickname="Tigre")
    ids = {"classroom": classroom.pk, "student": foreign.pk}
    response = teacher_client.post(url_for(name, ids), hostile_payload(name, ids))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.nickname == "Tigre"


@pytest.mark.parametrize("name", ["student_rename", "student_reset", "student_remove"])
def test_teacher_cannot_reach_her_own_student_through_a_foreign_classroom(
    outsider_client, outsider, student, name
):
    own_room = ClassroomFactory(teacher=outsider)
    ids = {"classroom": own_room.pk, "student": student.pk}
    assert outsider_client.post(url_for(name, ids), hostile_payload(name, ids)).status_code == 404
    assert Student.objects.filter(pk=student.pk, nickname="Puma").exists()


def test_school_join_of_a_missing_school_is_404(teacher_client, teacher, missing_ids):
    response = teacher_client.post(url_for("school_join", missing_ids))
    assert response.status_code == 404
    teacher.refresh_from_db()
    assert teacher.school.name == "Escuela Rosario"


def test_term_of_another_school_cannot_be_deleted(teacher, outsider_client, world):
    assert outsider_client.post(url_for("term_delete", world)).status_code == 404
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_teacher_without_school_cannot_delete_any_term(staff, login_client, world):
    assert login_client(staff).post(url_for("term_delete", world)).status_code == 404
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_colleague_at_the_same_school_may_delete_its_terms(teacher, login_client, world):
    """Terms belong to the school, not to the teacher who typed them."""
    from tests.factories import TeacherFactory

    colleague = TeacherFactory(school=teacher.school)
    response = login_client(colleague).post(url_for("term_delete", world))
    assert response.status_code == 302
    assert not SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_colleague_at_the_same_school_cannot_reach_her_classrooms(teacher, login_client, world):
    from tests.factories import TeacherFactory

    colleague = TeacherFactory(school=teacher.school)
    colleague_client = login_client(colleague)
    assert colleague_client.get(url_for("classroom_detail", world)).status_code == 404
    assert colleague_client.get(url_for("classroom_students", world)).status_code == 404


def test_classroom_list_shows_only_her_own_classrooms(teacher_client, classroom, partner_teacher):
    ClassroomFactory(teacher=partner_teacher, name="Class of Delhi")
    response = teacher_client.get(reverse("classroom_list"))
    assert "6th grade B" in response.text
    assert "Class of Delhi" not in response.text
    assert list(response.context["classrooms"]) == [classroom]


def test_dashboard_shows_only_her_own_classrooms(teacher_client, classroom, partner_teacher):
    ClassroomFactory(teacher=partner_teacher, name="Class of Delhi")
    response = teacher_client.get(reverse("dashboard"))
    assert [c.pk for c in response.context["classrooms"]] == [classroom.pk]
    assert "Class of Delhi" not in response.text

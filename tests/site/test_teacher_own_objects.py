"""A teacher reaches every teacher page with her own objects (and without a school, every page
still answers); her own actions move nobody else."""

import pytest
from django.urls import reverse

from orbis.notifications.models import Notification
from tests.factories import ClassroomFactory, SchoolFactory
from tests.site.route_world import draft_project
from tests.site.routes import REDIRECTS, ROUTES, TEACHER_ROUTES, url_for

# The fixtures of the world the routes are asked in.

# ---- teachers: their own objects -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n in TEACHER_ROUTES if "GET" in ROUTES[n].methods))
def test_teacher_reaches_every_teacher_page_with_her_own_objects(teacher_client, world, name):
    response = teacher_client.get(url_for(name, world))
    if name in REDIRECTS:
        assert response.status_code == 302
        assert teacher_client.get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(n for n in TEACHER_ROUTES if "GET" in ROUTES[n].methods))
def test_teacher_without_school_reaches_every_teacher_page_without_error(staff, login_client, name):
    """Staff (and a teacher whose school is gone) have no school: pages must still answer."""
    if ROUTES[name].owns:
        classroom = ClassroomFactory(teacher=staff)
        notification = Notification.objects.create(
            recipient=staff, kind=Notification.Kind.SUGGESTIONS, params={}, url="/dashboard/"
        )
        project = draft_project(staff, classroom)
        ids = {
            "classroom": classroom.pk,
            "partner_classroom": ClassroomFactory().pk,
            "notification": notification.pk,
            "project": project.token,
            "activity": project.activities.get().pk,
        }
    else:
        ids = {}
    response = login_client(staff).get(url_for(name, ids))
    assert response.status_code in {200, 302}


def test_teacher_visiting_join_is_sent_to_dashboard(teacher_client):
    response = teacher_client.get(reverse("student_join"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_teacher_visiting_home_is_sent_to_dashboard(teacher_client):
    response = teacher_client.get(reverse("home"))
    assert response["Location"] == reverse("dashboard")


def test_school_join_moves_nobody_else(teacher_client, teacher, partner_teacher):
    """Joining a school changes only the teacher who asks."""
    other_school = SchoolFactory(name="Liceo Roma", country="IT", time_zone="Europe/Rome")
    response = teacher_client.post(reverse("school_join", args=[other_school.pk]))
    assert response.status_code == 302
    teacher.refresh_from_db()
    partner_teacher.refresh_from_db()
    assert teacher.school == other_school
    assert partner_teacher.school.name == "Delhi Public School"

"""Staff mark schools as verified (a staff page, or the Django admin); the badge shows on the
teacher's school page, partner search results and project pages."""

from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from orbis.projects.models import Project
from orbis.schools.models import School
from orbis.schools.services import school_join, school_set_verified
from tests.builders import add_partner, build_project
from tests.factories import ClassroomFactory, SchoolFactory, TeacherFactory

BADGE = "Verified school"


def test_the_staff_page_lists_unverified_schools_with_their_teacher_count(client, staff, db):
    busy = SchoolFactory(name="Busy school")
    TeacherFactory(school=busy)
    TeacherFactory(school=busy)
    SchoolFactory(name="Checked school", verified=True)
    client.force_login(staff)
    page = client.get(reverse("school_verification"))
    rows = list(page.context["page"].object_list)
    assert [school.name for school in rows] == ["Busy school"]
    assert rows[0].teacher_count == 2


def test_verifying_records_who_and_when_and_unverifying_clears_it(client, staff, db):
    school = SchoolFactory()
    client.force_login(staff)
    client.post(reverse("school_verify", args=[school.pk]))
    school.refresh_from_db()
    assert school.verified and school.verified_by == staff and school.verified_at is not None
    response = client.post(
        reverse("school_verify", args=[school.pk]), {"verified": "0"}, follow=True
    )
    assert "is no longer verified" in response.text
    school.refresh_from_db()
    assert not school.verified and school.verified_by is None and school.verified_at is None


def test_the_admin_actions_verify_and_unverify(staff, db):
    schools = [SchoolFactory(), SchoolFactory()]
    admin = site._registry[School]
    request = RequestFactory().post("/admin/")
    request.user = staff
    admin.mark_verified(request, School.objects.filter(pk__in=[s.pk for s in schools]))
    assert School.objects.filter(verified=True, verified_by=staff).count() == 2
    admin.mark_unverified(request, School.objects.all())
    assert not School.objects.filter(verified=True).exists()


def test_the_teachers_school_page_shows_the_badge(teacher_client, teacher):
    assert BADGE not in teacher_client.get(reverse("school_detail")).text
    School.objects.filter(pk=teacher.school_id).update(verified=True)
    assert BADGE in teacher_client.get(reverse("school_detail")).text


def test_renaming_a_verified_school_drops_the_verification(teacher_client, teacher):
    school = teacher.school
    School.objects.filter(pk=school.pk).update(verified=True)
    response = teacher_client.post(
        reverse("school_edit"),
        {
            "name": "Another name",
            "country": school.country.code,
            "city": school.city,
            "time_zone": school.time_zone,
            "weekend_days": school.weekend_days,
        },
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.name == "Another name"
    assert not school.verified


def test_project_page_shows_the_badge_of_verified_member_schools(
    teacher_client, classroom, partner_teacher
):
    project = build_project(classroom, status=Project.Status.RUNNING)
    add_partner(project, ClassroomFactory(teacher=partner_teacher))
    page = teacher_client.get(reverse("project_detail", args=[project.token])).text
    assert BADGE not in page
    school_set_verified(school=partner_teacher.school, verified=True, by=partner_teacher)
    page = teacher_client.get(reverse("project_detail", args=[project.token])).text
    assert page.count(BADGE) == 1


def test_a_teacher_who_joins_a_verified_school_later_is_not_shown_verified_until_staff_check(
    client, teacher_client, classroom, partner_teacher, staff, login_client
):
    """Anyone can say she works at a school: the badge and "verified schools only" are for
    the teachers staff confirmed there when they verified it."""
    from tests.factories import AvailabilityPeriodFactory

    school = partner_teacher.school
    school_set_verified(school=school, verified=True, by=staff)
    newcomer = TeacherFactory()
    school_join(teacher=newcomer, school=school)
    room = ClassroomFactory(teacher=newcomer, name="Newcomer's class", languages=["en"])
    AvailabilityPeriodFactory(classroom=room, weekday=1, start_minute=21 * 60, end_minute=1380)

    def shown(**params):
        response = teacher_client.get(reverse("partner_search"), params)
        return {
            result.classroom.name: BADGE in why_html
            for (result, _why), why_html in zip(
                response.context["page"].object_list,
                response.text.split('<li class="card">')[1:],
                strict=False,
            )
        }

    assert shown() == {"Newcomer's class": False}
    assert shown(verified_only="on") == {}

    # The staff page lists the school again; verifying it confirms her.
    staff_client = login_client(staff)
    listed = staff_client.get(reverse("school_verification")).context["page"].object_list
    assert school.name in [row.name for row in listed]
    row = next(row for row in listed if row.name == school.name)
    assert row.unconfirmed_teachers == [newcomer]  # whom staff are asked to check
    page = staff_client.get(reverse("school_verification")).text
    assert newcomer.email in page
    staff_client.post(reverse("school_verify", args=[school.pk]))
    assert shown() == {"Newcomer's class": True}
    assert shown(verified_only="on") == {"Newcomer's class": True}
    listed = staff_client.get(reverse("school_verification")).context["page"].object_list
    assert school.name not in [row.name for row in listed]

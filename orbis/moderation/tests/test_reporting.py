"""Teachers report what they can see; nothing else, once per target, and not without limit."""

import pytest
from django.urls import reverse

from orbis.moderation import services
from orbis.moderation.models import Report
from tests.builders import build_project
from tests.factories import ClassroomFactory, TeacherFactory

from .conftest import report_url

KINDS = ["post", "comment", "session", "project", "profile"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_teacher_reports_what_she_sees(kind, targets, teacher, teacher_client):
    obj, ref = targets[kind]
    page = teacher_client.get(report_url(kind, ref))
    assert page.status_code == 200
    assert "Report to the Orbis moderators" in page.text

    response = teacher_client.post(
        report_url(kind, ref), {"reason": "harassment", "details": "Not kind at all"}
    )

    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.target_kind, report.target) == (teacher, kind, obj)
    assert report.status == Report.Status.OPEN
    assert report.snapshot and report.target_label
    assert report.details == "Not kind at all"


@pytest.mark.parametrize("kind", ["post", "comment", "session", "project", "profile"])
def test_what_she_cant_see_is_not_found_and_nothing_is_stored(
    kind, targets, outsider, login_client
):
    obj, ref = targets[kind]
    if kind == "project":  # link holders see non-draft projects: a draft is hidden
        obj.status = "draft"
        obj.save(update_fields=["status"])
    if kind == "profile":  # not looking for partners, and no shared project
        obj.classrooms.update(looking_for_partners=False)
    client = login_client(outsider)

    assert client.get(report_url(kind, ref)).status_code == 404
    assert client.post(report_url(kind, ref), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("ref", ["999999", "abc", "1" * 30, "0"])
def test_unknown_targets_are_not_found(ref, targets, teacher_client):
    for kind in KINDS:
        assert teacher_client.get(report_url(kind, ref)).status_code == 404
    assert teacher_client.get(f"/moderation/report/nonsense/{ref}/").status_code == 404


def test_a_hidden_post_of_the_board_cant_be_reported(post, teacher_client):
    post.status = "rejected"
    post.save(update_fields=["status"])
    assert teacher_client.get(report_url("post", post.pk)).status_code == 404


def test_a_teacher_cant_report_her_own_profile(teacher, teacher_client):
    assert teacher_client.get(report_url("profile", teacher.pk)).status_code == 404


def test_a_profile_shown_as_possible_partner_can_be_reported(outsider, login_client):
    stranger = ClassroomFactory(teacher=TeacherFactory(display_name="Stranger")).teacher
    response = login_client(outsider).post(report_url("profile", stranger.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert Report.objects.get().target_user == stranger


def test_a_second_open_report_of_the_same_target_is_refused(post, teacher_client):
    teacher_client.post(report_url("post", post.pk), {"reason": "spam"})

    again = teacher_client.post(report_url("post", post.pk), {"reason": "harassment"}, follow=True)

    assert "You already reported this" in again.text
    assert Report.objects.count() == 1


def test_another_teacher_may_report_the_same_target(post, teacher_client, login_client, project):
    from tests.builders import add_partner

    third = ClassroomFactory()
    add_partner(project, third)
    teacher_client.post(report_url("post", post.pk), {"reason": "spam"})
    login_client(third.teacher).post(report_url("post", post.pk), {"reason": "spam"})
    assert Report.objects.filter(target_post=post).count() == 2


def test_reports_are_limited_per_day(teacher, delhi, teacher_client, monkeypatch):
    monkeypatch.setattr(services, "REPORTS_PER_DAY", 2)
    projects = [build_project(delhi, status="open") for _ in range(3)]

    for project in projects[:2]:
        assert teacher_client.post(report_url("project", project.token), {"reason": "spam"})[
            "Location"
        ]
    refused = teacher_client.post(report_url("project", projects[2].token), {"reason": "spam"})

    assert refused.status_code == 200
    assert "please wait until tomorrow" in refused.text
    assert Report.objects.count() == 2


@pytest.mark.parametrize(
    "data, field",
    [
        ({"reason": "<script>"}, "reason"),
        ({"reason": ""}, "reason"),
        ({"reason": "spam' OR 1=1"}, "reason"),
        ({"reason": "other", "details": "   "}, "details"),
        ({"reason": "spam", "details": "x" * 2001}, "details"),
    ],
)
def test_hostile_values_are_refused_and_nothing_is_saved(data, field, post, teacher_client):
    response = teacher_client.post(report_url("post", post.pk), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Report.objects.exists()


def test_students_are_told_to_tell_their_teacher(post, project, student, student_client):
    page = student_client.get(reverse("board_post", args=[project.token, post.pk]))
    assert page.status_code == 200
    assert "Tell your teacher" in page.text
    assert reverse("moderation_report", args=["post", post.pk]) not in page.text
    # The report page itself is for teachers.
    response = student_client.get(report_url("post", post.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_report_links_are_on_every_reportable_page(targets, project, teacher_client, delhi):
    post, session = targets["post"][0], targets["session"][0]
    pages = {
        reverse("board_post", args=[project.token, post.pk]): ["post", "comment"],
        reverse("board", args=[project.token]): ["post"],
        reverse("live_session_detail", args=[project.token, session.pk]): ["session"],
        reverse("project_detail", args=[targets["project"][1]]): ["project"],
        reverse("partner_classroom", args=[delhi.pk]): ["profile"],
    }
    for url, kinds in pages.items():
        text = teacher_client.get(url).text
        for kind in kinds:
            assert report_url(kind, targets[kind][1]) in text, (url, kind)


def test_a_deleted_target_keeps_its_report(post, teacher_client):
    teacher_client.post(report_url("post", post.pk), {"reason": "spam"})
    post.delete()
    report = Report.objects.get()
    assert report.target is None
    assert "Our river" in report.snapshot

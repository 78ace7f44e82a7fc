"""Who reaches every URL of moderation. The queue, a report's page, deciding and the audit log
are for the Orbis staff only: any other signed-in teacher gets 404, as for a page that doesn't
exist, and a visitor who is nobody (or a student, who has no account) is sent to log in.
Reporting is for signed-in teachers who can see the target: everyone else gets 404, the staff
included (being staff shows nothing that isn't shown to them as teachers)."""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.moderation.models import AuditLog, Report
from orbis.students.middleware import SESSION_KEY

from .conftest import report_url

ROUTE_NAMES = {
    "moderation_queue",
    "moderation_audit",
    "moderation_report_detail",
    "moderation_decide",
    "moderation_report",
}
STAFF_PAGES = ["moderation_queue", "moderation_audit", "moderation_report_detail"]


@pytest.fixture
def setup(post, teacher, partner_teacher, outsider, student, staff, login_client):
    # Its reporter's account was deleted: the member teacher may still report the post herself.
    report = Report.objects.create(
        reporter=None,
        target_kind="post",
        target_post=post,
        target_label=post.title,
        snapshot=post.body,
        reason="spam",
    )
    student_client = Client()
    session = student_client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return {
        "post": post,
        "report": report,
        "anonymous": Client(),
        "student": student_client,
        "outsider": login_client(outsider),
        "member": login_client(teacher),
        "author": login_client(partner_teacher),
        "staff": login_client(staff),
    }


def url(name, setup) -> str:
    if name in ("moderation_report_detail", "moderation_decide"):
        return reverse(name, args=[setup["report"].pk])
    if name == "moderation_report":
        return report_url("post", setup["post"].pk)
    return reverse(name)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_matrix_covers_every_url_of_the_app():
    from orbis.moderation.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == ROUTE_NAMES


@pytest.mark.parametrize("name", sorted(ROUTE_NAMES))
@pytest.mark.parametrize("who", ["anonymous", "student"])
def test_nobody_and_students_are_sent_to_log_in(name, who, setup):
    client = setup[who]
    assert is_login_redirect(client.get(url(name, setup)))
    assert is_login_redirect(client.post(url(name, setup), {"action": "hide", "reason": "x"}))
    assert not AuditLog.objects.exists() and Report.objects.count() == 1


@pytest.mark.parametrize("name", [*STAFF_PAGES, "moderation_decide"])
@pytest.mark.parametrize("who", ["outsider", "member", "author"])
def test_teachers_who_arent_staff_get_404_on_staff_pages(name, who, setup):
    client = setup[who]
    assert client.get(url(name, setup)).status_code == 404
    assert client.post(url(name, setup), {"action": "hide", "reason": "x"}).status_code == 404
    setup["post"].refresh_from_db()
    assert setup["post"].status == "approved" and not AuditLog.objects.exists()


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_see_the_staff_pages(name, setup):
    assert setup["staff"].get(url(name, setup)).status_code == 200


def test_staff_pages_answer_only_their_methods(setup):
    staff = setup["staff"]
    assert staff.get(url("moderation_decide", setup)).status_code == 405
    for name in STAFF_PAGES:
        assert staff.post(url(name, setup)).status_code == 405


def test_staff_decide(setup):
    response = setup["staff"].post(
        url("moderation_decide", setup), {"action": "dismiss", "reason": "Fine"}
    )
    assert response.status_code == 302
    assert AuditLog.objects.get().action == "dismiss"


@pytest.mark.parametrize("who, status", [("outsider", 404), ("staff", 404), ("member", 200)])
def test_reporting_is_for_teachers_who_see_the_target(who, status, setup):
    client = setup[who]
    assert client.get(url("moderation_report", setup)).status_code == status
    response = client.post(url("moderation_report", setup), {"reason": "harassment"})
    assert response.status_code == (302 if status == 200 else 404)
    assert Report.objects.filter(reporter__isnull=False).count() == (1 if status == 200 else 0)


def test_reporting_answers_only_get_and_post(setup):
    assert setup["member"].put(url("moderation_report", setup)).status_code == 405

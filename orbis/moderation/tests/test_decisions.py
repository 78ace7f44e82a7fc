"""The staff's actions on reports: their effect, the audit log, and who is told what."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from orbis.board.models import Comment, Post
from orbis.live.models import LiveSession
from orbis.moderation import services
from orbis.moderation.models import Action, AuditLog, Report
from orbis.notifications.models import Notification
from orbis.projects.models import Project

from .conftest import report_url


def make_report(client, kind, ref, reason="harassment") -> Report:
    response = client.post(report_url(kind, ref), {"reason": reason, "details": "Please look"})
    assert response.status_code == 302
    return Report.objects.latest("pk")


def decide(staff_client, report, action, reason="Breaks the rules for minors"):
    return staff_client.post(
        reverse("moderation_decide", args=[report.pk]), {"action": action, "reason": reason}
    )


def outcome_for(user) -> Notification:
    return Notification.objects.get(recipient=user, kind=Notification.Kind.REPORT_DECIDED)


def test_the_queue_lists_open_reports_oldest_first(targets, teacher_client, staff_client, staff):
    first = make_report(teacher_client, "post", targets["post"][1])
    second = make_report(teacher_client, "session", targets["session"][1])

    page = staff_client.get(reverse("moderation_queue"))

    assert [r.pk for r in page.context["page"].object_list] == [first.pk, second.pk]
    only_sessions = staff_client.get(reverse("moderation_queue"), {"kind": "session"})
    assert [r.pk for r in only_sessions.context["page"].object_list] == [second.pk]
    # The navigation shows the staff how many reports are open.
    assert reverse("moderation_queue") in page.text
    assert 'aria-label="2 open reports"' in page.text


@pytest.mark.parametrize(
    "params", [{"kind": "x" * 5000}, {"status": "nonsense"}, {"page": "-1"}, {"page": "abc"}]
)
def test_hostile_filters_fall_back_to_the_open_queue(params, staff_client, post, teacher_client):
    make_report(teacher_client, "post", post.pk)
    assert staff_client.get(reverse("moderation_queue"), params).status_code == 200
    assert (
        staff_client.get(reverse("moderation_audit"), {"actor": "abc", **params}).status_code == 200
    )


def test_hiding_a_post_takes_it_off_the_board_and_restore_brings_it_back(
    post, project, teacher, teacher_client, staff_client, staff, partner_teacher, login_client
):
    report = make_report(teacher_client, "post", post.pk)
    detail = staff_client.get(reverse("moderation_report_detail", args=[report.pk]))
    assert "Call me on +91 5555 5555" in detail.text

    assert decide(staff_client, report, "hide").status_code == 302

    post.refresh_from_db()
    assert post.status == Post.Status.REJECTED
    detail = staff_client.get(reverse("moderation_report_detail", args=[report.pk]))
    assert "Not approved" in detail.text  # its state now, next to the snapshot
    board = reverse("board", args=[project.token])
    for member in (teacher_client, login_client(partner_teacher)):
        assert "Our river" not in member.get(board).text
    assert (
        teacher_client.get(reverse("board_post", args=[project.token, post.pk])).status_code == 404
    )
    entry = AuditLog.objects.get()
    assert (entry.actor, entry.action, entry.target_kind, entry.target_id) == (
        staff,
        Action.HIDE,
        "post",
        post.pk,
    )
    assert entry.reason == "Breaks the rules for minors"
    assert "Call me on" in entry.snapshot and entry.report == report
    report.refresh_from_db()
    assert (report.status, report.decision, report.decided_by) == ("decided", "hide", staff)
    told = outcome_for(teacher)
    assert told.text == "Your report about “Our river” was reviewed: it is hidden now."
    assert staff.display_name not in told.text and "staff" not in told.text

    decide(staff_client, report, "restore", reason="The number was a school office")

    post.refresh_from_db()
    assert post.status == Post.Status.APPROVED
    assert "Our river" in teacher_client.get(board).text
    restore = AuditLog.objects.get(action=Action.RESTORE)
    assert restore.undoes.action == Action.HIDE
    # Told once: the report was decided by the first action.
    assert Notification.objects.filter(kind=Notification.Kind.REPORT_DECIDED).count() == 1


def test_hiding_a_comment(comment, teacher_client, staff_client):
    report = make_report(teacher_client, "comment", comment.pk)
    decide(staff_client, report, "hide")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


def test_hiding_a_session_cancels_it_and_restore_schedules_it_again(
    session, teacher, teacher_client, staff_client
):
    report = make_report(teacher_client, "session", session.pk)
    decide(staff_client, report, "hide")
    session.refresh_from_db()
    assert session.status == LiveSession.Status.CANCELLED
    assert Notification.objects.filter(
        recipient=teacher, kind=Notification.Kind.SESSION_CANCELLED
    ).exists()

    decide(staff_client, report, "restore")
    session.refresh_from_db()
    assert session.status == LiveSession.Status.SCHEDULED
    assert session.reminders.count() == 2


def test_hiding_a_project_unlists_it_and_closing_archives_it(
    jhansi_project, teacher_client, staff_client, partner_teacher
):
    report = make_report(teacher_client, "project", jhansi_project.token)
    decide(staff_client, report, "hide")
    jhansi_project.refresh_from_db()
    assert jhansi_project.visibility == Project.Visibility.LINK

    decide(staff_client, report, "close", reason="Not a school project")
    jhansi_project.refresh_from_db()
    # A staff close archives from any status, even where the owner's status machine can't.
    assert jhansi_project.status == Project.Status.ARCHIVED
    assert AuditLog.objects.filter(action=Action.CLOSE, target_id=jhansi_project.pk).exists()

    decide(staff_client, report, "restore")  # undoes the latest: the close
    jhansi_project.refresh_from_db()
    assert (jhansi_project.status, jhansi_project.visibility) == ("open", "link")
    decide(staff_client, report, "restore")  # then the hide
    jhansi_project.refresh_from_db()
    assert jhansi_project.visibility == Project.Visibility.PUBLIC


def test_closing_a_running_project(partnered, teacher, outsider, login_client, staff_client):
    report = make_report(login_client(outsider), "project", partnered.token)
    decide(staff_client, report, "close")
    partnered.refresh_from_db()
    assert partnered.status == Project.Status.ARCHIVED
    told = outcome_for(outsider)
    assert told.text.endswith("the project was closed.")


def test_warning_notifies_the_author_with_the_reason(
    comment, teacher, teacher_client, staff_client, partner_teacher
):
    report = make_report(teacher_client, "comment", comment.pk)
    decide(staff_client, report, "warn", reason="Be kind to the children")

    warning = Notification.objects.get(
        recipient=partner_teacher, kind=Notification.Kind.ACCOUNT_WARNED
    )
    assert "Be kind to the children" in warning.text
    assert "Nasty words here" in warning.text
    entry = AuditLog.objects.get()
    assert (entry.action, entry.target_kind, entry.target_id) == (
        "warn",
        "profile",
        partner_teacher.pk,
    )
    assert outcome_for(teacher).text.endswith("its author was warned.")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED  # a warning hides nothing


def test_a_students_post_answers_through_her_teacher(
    partnered, delhi, partner_teacher, teacher_client, staff_client
):
    from tests.factories import StudentFactory

    tiger = StudentFactory(classroom=delhi, nickname="Tiger")
    post = Post.objects.create(
        project=partnered, classroom=delhi, author_student=tiger, phase="definition", title="Hi"
    )
    report = make_report(teacher_client, "post", post.pk)
    decide(staff_client, report, "warn")
    assert Notification.objects.filter(
        recipient=partner_teacher, kind=Notification.Kind.ACCOUNT_WARNED
    ).exists()


def test_suspending_blocks_login_and_ends_sessions(
    partnered, partner_teacher, teacher_client, staff_client, login_client
):
    partner_teacher.set_password("a good long password 42")
    partner_teacher.save()
    signed_in = login_client(partner_teacher)
    assert signed_in.get(reverse("dashboard")).status_code == 200
    report = make_report(teacher_client, "profile", partner_teacher.pk)

    decide(staff_client, report, "suspend")

    partner_teacher.refresh_from_db()
    assert not partner_teacher.is_active
    assert not any(
        s.get_decoded().get(SESSION_KEY) == str(partner_teacher.pk) for s in Session.objects.all()
    )
    response = signed_in.get(reverse("dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]
    attempt = Client().post(
        reverse("account_login"),
        {"login": partner_teacher.email, "password": "a good long password 42"},
    )
    assert SESSION_KEY not in attempt.wsgi_request.session
    assert not attempt.wsgi_request.user.is_authenticated
    entry = AuditLog.objects.get()
    assert (entry.action, entry.target_id) == ("suspend", partner_teacher.pk)

    decide(staff_client, report, "restore", reason="Appeal accepted")
    partner_teacher.refresh_from_db()
    assert partner_teacher.is_active


def test_staff_accounts_cant_be_suspended_from_the_queue(staff, teacher_client, staff_client):
    from tests.factories import ClassroomFactory, SchoolFactory

    staff.school = SchoolFactory()
    staff.save(update_fields=["school"])
    ClassroomFactory(teacher=staff)
    report = make_report(teacher_client, "profile", staff.pk)
    response = decide(staff_client, report, "suspend")
    assert response.status_code == 200
    assert "action" in response.context["form"].errors
    staff.refresh_from_db()
    assert staff.is_active and not AuditLog.objects.exists()


def test_dismissing_changes_nothing_but_is_logged_and_told(
    post, teacher, teacher_client, staff_client
):
    report = make_report(teacher_client, "post", post.pk)
    decide(staff_client, report, "dismiss", reason="Ordinary school content")
    post.refresh_from_db()
    assert post.status == Post.Status.APPROVED
    assert AuditLog.objects.get().action == "dismiss"
    assert outcome_for(teacher).text.endswith("no action was needed.")
    assert outcome_for(teacher).url == reverse("board_post", args=[post.project.token, post.pk])


def test_one_decision_closes_every_open_report_of_the_target(
    post, project, teacher, teacher_client, staff_client, login_client, partner_teacher
):
    from tests.builders import add_partner
    from tests.factories import ClassroomFactory

    third = ClassroomFactory()
    add_partner(project, third)
    make_report(teacher_client, "post", post.pk)
    second = make_report(login_client(third.teacher), "post", post.pk)

    decide(staff_client, second, "hide")

    assert not Report.objects.filter(status="open").exists()
    assert outcome_for(teacher) and outcome_for(third.teacher)
    assert AuditLog.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"action": "hide", "reason": ""},
        {"action": "hide", "reason": "   "},
        {"action": "hide", "reason": "x" * 1001},
        {"action": "explode", "reason": "Because"},
        {"action": "close", "reason": "Not a project report"},
        {"reason": "No action"},
    ],
)
def test_a_decision_needs_an_action_that_applies_and_a_reason(
    data, post, teacher_client, staff_client
):
    report = make_report(teacher_client, "post", post.pk)
    response = staff_client.post(reverse("moderation_decide", args=[report.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    post.refresh_from_db()
    assert post.status == Post.Status.APPROVED
    assert not AuditLog.objects.exists()
    assert Report.objects.get().status == "open"


def test_restore_needs_something_to_undo(post, teacher_client, staff_client):
    report = make_report(teacher_client, "post", post.pk)
    assert "restore" not in services.available_actions(report)
    response = decide(staff_client, report, "restore")
    assert response.status_code == 200 and not AuditLog.objects.exists()


def test_hiding_twice_is_refused_with_a_message(post, teacher_client, staff_client, staff):
    report = make_report(teacher_client, "post", post.pk)
    decide(staff_client, report, "hide")
    response = decide(staff_client, report, "hide")
    assert "It is hidden already." in response.text
    assert AuditLog.objects.count() == 1


def test_a_deleted_target_can_only_be_dismissed(post, teacher, teacher_client, staff_client):
    report = make_report(teacher_client, "post", post.pk)
    post.delete()
    report.refresh_from_db()
    assert services.available_actions(report) == ["dismiss"]
    page = staff_client.get(reverse("moderation_report_detail", args=[report.pk]))
    assert "It was deleted." in page.text and "Our river" in page.text
    decide(staff_client, report, "dismiss")
    entry = AuditLog.objects.get()
    assert entry.target_id is None and entry.target_label == "Our river"


def test_the_audit_log_lists_and_filters_entries(
    post, comment, teacher_client, staff_client, staff, login_client
):
    from tests.factories import TeacherFactory

    other_staff = TeacherFactory(is_staff=True, display_name="Other moderator")
    decide(staff_client, make_report(teacher_client, "post", post.pk), "hide")
    decide(login_client(other_staff), make_report(teacher_client, "comment", comment.pk), "dismiss")

    everything = staff_client.get(reverse("moderation_audit"))
    assert len(everything.context["page"].object_list) == 2
    hides = staff_client.get(reverse("moderation_audit"), {"action": "hide"})
    assert [e.action for e in hides.context["page"].object_list] == ["hide"]
    theirs = staff_client.get(reverse("moderation_audit"), {"actor": other_staff.pk})
    assert [e.actor for e in theirs.context["page"].object_list] == [other_staff]


def test_the_admin_shows_the_log_read_only(admin_client, post, teacher_client, staff_client):
    decide(staff_client, make_report(teacher_client, "post", post.pk), "dismiss")
    entry = AuditLog.objects.get()
    assert admin_client.get(reverse("admin:moderation_auditlog_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:moderation_auditlog_delete", args=[entry.pk])).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse("admin:moderation_auditlog_change", args=[entry.pk]), {"reason": "changed"}
        ).status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.reason == "Breaks the rules for minors"


def test_a_student_editing_a_post_staff_hid_does_not_send_it_back_for_approval(
    partnered, delhi, partner_teacher, teacher_client, staff_client
):
    """Otherwise her teacher's approval would undo the moderators' decision."""
    from orbis.board import services as board
    from tests.factories import StudentFactory

    student = StudentFactory(classroom=delhi)
    post = board.post_create(
        project=partnered, classroom=delhi, phase="definition", title="Our river", body="",
        uploads=[], student=student,
    )  # fmt: skip
    board.item_approve(item=post, teacher=partner_teacher)
    report = make_report(teacher_client, "post", post.pk)
    decide(staff_client, report, "hide")
    post.refresh_from_db()

    board.post_update(
        post=post,
        phase="definition",
        title="Our river",
        body="Now it is fine",
        editor_student=student,
    )
    post.refresh_from_db()
    assert post.status == Post.Status.REJECTED
    with pytest.raises(board.BoardError):
        board.item_approve(item=post, teacher=partner_teacher)

    # Restored by the moderators, it is the class's like any other again.
    decide(staff_client, report, "restore", reason="A misunderstanding")
    board.item_reject(item=Post.objects.get(pk=post.pk), teacher=partner_teacher)
    post.refresh_from_db()
    board.post_update(
        post=post, phase="definition", title="Our river", body="Fixed", editor_student=student
    )
    post.refresh_from_db()
    assert post.status == Post.Status.PENDING

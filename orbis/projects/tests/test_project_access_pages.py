"""Who sees which project page: drafts only for their members, joining from the page, answering
and withdrawing requests, status refusals, and leaving."""

import pytest
from django.urls import reverse
from django.utils import timezone

from orbis.projects.models import Membership, Project
from orbis.projects.services.membership import partner_count
from tests.builders import add_partner
from tests.factories import ClassroomFactory, TeacherFactory

from .pages import follow_messages

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# ---- who sees which project -----------------------------------------------------------------


def test_a_draft_is_404_for_everyone_but_its_members(
    login_client, teacher_client, outsider, partner_teacher, draft, delhi
):
    for who in (outsider, partner_teacher):
        client = login_client(who)
        for name in ("project_detail", "project_ics"):
            assert client.get(reverse(name, args=[draft.token])).status_code == 404
        join = client.post(reverse("project_join", args=[draft.token]), {"classroom": delhi.pk})
        assert join.status_code == 404
    assert teacher_client.get(reverse("project_detail", args=[draft.token])).status_code == 200
    add_partner(draft, delhi)
    partner = login_client(partner_teacher)
    assert partner.get(reverse("project_detail", args=[draft.token])).status_code == 200
    assert partner.get(reverse("project_edit", args=[draft.token])).status_code == 404


def test_an_open_project_offers_to_join_and_the_request_arrives(
    login_client, teacher_client, open_project, partner_teacher, delhi
):
    client = login_client(partner_teacher)
    page = client.get(reverse("project_detail", args=[open_project.token]))
    assert page.context["join_form"] is not None and page.context["editor"] is False
    response = client.post(
        reverse("project_join", args=[open_project.token]),
        {"classroom": delhi.pk, "message": "<b>Namaste</b>"},
    )
    assert "Your request is sent." in " ".join(follow_messages(client, response))
    page = client.get(reverse("project_detail", args=[open_project.token]))
    assert page.context["pending"].classroom == delhi
    owner_page = teacher_client.get(reverse("project_detail", args=[open_project.token]))
    assert [join.classroom for join in owner_page.context["requests"]] == [delhi]
    assert "&lt;b&gt;Namaste&lt;/b&gt;" in owner_page.text
    again = client.post(reverse("project_join", args=[open_project.token]), {"classroom": delhi.pk})
    assert "You already asked to join with this classroom." in follow_messages(client, again)


def test_join_with_a_classroom_that_is_not_yours(login_client, open_project, partner_teacher):
    stranger = ClassroomFactory(teacher=TeacherFactory())
    client = login_client(partner_teacher)
    response = client.post(
        reverse("project_join", args=[open_project.token]), {"classroom": stranger.pk}
    )
    assert "Choose one of your classrooms to join with." in follow_messages(client, response)
    assert not open_project.join_requests.exists()


def test_status_change_refusals_show_their_reason(teacher_client, open_project):
    response = teacher_client.post(
        reverse("project_status", args=[open_project.token]), {"status": "running"}
    )
    assert (
        "A project runs with at least one partner class: wait for one to join."
        in follow_messages(teacher_client, response)
    )
    open_project.refresh_from_db()
    assert open_project.status == Project.Status.OPEN


def test_answering_a_request_from_the_page(teacher_client, login_client, join_request):
    response = teacher_client.post(reverse("project_join_accept", args=[join_request.pk]))
    assert response["Location"].endswith("#classes")
    assert partner_count(join_request.project) == 1
    # The teacher who asked can't withdraw it any more.
    client = login_client(join_request.classroom.teacher)
    response = client.post(reverse("project_join_withdraw", args=[join_request.pk]))
    assert response["Location"] == reverse("project_mine")
    assert "This request was already answered or withdrawn." in follow_messages(client, response)


def test_strangers_get_404_for_join_requests_and_no_link(outsider_client, join_request):
    for name in ("project_join_accept", "project_join_decline", "project_join_withdraw"):
        response = outsider_client.post(reverse(name, args=[join_request.pk]))
        assert response.status_code == 404
        assert join_request.project.token not in response.text
    join_request.refresh_from_db()
    assert join_request.status == "pending"


def test_a_partner_leaves_from_the_page(login_client, open_project, partner_teacher, delhi):
    membership = add_partner(open_project, delhi)
    client = login_client(partner_teacher)
    url = reverse("project_member_leave", args=[open_project.token, membership.pk])
    response = client.post(url)
    assert response["Location"] == reverse("project_mine")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_the_owner_cannot_leave_from_the_page(teacher_client, open_project):
    owner = open_project.memberships.get(role=Membership.Role.OWNER)
    url = reverse("project_member_leave", args=[open_project.token, owner.pk])
    response = teacher_client.post(url)
    assert "archive the project instead" in " ".join(follow_messages(teacher_client, response))
    assert Membership.objects.filter(pk=owner.pk).exists()

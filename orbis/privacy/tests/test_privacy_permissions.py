"""Who may use the privacy URLs. The notice is public; export and deletion act on the signed-in
teacher's own account only (there is no id in their URLs to point at anyone else's), so
anonymous visitors and students are sent to the login page and change nothing."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from orbis.accounts.models import User

ROUTE_NAMES = {"privacy_notice", "privacy_export", "privacy_delete"}
TEACHER_ONLY = ["privacy_export", "privacy_delete"]


def assert_login_redirect(response, url):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login")
    assert parse_qs(location.query) == {"next": [url]}


@pytest.mark.parametrize("name", TEACHER_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login(client, teacher, name, method):
    url = reverse(name)
    data = {"password": "password", "contributions": "delete"} if method == "post" else {}
    assert_login_redirect(getattr(client, method)(url, data), url)
    assert User.objects.filter(pk=teacher.pk).exists()


@pytest.mark.parametrize("name", TEACHER_ONLY)
@pytest.mark.parametrize("method", ["get", "post"])
def test_student_is_sent_to_login(student_client, name, method):
    url = reverse(name)
    data = {"password": "password", "contributions": "delete"} if method == "post" else {}
    assert_login_redirect(getattr(student_client, method)(url, data), url)
    assert User.objects.exists()


@pytest.mark.parametrize("name", TEACHER_ONLY)
def test_a_teacher_sees_her_own_pages(teacher_client, name):
    assert teacher_client.get(reverse(name)).status_code == 200


def test_a_teacher_acts_only_on_her_own_account(client, teacher, outsider):
    """An outsider deleting "her" account deletes her own, never the teacher's."""
    outsider.set_password("outsider password")
    outsider.save()
    client.force_login(outsider)
    response = client.post(
        reverse("privacy_delete"), {"password": "outsider password", "contributions": "delete"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=outsider.pk).exists()
    assert User.objects.filter(pk=teacher.pk).exists()


@pytest.mark.parametrize("who", ["client", "student_client", "teacher_client"])
def test_everyone_reads_the_notice(request, who):
    client = request.getfixturevalue(who)
    assert client.get(reverse("privacy_notice")).status_code == 200
    assert client.post(reverse("privacy_notice")).status_code == 405


def test_other_methods_are_refused(teacher_client):
    for name in TEACHER_ONLY:
        assert teacher_client.put(reverse(name)).status_code == 405

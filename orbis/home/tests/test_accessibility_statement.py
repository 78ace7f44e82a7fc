"""The accessibility statement: public, for everyone, honest about what is not done yet, with a
way to report a barrier, and linked from the foot of every page."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("who", ["client", "student_client", "teacher_client", "staff_client"])
def test_everyone_reads_the_statement(request, who):
    client = request.getfixturevalue(who)
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "WCAG 2.1" in page and "without JavaScript" in page and "right to left" in page
    assert "has not been measured" in page and "does not claim to conform" in page
    assert client.post(reverse("accessibility")).status_code == 405


def test_a_barrier_is_reported_to_the_contact_address(client, settings):
    settings.ORBIS_CONTACT_EMAIL = "access@orbis.example.org"
    page = client.get(reverse("accessibility")).content.decode()
    assert 'href="mailto:access@orbis.example.org"' in page


def test_without_a_contact_address_it_says_whom_to_tell(client, settings):
    settings.ORBIS_CONTACT_EMAIL = ""
    page = client.get(reverse("accessibility")).content.decode()
    assert "mailto:" not in page
    assert "organisation that runs it" in page and "Report" in page


@pytest.mark.parametrize(("who", "name"), [("client", "home"), ("teacher_client", "dashboard")])
def test_the_foot_of_the_page_links_to_it(request, who, name):
    page = request.getfixturevalue(who).get(reverse(name)).content.decode()
    footer = page.split('<footer class="site">', 1)[1]
    assert f'href="{reverse("accessibility")}"' in footer

"""The confirmation email names Orbis; the check-your-email page sends it again and says whom to
write to."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

PASSWORD = "Tango-Rosario-1978"
RESEND = "account_resend_confirmation"


def signup(client, email="nueva@school.test"):
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD, "accept_conduct": "on"}
    response = client.post(reverse("account_signup"), data)
    assert response["Location"] == reverse("account_email_verification_sent")
    return response


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_confirmation_email_says_orbis_not_the_host(client, db):
    signup(client)
    [message] = mail.outbox
    assert message.subject.startswith("[Orbis] ")
    assert "testserver" not in message.subject
    assert "Hello from Orbis!" in message.body
    assert "Thank you for using Orbis!" in message.body
    assert "Hello from testserver" not in message.body
    assert "using testserver" not in message.body


def test_the_check_your_email_page_offers_send_it_again_and_a_contact(client, db, settings):
    settings.ORBIS_CONTACT_EMAIL = "help@orbis.example.org"
    signup(client)
    page = client.get(reverse("account_email_verification_sent")).text
    assert "Check your email" in page
    assert f'<form method="post" action="{reverse(RESEND)}">' in page
    assert "Send it again" in page
    assert '<a href="mailto:help@orbis.example.org">help@orbis.example.org</a>' in page


def test_send_it_again_sends_a_new_link_to_the_address_signed_up_with(client, db):
    signup(client)
    response = client.post(reverse(RESEND), follow=True)
    assert response.redirect_chain == [(reverse("account_email_verification_sent"), 302)]
    assert len(mail.outbox) == 1, "a link sent a moment ago is not sent again at once"
    assert any("a moment ago" in text for text in messages_of(response))

    cache.clear()  # minutes later: allauth's cooldown has passed
    response = client.post(reverse(RESEND), follow=True)
    assert len(mail.outbox) == 2
    again = mail.outbox[1]
    assert again.to == ["nueva@school.test"]
    assert "Hello from Orbis!" in again.body and "/accounts/confirm-email/" in again.body
    assert any("nueva@school.test" in text for text in messages_of(response))


def test_send_it_again_after_logging_in_unconfirmed(client, db):
    signup(client)
    client.logout()
    cache.clear()
    client.post(reverse("account_login"), {"login": "nueva@school.test", "password": PASSWORD})
    assert len(mail.outbox) == 2  # logging in unconfirmed sends a link too
    cache.clear()
    client.post(reverse(RESEND))
    assert [message.to for message in mail.outbox] == [["nueva@school.test"]] * 3


@pytest.mark.parametrize("who", ["visitor", "teacher"])
def test_send_it_again_without_a_sign_up_waiting_sends_nothing(client, db, who, teacher):
    if who == "teacher":
        client.force_login(teacher)
    response = client.post(reverse(RESEND))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert mail.outbox == []
    assert client.get(reverse(RESEND)).status_code == 405

"""Teacher accounts: sign up, confirm the email, log in and out, reset a forgotten password."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.core import mail
from django.urls import reverse

from orbis import settings as project_settings

User = get_user_model()

PASSWORD = "Tango-Rosario-1978"
NEW_PASSWORD = "Milonga-Parana-2026"


def link_in(message, path_start: str) -> str:
    """The path of the first link in the email that starts with path_start."""
    match = re.search(rf"https?://testserver({re.escape(path_start)}\S+?/)(?:\s|$)", message.body)
    assert match, message.body
    return match[1]


def logged_in_user(client):
    pk = client.session.get(SESSION_KEY)
    return User.objects.filter(pk=pk).first() if pk else None


def signup(client, email="nueva@school.test", password=PASSWORD, password2=None, accept=True):
    data = {"email": email, "password1": password, "password2": password2 or password}
    if accept:
        data["accept_conduct"] = "on"
    return client.post(reverse("account_signup"), data)


@pytest.fixture
def signed_up(client, db):
    response = signup(client)
    assert response.status_code == 302
    return response


# ---- signing up and confirming ---------------------------------------------------------------


def test_signup_sends_a_confirmation_email_and_asks_to_check_it(client, signed_up):
    assert signed_up["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nueva@school.test"]
    assert message.subject.startswith("[Orbis] ")
    user = User.objects.get(email="nueva@school.test")
    assert not EmailAddress.objects.get(user=user).verified
    assert logged_in_user(client) is None


def test_confirmation_link_shows_a_page_then_confirms_on_post_and_logs_in(client, signed_up):
    url = link_in(mail.outbox[0], "/accounts/confirm-email/")
    page = client.get(url)
    assert page.status_code == 200
    user = User.objects.get(email="nueva@school.test")
    assert not EmailAddress.objects.get(user=user).verified, "GET must not confirm"
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert EmailAddress.objects.get(user=user).verified
    assert logged_in_user(client) == user
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert "Getting started" in dashboard.text


def test_a_wrong_confirmation_key_confirms_nothing(client, signed_up):
    response = client.post("/accounts/confirm-email/not-a-real-key/")
    assert response.status_code in {200, 302, 404}
    assert not EmailAddress.objects.filter(verified=True).exists()
    assert logged_in_user(client) is None


def test_login_before_confirming_is_sent_to_the_verification_page(client, signed_up):
    mail.outbox.clear()
    response = client.post(
        reverse("account_login"), {"login": "nueva@school.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert logged_in_user(client) is None
    assert client.get(reverse("dashboard")).status_code == 302
    assert not EmailAddress.objects.filter(verified=True).exists()


def test_signup_with_mismatched_passwords_is_refused(client, db):
    response = signup(client, password2="Something-Else-99")
    assert response.status_code == 200
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("password", ["short", "12345678901", "password123"])
def test_signup_with_a_weak_password_is_refused(client, db, password):
    response = signup(client, password=password)
    assert response.status_code == 200
    assert not User.objects.exists()


@pytest.mark.parametrize("email", ["not-an-email", "", "a@b", "two@at@school.test"])
def test_signup_with_a_bad_email_is_refused(client, db, email):
    response = signup(client, email=email)
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_with_an_email_longer_than_254_characters_is_refused(client, db):
    """Django's form EmailField takes up to 320 characters, the User and EmailAddress columns
    254: allauth then cuts the address, creating an account (and sending a confirmation) for
    "xxx…x" with no domain at all."""
    email = "x" * 300 + "@school.test"
    response = signup(client, email=email)
    assert response.status_code == 200
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_with_a_taken_email_creates_no_second_account(client, teacher):
    response = signup(client, email="GISEL@school.test")
    assert response.status_code in {200, 302}
    assert User.objects.filter(email__iexact="gisel@school.test").count() == 1


def test_signup_shows_the_rules_checkbox_linking_to_the_rules(client, db):
    page = client.get(reverse("account_signup")).text
    assert 'name="accept_conduct"' in page
    assert f'href="{reverse("conduct")}"' in page


def test_signup_without_accepting_the_rules_is_refused(client, db):
    response = signup(client, accept=False)
    assert response.status_code == 200
    assert "Read and accept the rules of collaboration to sign up." in response.text
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_stores_when_the_rules_were_accepted(client, signed_up):
    user = User.objects.get(email="nueva@school.test")
    assert user.conduct_accepted_at is not None
    assert abs(user.conduct_accepted_at - user.date_joined).total_seconds() < 60


def test_the_rules_page_is_public_with_teachers_and_students_rules(client, db):
    page = client.get(reverse("conduct"))
    assert page.status_code == 200
    assert "Never contact a student privately" in page.text
    assert "Use only your nickname" in page.text


def test_new_teacher_starts_without_school_or_profile(client, signed_up):
    user = User.objects.get(email="nueva@school.test")
    assert user.school is None
    assert not user.profile_complete
    assert not user.is_staff


# ---- logging in and out -----------------------------------------------------------------------


def test_confirmed_teacher_logs_in_with_email_and_lands_on_dashboard(client, teacher):
    response = client.post(
        reverse("account_login"),
        {"login": "Gisel@School.test", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert logged_in_user(client) == teacher


def test_wrong_password_is_refused(client, teacher):
    response = client.post(
        reverse("account_login"), {"login": "gisel@school.test", "password": "wrong"}
    )
    assert response.status_code == 200
    assert logged_in_user(client) is None


def test_login_returns_to_the_page_asked_for(client, teacher):
    response = client.post(
        reverse("account_login") + "?next=/classrooms/",
        {"login": "gisel@school.test", "password": "correct horse battery", "next": "/classrooms/"},
    )
    assert response["Location"] == "/classrooms/"


def test_login_does_not_redirect_to_another_site(client, teacher):
    response = client.post(
        reverse("account_login"),
        {
            "login": "gisel@school.test",
            "password": "correct horse battery",
            "next": "https://evil.example/",
        },
    )
    assert "evil.example" not in response.get("Location", "")


def test_logout_by_post(teacher_client):
    response = teacher_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user(teacher_client) is None
    assert teacher_client.get(reverse("dashboard")).status_code == 302


def test_logout_by_get_only_asks(teacher_client, teacher):
    response = teacher_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert logged_in_user(teacher_client) == teacher


# ---- password reset ----------------------------------------------------------------------------


def test_password_reset_email_lets_the_teacher_set_a_new_password(client, teacher):
    response = client.post(reverse("account_reset_password"), {"email": "gisel@school.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    url = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    form_page = client.get(url, follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")

    teacher.refresh_from_db()
    assert teacher.check_password(NEW_PASSWORD)
    assert not teacher.check_password("correct horse battery")
    client.logout()
    login = client.post(
        reverse("account_login"), {"login": "gisel@school.test", "password": NEW_PASSWORD}
    )
    assert login["Location"] == reverse("dashboard")


def test_password_reset_link_works_once(client, teacher):
    client.post(reverse("account_reset_password"), {"email": "gisel@school.test"})
    url = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    form_page = client.get(url, follow=True)
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else url
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    again = client.get(url, follow=True)
    again_url = again.redirect_chain[-1][0] if again.redirect_chain else url
    client.post(again_url, {"password1": "Another-Pass-777", "password2": "Another-Pass-777"})
    teacher.refresh_from_db()
    assert teacher.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_email_reveals_nothing(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@school.test"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert all("password/reset/key" not in m.body for m in mail.outbox)


# ---- password storage --------------------------------------------------------------------------


def test_real_settings_hash_passwords_with_argon2():
    """The test fixture swaps in MD5 for speed; the project's own settings use Argon2."""
    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_argon2_hashes_with_the_real_settings(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password(PASSWORD)
    assert encoded.startswith("argon2$argon2id$")
    assert check_password(PASSWORD, encoded)
    assert not check_password("wrong", encoded)


def test_real_settings_confirm_email_on_post_only_and_log_out_on_post_only():
    assert project_settings.ACCOUNT_EMAIL_VERIFICATION == "mandatory"
    assert project_settings.ACCOUNT_CONFIRM_EMAIL_ON_GET is False
    assert project_settings.ACCOUNT_LOGOUT_ON_GET is False

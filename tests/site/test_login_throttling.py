"""Login throttling (django-axes): repeated wrong passwords lock an email out from an address."""

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.site.csp import assert_page_is_locked_down

PASSWORD = "correct horse battery"


# ---- login throttling (django-axes) -----------------------------------------------------------


def log_in(client: Client, email: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def three_tries(settings):
    settings.AXES_FAILURE_LIMIT = 3


def test_repeated_wrong_passwords_lock_the_email_out_from_that_address(
    client, teacher, outsider, three_tries
):
    assert log_in(client, teacher.email, "wrong-1").status_code == 200
    assert log_in(client, teacher.email, "wrong-2").status_code == 200
    locked = log_in(client, teacher.email, "wrong-3")
    assert locked.status_code == 429
    assert "Too many failed login attempts. Try again later." in locked.content.decode()
    assert_page_is_locked_down(locked)
    # Even the right password, and in another case, is refused during the cool-off.
    assert log_in(client, teacher.email.upper(), PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address) == (teacher.email, "203.0.113.7")
    # Another teacher at the same school address is not locked out.
    assert log_in(Client(), outsider.email, PASSWORD).status_code == 302


def test_lockout_is_per_address_and_ends_after_the_cool_off(client, teacher, three_tries):
    for attempt in range(3):
        log_in(client, teacher.email, f"wrong-{attempt}")
    assert log_in(Client(), teacher.email, PASSWORD, ip="198.51.100.9").status_code == 302
    with time_machine.travel(timezone.now() + django_settings.AXES_COOLOFF_TIME, tick=False):
        assert log_in(Client(), teacher.email, PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, teacher, three_tries):
    log_in(client, teacher.email, "wrong-1")
    log_in(client, teacher.email, "wrong-2")
    assert log_in(client, teacher.email, PASSWORD).status_code == 302
    fresh = Client()
    assert log_in(fresh, teacher.email, "wrong-3").status_code == 200
    assert log_in(fresh, teacher.email, "wrong-4").status_code == 200
    assert log_in(fresh, teacher.email, PASSWORD).status_code == 302


def test_default_limits():
    assert django_settings.AXES_FAILURE_LIMIT == 10
    assert django_settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert django_settings.AXES_RESET_ON_SUCCESS

"""/healthz: cheap, public, uncached; fails only when the database doesn't answer (or, when
HEALTH_REQUIRE_WORKER is set, while no worker is alive)."""

from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from orbis.ops.models import Heartbeat

pytestmark = pytest.mark.django_db


def beat(kind=Heartbeat.Kind.WORKER, ago=timedelta(0), name="w1"):
    Heartbeat.objects.create(
        kind=kind, name=name, host="node1", pid=42, last_seen=timezone.now() - ago
    )


def test_ok_with_no_worker_ever_seen(client):
    response = client.get(reverse("ops_health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "worker": "absent",
        "clock": "absent",
    }
    assert response["Cache-Control"] == "no-store"
    # No session, no CSRF cookie, nothing for a load balancer to keep.
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_worker_and_clock_are_reported_ok_or_stale(client):
    beat(Heartbeat.Kind.WORKER, timedelta(seconds=30))
    beat(Heartbeat.Kind.CLOCK, timedelta(minutes=6), name="node1:7")
    body = client.get(reverse("ops_health")).json()
    assert (body["status"], body["worker"], body["clock"]) == ("ok", "ok", "stale")


def test_a_stale_worker_does_not_fail_the_check_by_default(client):
    beat(ago=timedelta(hours=2))
    response = client.get(reverse("ops_health"))
    assert response.status_code == 200
    assert response.json()["worker"] == "stale"


@pytest.mark.parametrize(
    ("ago", "status"), [(None, 503), (timedelta(hours=1), 503), (timedelta(0), 200)]
)
def test_health_require_worker_fails_without_a_live_worker(client, settings, ago, status):
    settings.HEALTH_REQUIRE_WORKER = True
    if ago is not None:
        beat(ago=ago)
    response = client.get(reverse("ops_health"))
    assert response.status_code == status
    assert response.json()["status"] == ("ok" if status == 200 else "error")


def test_503_when_the_database_does_not_answer(client, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(connection, "cursor", down)
    response = client.get(reverse("ops_health"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "error",
        "worker": "unknown",
        "clock": "unknown",
    }
    assert response["Cache-Control"] == "no-store"


def test_plain_http_probes_are_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("ops_health")).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_security_middleware_still_applies(client):
    response = client.get(reverse("ops_health"), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Request-ID"]

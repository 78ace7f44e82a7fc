from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from orbis.accounts.decorators import staff_only

from . import heartbeat
from .models import Heartbeat
from .status import database_latency_ms, status_report


@require_safe
def health(request):
    """For load balancers: 200 while the database answers, else 503.

    Reads no session and sets no cookie. The worker and the clock are reported but don't fail
    the check unless HEALTH_REQUIRE_WORKER is set: a web node whose worker is down still serves
    pages, and taking it out of the pool would not bring the worker back.
    """
    body = {"status": "ok", "database": "ok", "worker": "unknown", "clock": "unknown"}
    try:
        database_latency_ms()
        body["worker"] = heartbeat.state(Heartbeat.Kind.WORKER)
        body["clock"] = heartbeat.state(Heartbeat.Kind.CLOCK)
    except DatabaseError:
        body["status"] = body["database"] = "error"
    if settings.HEALTH_REQUIRE_WORKER and body["worker"] != "ok":
        body["status"] = "error"
    response = JsonResponse(body, status=200 if body["status"] == "ok" else 503)
    response["Cache-Control"] = "no-store"
    return response


@staff_only
@require_GET
def status(request):
    return render(request, "ops/status.html", {"report": status_report()})

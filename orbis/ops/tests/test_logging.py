"""LOG_FORMAT=json: one JSON object per line, with the request's id while a request is served."""

import json
import logging
import os
import subprocess
import sys

from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from orbis.ops.logging import JsonFormatter, RequestIdMiddleware, request_id


def record(message="Sent %d emails", args=(3,), exc_info=None):
    return logging.LogRecord("orbis.mail", logging.WARNING, __file__, 1, message, args, exc_info)


def test_a_json_line_has_time_level_logger_message():
    line = JsonFormatter().format(record())
    assert "\n" not in line
    data = json.loads(line)
    assert data.keys() == {"time", "level", "logger", "message"}
    assert (data["level"], data["logger"], data["message"]) == (
        "WARNING",
        "orbis.mail",
        "Sent 3 emails",
    )
    assert data["time"].endswith("+00:00")


def test_an_exception_and_the_request_id_are_in_the_line():
    try:
        raise ValueError("bad ünïcode")
    except ValueError:
        exc_info = sys.exc_info()
    token = request_id.set("abc12345")
    try:
        data = json.loads(JsonFormatter().format(record("Failed", (), exc_info)))
    finally:
        request_id.reset(token)
    assert data["request_id"] == "abc12345"
    assert "ValueError: bad ünïcode" in data["exception"]


def middleware_run(**headers):
    seen = {}

    def view(request):
        seen["id"] = request_id.get()
        return HttpResponse()

    response = RequestIdMiddleware(view)(RequestFactory().get("/", headers=headers))
    return seen["id"], response


def test_each_request_gets_an_id_in_its_logs_and_its_response():
    rid, response = middleware_run()
    assert len(rid) == 32 and response["X-Request-ID"] == rid
    assert request_id.get() == ""  # not carried over to what runs next


def test_a_proxy_s_request_id_is_kept_and_a_forged_one_replaced():
    assert middleware_run(**{"X-Request-ID": "lb-7f3a9c21"})[0] == "lb-7f3a9c21"
    forged, _response = middleware_run(**{"X-Request-ID": 'x"}\n{"level": "ERROR'})
    assert forged != 'x"}\n{"level": "ERROR' and len(forged) == 32


def run_orbis(log_format, *args):
    return subprocess.run(
        [sys.executable, "-m", "orbis.cli", *args],
        cwd=settings.BASE_DIR.parent,
        env={**os.environ, "LOG_FORMAT": log_format},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_log_format_json_in_settings_writes_json_lines():
    done = run_orbis(
        "json", "shell", "-c", "import logging; logging.getLogger('orbis.x').warning('hello')"
    )
    assert json.loads(done.stderr.strip().splitlines()[-1])["message"] == "hello"
    wrong = run_orbis("xml", "check")
    assert wrong.returncode != 0
    assert "LOG_FORMAT must be text or json" in wrong.stderr

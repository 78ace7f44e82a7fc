"""The board's own fixtures: a translation service of the tests' own and a Spanish post on the
partnered project (personas and `partnered` are in the root conftest)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache

from orbis.board import services


@pytest.fixture
def gisel_client(teacher, login_client):
    """Gisel in her own client, for tests that also use `student_client` (which is `client`)."""
    return login_client(teacher)


# ---- translation: a LibreTranslate-compatible service of the tests' own ------------------------

SPANISH = "Hola a todos, hoy vamos a hablar del agua y del río que pasa cerca de nuestra escuela."


class FakeTranslator(BaseHTTPRequestHandler):
    """POST /translate as LibreTranslate answers it; `server.mode` picks a misbehaviour."""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        fields = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        self.server.requests.append({"path": self.path, **fields})
        mode = self.server.mode
        if mode == "slow":
            time.sleep(1.5)
        if mode == "error":
            return self._send(500, json.dumps({"error": "Internal error"}).encode())
        if mode == "garbage":
            return self._send(200, b"<html>not json</html>")
        if mode == "markup":
            text = '<script>alert(1)</script><img src=x onerror="alert(2)"> **Our** river'
        else:
            text = f"[{fields['source']}>{fields['target']}] {fields['q']}"
        self._send(200, json.dumps({"translatedText": text}).encode())

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def translator(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeTranslator)
    server.daemon_threads = True
    server.requests, server.mode = [], "ok"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TRANSLATION_API_URL = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.TRANSLATION_API_KEY = ""
    settings.TRANSLATION_TIMEOUT = 0.5
    settings.TRANSLATION_HOURLY_LIMIT = 30
    cache.clear()  # the hourly allowance
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_translator(settings):
    settings.TRANSLATION_API_URL = ""


@pytest.fixture
def spanish_post(partnered, classroom):
    return services.post_create(
        project=partnered, classroom=classroom, phase="definition", title="Nuestro río",
        body=SPANISH, teacher=classroom.teacher,
    )  # fmt: skip

"""A running project of Gisel's class (6th grade B, Argentina) with Jhansi's class in Delhi as
partner; Puma is Gisel's student, Tiger is Jhansi's."""

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from orbis.board import services
from orbis.projects.models import Project
from orbis.projects.tests.conftest import add_partner, build_project
from orbis.students.middleware import SESSION_KEY
from tests.factories import ClassroomFactory, StudentFactory


@pytest.fixture
def project(classroom):
    return build_project(classroom, status=Project.Status.RUNNING)


@pytest.fixture
def delhi(partner_teacher):
    return ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])


@pytest.fixture
def partnered(project, delhi):
    add_partner(project, delhi)
    return project


@pytest.fixture
def tiger(delhi):
    return StudentFactory(classroom=delhi, nickname="Tiger")


def student_client_for(student) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client


@pytest.fixture
def gisel_client(teacher, login_client):
    """Gisel in her own client, for tests that also use `student_client` (which is `client`)."""
    return login_client(teacher)


@pytest.fixture
def partner_client(partner_teacher, login_client):
    return login_client(partner_teacher)


def png(name="drawing.png", size=(40, 30), color="orange") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="report.pdf") -> SimpleUploadedFile:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text="Our river")
    return SimpleUploadedFile(name, bytes(document.output()), content_type="application/pdf")


def fake_png(name="virus.png") -> SimpleUploadedFile:
    """Not an image at all, whatever its name and declared type say."""
    return SimpleUploadedFile(name, b"MZ\x90\x00 not a picture", content_type="image/png")


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

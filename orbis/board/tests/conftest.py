"""A running project of Gisel's class (6th grade B, Argentina) with Jhansi's class in Delhi as
partner; Puma is Gisel's student, Tiger is Jhansi's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from orbis.factories import ClassroomFactory, StudentFactory
from orbis.projects.models import Project
from orbis.projects.tests.conftest import add_partner, build_project
from orbis.students.middleware import SESSION_KEY


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

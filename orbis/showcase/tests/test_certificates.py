import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from orbis.showcase.certificates import REPLACEMENT, CertificateText, certificate_pdf, drawable

from .conftest import TITLE


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def certificate(**changes) -> CertificateText:
    values = {
        "heading": "Certificate of participation",
        "recipient": "Gisel",
        "statement": "for taking part with 6th grade B in the project",
        "title": "Agua en nuestras vidas",
        "classes": (("6th grade B", "Argentina"), ("Клас 5-А", "Україна"), ("9/C", "Türkiye")),
        "details": ("Issued on 30 November 2026", "https://orbis.example/showcase/x-12345678/"),
    }
    return CertificateText(**{**values, **changes})


def test_certificate_names_everything_in_any_latin_or_cyrillic_script():
    pages, text = text_of(certificate_pdf(certificate(recipient="Işıl Güneş Ñúñez")))
    assert pages == 1
    for expected in [
        "Certificate of participation",
        "Işıl Güneş Ñúñez",
        "Agua en nuestras vidas",
        "Клас 5-А",
        "Україна",
        "Türkiye",
        "https://orbis.example/showcase/x-12345678/",
    ]:
        assert expected in text


def test_characters_the_font_lacks_are_replaced_not_fatal():
    assert drawable("Class 🌍👨‍👩‍👧 नमस्ते!") == f"Class {REPLACEMENT} {REPLACEMENT}!"
    assert drawable("a\x00b\u200bc") == "abc"
    pdf = certificate_pdf(
        certificate(title="Rivers 🌊 of भारत", classes=(("कक्षा 6", "भारत"), ("🐯", "")))
    )
    pages, text = text_of(pdf)
    assert pages == 1 and "Rivers" in text


def test_very_long_names_and_many_classes_stay_on_one_page():
    pdf = certificate_pdf(
        certificate(
            recipient="N" * 2000,
            title="A very long title " * 200,
            statement="s" * 5000,
            classes=tuple(
                (f"Class {n} " + "x" * 300, "Bosnia and Herzegovina") for n in range(500)
            ),
            details=tuple(f"Line {n}" for n in range(30)),
        )
    )
    pages, text = text_of(pdf)
    assert pages == 1
    assert "Class 0" in text and "+" in text  # the classes that don't fit are counted


def test_empty_texts_do_not_fail():
    pages, _text = text_of(certificate_pdf(CertificateText("", "", "", "", classes=(), details=())))
    assert pages == 1


# ---- the view ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_member_teacher_downloads_her_certificate(partner_client, published, partner_teacher):
    response = partner_client.get(reverse("showcase_certificate", args=[published.project.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    pages, text = text_of(response.content)
    assert pages == 1
    for expected in [
        TITLE,
        "Jhansi",
        "for taking part with Class of Delhi in the project",
        "6th grade B (Argentina)",
        "Class of Delhi (India)",
        "Клас 5-А (Ukraine)",
        published.slug,
    ]:
        assert expected in text, expected


@pytest.mark.django_db
def test_certificate_in_spanish_names_countries_in_spanish(partner_client, published):
    response = partner_client.get(
        reverse("showcase_certificate", args=[published.project.token]),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    _pages, text = text_of(response.content)
    assert "Ucrania" in text and "Ukraine" not in text


@pytest.mark.django_db
def test_no_certificate_before_publishing_nor_for_outsiders(
    teacher_client, outsider_client, showcase
):
    url = reverse("showcase_certificate", args=[showcase.project.token])
    response = teacher_client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "showcase_manage", args=[showcase.project.token]
    )
    assert "once the showcase is published" in response.text
    assert outsider_client.get(url).status_code == 404

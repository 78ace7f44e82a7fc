"""The Learn guides: public, in English and Spanish, and with a body file for every language."""

import math
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags

import orbis.learn
from orbis.learn.guides import GUIDES, body_templates

GUIDES_DIR = Path(orbis.learn.__file__).resolve().parent / "templates" / "learn" / "guides"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SLUGS = [guide.slug for guide in GUIDES]

# A phrase of each guide's body in each language: the page really shows that language.
PHRASES = {
    "how-a-collaboration-runs": {
        "en": "Reflection is what turns an activity into learning.",
        "es": "La reflexión es lo que convierte una actividad en aprendizaje.",
    },
    "the-four-phases": {
        "en": "They are a guide, not a cage.",
        "es": "Son una guía, no una jaula.",
    },
    "the-three-approaches": {
        "en": "When in doubt, choose the smaller option.",
        "es": "Ante la duda, elige la opción más pequeña.",
    },
    "time-zones-and-languages": {
        "en": "Asynchronous work is not second best.",
        "es": "El trabajo asíncrono no es una opción de segunda.",
    },
    "first-steps-without-contacts": {
        "en": "Every teacher who runs global projects today started with a first message",
        "es": "Todos los docentes que hoy llevan adelante proyectos globales empezaron",
    },
    "safety-and-privacy": {
        "en": "Nicknames, not names",
        "es": "Apodos, no nombres",
    },
}


def body_words(path: Path) -> int:
    text = re.sub(r"{%.*?%}", "", path.read_text(encoding="utf-8"))
    return len(strip_tags(text).split())


def test_every_guide_has_a_known_phrase_in_every_language():
    assert set(PHRASES) == set(SLUGS)
    assert all(set(phrases) == set(LANGUAGES) for phrases in PHRASES.values())


@pytest.mark.django_db
def test_index_lists_every_guide_in_order_with_its_summary(client):
    response = client.get(reverse("learn:index"))
    assert response.status_code == 200
    html = response.content.decode()
    links = [reverse("learn:guide", args=[slug]) for slug in SLUGS]
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    for guide in GUIDES:
        assert str(guide.summary) in html
    assert "min read" in html


@pytest.mark.django_db
def test_index_speaks_spanish(client):
    html = client.get(reverse("learn:index"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es"' in html
    for slug in SLUGS:
        assert reverse("learn:guide", args=[slug]) in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", SLUGS)
def test_each_guide_renders_in_the_visitors_language(client, slug, language):
    response = client.get(reverse("learn:guide", args=[slug]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert PHRASES[slug][language] in html
    for other, phrase in PHRASES[slug].items():
        if other != language:
            assert phrase not in html


@pytest.mark.django_db
def test_guide_links_to_the_next_guide_and_back(client):
    html = client.get(reverse("learn:guide", args=[SLUGS[0]])).content.decode()
    assert f'href="{reverse("learn:guide", args=[SLUGS[1]])}" rel="next"' in html
    assert f"Next guide: {GUIDES[1].title}" in html
    assert f'href="{reverse("learn:index")}"' in html


@pytest.mark.django_db
def test_last_guide_invites_a_visitor_to_sign_up_instead_of_a_next_guide(client):
    html = client.get(reverse("learn:guide", args=[SLUGS[-1]])).content.decode()
    assert 'rel="next"' not in html
    assert f'href="{reverse("account_signup")}"' in html


@pytest.mark.django_db
def test_last_guide_sends_a_teacher_to_find_partners(teacher_client):
    html = teacher_client.get(reverse("learn:guide", args=[SLUGS[-1]])).content.decode()
    assert f'class="button" href="{reverse("partner_search")}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["teacher_client", "student_client"])
def test_teachers_and_students_read_the_guides_too(request, persona):
    client = request.getfixturevalue(persona)
    assert client.get(reverse("learn:index")).status_code == 200
    assert client.get(reverse("learn:guide", args=[SLUGS[0]])).status_code == 200


@pytest.mark.django_db
def test_unknown_guide_is_404(client):
    assert client.get("/learn/no-such-guide/").status_code == 404


@pytest.mark.django_db
def test_guides_may_be_kept_by_the_browser_but_not_by_shared_caches(client):
    response = client.get(reverse("learn:guide", args=[SLUGS[0]]))
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "max-age=3600"} <= cache_control
    assert "public" not in cache_control
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_a_language_without_its_own_body_falls_back_to_english(client):
    guide = GUIDES[0]
    assert body_templates(guide, "fr") == [
        f"learn/guides/fr/{guide.slug}.html",
        f"learn/guides/en/{guide.slug}.html",
    ]
    assert body_templates(guide, "es-AR")[:2] == [
        f"learn/guides/es-ar/{guide.slug}.html",
        f"learn/guides/es/{guide.slug}.html",
    ]


def test_every_guide_has_a_body_in_every_language_and_no_stray_file():
    for language in LANGUAGES:
        files = {path.stem for path in (GUIDES_DIR / language).glob("*.html")}
        assert files == set(SLUGS), language
    assert {path.name for path in GUIDES_DIR.iterdir()} == set(LANGUAGES)


@pytest.mark.parametrize("path", sorted(GUIDES_DIR.glob("*/*.html")), ids=str)
def test_guide_bodies_hold_no_script_or_inline_style(path):
    text = path.read_text(encoding="utf-8").lower()
    assert "<script" not in text
    assert "style=" not in text
    assert "<style" not in text
    assert "<h1" not in text  # the page gives the title


@pytest.mark.parametrize("path", sorted(GUIDES_DIR.glob("*/*.html")), ids=str)
def test_guide_bodies_are_between_300_and_600_words(path):
    assert 300 <= body_words(path) <= 600


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.slug)
def test_reading_time_matches_the_english_body(guide):
    words = body_words(GUIDES_DIR / "en" / f"{guide.slug}.html")
    assert guide.minutes == math.ceil(words / 200)

"""The Learn guides: public, in every interface language, with a body file for each."""

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
        "fr": "C’est la réflexion qui transforme une activité en apprentissage.",
        "pt": "A reflexão é o que transforma uma atividade em aprendizagem.",
        "uk": "Саме рефлексія перетворює діяльність на навчання.",
        "tr": "Bir etkinliği öğrenmeye dönüştüren şey yansıtmadır.",
        "hi": "चिंतन ही किसी गतिविधि को सीख में बदलता है।",
        "ar": "التأمل هو ما يحوّل النشاط إلى تعلّم.",
    },
    "the-four-phases": {
        "en": "They are a guide, not a cage.",
        "es": "Son una guía, no una jaula.",
        "fr": "Elles servent de guide, pas de cage.",
        "pt": "São um guia, não uma jaula.",
        "uk": "Це дороговказ, а не клітка.",
        "tr": "Bunlar bir kılavuzdur, kafes değil.",
        "hi": "ये एक मार्गदर्शक हैं, पिंजरा नहीं।",
        "ar": "إنها دليل، لا قفص.",
    },
    "the-three-approaches": {
        "en": "When in doubt, choose the smaller option.",
        "es": "Ante la duda, elige la opción más pequeña.",
        "fr": "Dans le doute, choisissez l’option la plus modeste.",
        "pt": "Na dúvida, escolha a opção menor.",
        "uk": "Якщо сумніваєтеся, вибирайте менший варіант.",
        "tr": "Emin olamadığınızda küçük olanı seçin.",
        "hi": "दुविधा हो तो छोटा विकल्प चुनें।",
        "ar": "إن ترددت، فاختر الخيار الأصغر.",
    },
    "time-zones-and-languages": {
        "en": "Asynchronous work is not second best.",
        "es": "El trabajo asíncrono no es una opción de segunda.",
        "fr": "Le travail asynchrone n’est pas un pis-aller.",
        "pt": "O trabalho assíncrono não é um plano B.",
        "uk": "Асинхронна робота — не запасний варіант.",
        "tr": "Eşzamansız çalışma daha az değerli bir seçenek değildir.",
        "hi": "असिंक्रोनस काम कोई दूसरे दर्जे का विकल्प नहीं है।",
        "ar": "العمل غير المتزامن ليس خيارًا من الدرجة الثانية.",
    },
    "first-steps-without-contacts": {
        "en": "Every teacher who runs global projects today started with a first message",
        "es": "Todos los docentes que hoy llevan adelante proyectos globales empezaron",
        "fr": "Tous les enseignants qui mènent aujourd’hui des projets internationaux",
        "pt": "Todos os professores que hoje conduzem projetos globais",
        "uk": "Кожен учитель, який сьогодні веде міжнародні проєкти",
        "tr": "Bugün küresel projeler yürüten her öğretmen",
        "hi": "आज वैश्विक प्रोजेक्ट चलाने वाले हर शिक्षक ने शुरुआत",
        "ar": "كل معلم يدير اليوم مشاريع عالمية بدأ برسالة أولى",
    },
    "safety-and-privacy": {
        "en": "Nicknames, not names",
        "es": "Apodos, no nombres",
        "fr": "Des pseudos, pas des noms",
        "pt": "Apelidos, não nomes",
        "uk": "Псевдоніми, а не імена",
        "tr": "Gerçek adlar değil, takma adlar",
        "hi": "उपनाम, नाम नहीं",
        "ar": "أسماء مستعارة، لا أسماء حقيقية",
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


@pytest.mark.parametrize("path", sorted(GUIDES_DIR.glob("en/*.html")), ids=str)
def test_english_bodies_are_between_300_and_600_words(path):
    assert 300 <= body_words(path) <= 600


@pytest.mark.parametrize("path", sorted(GUIDES_DIR.glob("*/*.html")), ids=str)
def test_translations_say_about_as_much_as_the_english(path):
    """Languages count words differently (Turkish and Arabic join what English splits, Hindi
    splits more): a translation within 0.7–1.4 times the English has lost nothing whole."""
    english = body_words(GUIDES_DIR / "en" / path.name)
    assert 0.7 * english <= body_words(path) <= 1.4 * english


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.slug)
def test_reading_time_matches_the_english_body(guide):
    words = body_words(GUIDES_DIR / "en" / f"{guide.slug}.html")
    assert guide.minutes == math.ceil(words / 200)

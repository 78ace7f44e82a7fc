"""Each post's language, and its translation by a LibreTranslate-compatible service: here a small
HTTP server of the test's own on 127.0.0.1, which records what it is asked."""

import importlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from orbis.board import language, services
from orbis.board.models import Post, PostTranslation
from tests.helpers import student_client_for

from .conftest import SPANISH

pytestmark = pytest.mark.django_db

ENGLISH = "Hello everyone, today we are learning about the river that flows past our school."
UNAVAILABLE = "The translation service did not answer; try again later."


def translate_url(post):
    return reverse("board_post_translate", args=[post.project.token, post.pk])


def board_url(post):
    return reverse("board", args=[post.project.token])


def htmx_translate(client, post):
    return client.post(translate_url(post), HTTP_HX_REQUEST="true")


# ---- detection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (SPANISH, "es"),
        ("Привіт! Сьогодні ми вивчаємо річки нашого міста і малюємо карту.", "uk"),
        ("مرحبا بكم، نحن نتعلم عن الماء والنهر في مدرستنا هذا الأسبوع.", "ar"),
        ("नमस्ते, हम आज अपने स्कूल में पानी और नदी के बारे में सीख रहे हैं।", "hi"),
        (ENGLISH, "en"),
        ("Bonjour à tous, nous avons planté des arbres dans la cour de l'école.", "fr"),
    ],
)
def test_the_language_of_a_sentence_is_detected(text, code):
    assert language.detect(text) == code


@pytest.mark.parametrize("text", ["Hola amigos", "Great work!", "ok", "", "   ", "42 17 2026"])
def test_a_short_or_empty_text_gets_no_language(text):
    assert language.detect(text) == ""


def test_links_do_not_count_as_words():
    assert language.detect("https://example.org/una/pagina/muy/larga hola") == ""


def test_a_post_gets_its_language_when_written_and_again_when_edited(spanish_post, teacher):
    assert spanish_post.language == "es"
    services.post_update(
        post=spanish_post, phase="definition", title="Our river", body=ENGLISH,
        editor_teacher=teacher,
    )  # fmt: skip
    assert Post.objects.get(pk=spanish_post.pk).language == "en"
    services.post_update(
        post=spanish_post, phase="definition", title="Hi", body="", editor_teacher=teacher
    )
    assert Post.objects.get(pk=spanish_post.pk).language == ""


def test_posts_written_before_detection_get_their_language(spanish_post):
    from django.apps import apps

    name = "orbis.board.migrations.0003_detect_existing_post_languages"
    migration = importlib.import_module(name)
    Post.objects.filter(pk=spanish_post.pk).update(language="")
    migration.detect_languages(apps, None)
    assert Post.objects.get(pk=spanish_post.pk).language == "es"


def test_the_board_shows_the_language_of_each_post(partner_client, spanish_post, no_translator):
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert "Written in Spanish" in page
    assert 'lang="es"' in page


def test_the_language_name_is_in_the_viewer_language(partner_client, spanish_post):
    partner_client.cookies["django_language"] = "fr"
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert "espagnol" in page


# ---- the button ----------------------------------------------------------------------------------


def test_without_a_service_there_is_no_button(partner_client, spanish_post, no_translator):
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert translate_url(spanish_post) not in page
    response = partner_client.post(translate_url(spanish_post), follow=True)
    assert "can&#x27;t be translated" in response.content.decode()
    assert not PostTranslation.objects.exists()


def test_with_a_service_members_get_the_button_for_another_language(
    partner_client, spanish_post, translator, tiger
):
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert f'action="{translate_url(spanish_post)}"' in page
    assert f'hx-target="#translation-{spanish_post.pk}"' in page
    detail = reverse("board_post", args=[spanish_post.project.token, spanish_post.pk])
    assert translate_url(spanish_post) in partner_client.get(detail).content.decode()
    student_page = student_client_for(tiger).get(board_url(spanish_post)).content.decode()
    assert translate_url(spanish_post) in student_page
    assert translator.requests == []  # nothing is asked before a click


def test_no_button_for_a_post_in_the_viewer_language_or_of_unknown_language(
    partner_client, partnered, classroom, spanish_post, translator
):
    english = services.post_create(
        project=partnered, classroom=classroom, phase="definition", title="Our river",
        body=ENGLISH, teacher=classroom.teacher,
    )  # fmt: skip
    short = services.post_create(
        project=partnered, classroom=classroom, phase="definition", title="Hi", body="",
        teacher=classroom.teacher,
    )  # fmt: skip
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert translate_url(english) not in page
    assert translate_url(short) not in page
    partner_client.cookies["django_language"] = "es"
    page = partner_client.get(board_url(spanish_post)).content.decode()
    assert translate_url(spanish_post) not in page
    assert translate_url(english) in page


# ---- translating ---------------------------------------------------------------------------------


def test_htmx_shows_the_translation_inline_and_it_is_cached(
    partner_client, spanish_post, translator
):
    first = htmx_translate(partner_client, spanish_post)
    assert first.status_code == 200
    fragment = first.content.decode()
    assert "Machine translation" in fragment
    assert "[es&gt;en] Nuestro río" in fragment
    assert 'lang="en"' in fragment
    second = htmx_translate(partner_client, spanish_post)
    assert "[es&gt;en] Nuestro río" in second.content.decode()
    assert len(translator.requests) == 1
    sent = translator.requests[0]
    assert sent["path"] == "/translate"
    assert sent["q"] == f"Nuestro río\n\n{SPANISH}"
    assert (sent["source"], sent["target"], sent["format"]) == ("es", "en", "text")
    assert "api_key" not in sent
    assert PostTranslation.objects.get().target == "en"


def test_without_javascript_the_post_page_shows_the_translation(
    partner_client, spanish_post, translator
):
    response = partner_client.post(translate_url(spanish_post))
    assert response.status_code == 302
    assert "?translated=1" in response["Location"]
    page = partner_client.get(response["Location"]).content.decode()
    assert "[es&gt;en] Nuestro río" in page
    # The flag alone asks nothing: it only shows what is cached.
    partner_client.get(response["Location"])
    assert len(translator.requests) == 1


def test_each_viewer_language_has_its_translation(partner_client, spanish_post, translator):
    htmx_translate(partner_client, spanish_post)
    partner_client.cookies["django_language"] = "fr"
    assert "[es&gt;fr]" in htmx_translate(partner_client, spanish_post).content.decode()
    assert sorted(PostTranslation.objects.values_list("target", flat=True)) == ["en", "fr"]


def test_an_edited_post_is_translated_again(partner_client, spanish_post, teacher, translator):
    htmx_translate(partner_client, spanish_post)
    services.post_update(
        post=spanish_post, phase="definition", title="Nuestro río limpio",
        body=SPANISH + " Ahora está más limpio.", editor_teacher=teacher,
    )  # fmt: skip
    fragment = htmx_translate(partner_client, spanish_post).content.decode()
    assert "Nuestro río limpio" in fragment
    assert len(translator.requests) == 2
    assert PostTranslation.objects.count() == 2


def test_markup_from_the_service_never_reaches_the_page(partner_client, spanish_post, translator):
    translator.mode = "markup"
    fragment = htmx_translate(partner_client, spanish_post).content.decode()
    assert "<script" not in fragment
    assert "<img" not in fragment
    assert "&lt;script&gt;" in fragment
    assert "<strong>Our</strong> river" in fragment
    response = partner_client.post(translate_url(spanish_post))
    page = partner_client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x" in page  # shown as text, inert


@pytest.mark.parametrize("mode", ["error", "garbage", "slow"])
def test_a_failing_service_gives_a_clear_message_and_nothing_is_cached(
    partner_client, spanish_post, translator, mode
):
    translator.mode = mode
    fragment = htmx_translate(partner_client, spanish_post).content.decode()
    assert UNAVAILABLE in fragment
    assert f'action="{translate_url(spanish_post)}"' in fragment  # one can try again
    response = partner_client.post(translate_url(spanish_post), follow=True)
    assert UNAVAILABLE in response.content.decode()
    assert not PostTranslation.objects.exists()


def test_an_unreachable_service_gives_the_same_message(partner_client, spanish_post, settings):
    settings.TRANSLATION_API_URL = "http://127.0.0.1:9/"
    settings.TRANSLATION_TIMEOUT = 0.5
    cache.clear()
    assert UNAVAILABLE in htmx_translate(partner_client, spanish_post).content.decode()
    assert not PostTranslation.objects.exists()


def test_the_api_key_is_sent_when_configured(partner_client, spanish_post, translator, settings):
    settings.TRANSLATION_API_KEY = "s3cret"
    htmx_translate(partner_client, spanish_post)
    assert translator.requests[0]["api_key"] == "s3cret"


def test_each_viewer_has_an_hourly_allowance(
    partner_client, partnered, classroom, spanish_post, translator, settings, tiger
):
    settings.TRANSLATION_HOURLY_LIMIT = 1
    other = services.post_create(
        project=partnered, classroom=classroom, phase="execution", title="El huerto",
        body="Plantamos tomates y lechugas en el huerto de la escuela con los niños.",
        teacher=classroom.teacher,
    )  # fmt: skip
    htmx_translate(partner_client, spanish_post)
    refused = htmx_translate(partner_client, other).content.decode()
    assert "many translations this hour" in refused
    # What is cached stays free, and another member has their own allowance.
    assert "[es&gt;en]" in htmx_translate(partner_client, spanish_post).content.decode()
    assert "[es&gt;en]" in htmx_translate(student_client_for(tiger), other).content.decode()
    assert len(translator.requests) == 2


def test_non_members_get_404_and_nothing_is_asked(
    client, outsider_client, spanish_post, translator
):
    assert client.post(translate_url(spanish_post)).status_code == 404
    assert outsider_client.post(translate_url(spanish_post)).status_code == 404
    assert translator.requests == []

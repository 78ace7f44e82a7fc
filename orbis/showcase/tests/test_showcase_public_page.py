"""A showcase's public page: nothing before it is published, no nickname or picture without
consent, only the chosen posts' files, the final product, the members' preview."""

import pytest
from django.urls import reverse

from orbis.showcase import services
from tests.samples import png_upload

from .conftest import TITLE, make_post
from .test_showcase_posts_and_consent import items_by_post

pytestmark = pytest.mark.django_db


def public(client, showcase):
    return client.get(reverse("showcase_public", args=[showcase.slug]))


def attachment(post, kind):
    return post.attachments.get(kind=kind)


def test_public_page_is_404_until_published(client, showcase, posts, teacher):
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk])
    assert public(client, showcase).status_code == 404
    image = attachment(posts["puma"], "image")
    assert client.get(reverse("showcase_file", args=[showcase.slug, image.pk])).status_code == 404
    services.publish(showcase, by=teacher)
    assert public(client, showcase).status_code == 200
    services.unpublish(showcase, by=teacher)
    assert public(client, showcase).status_code == 404


def test_public_page_shows_the_project_without_nicknames_or_pictures(client, published, posts):
    response = public(client, published)
    assert response.status_code == 200
    html = response.text
    assert TITLE in html and "Our river" in html and "The Yamuna" in html
    assert "Argentina" in html and "India" in html and "Ukraine" in html
    assert "🇦🇷" in html and "Клас 5-А" in html
    assert "6. Clean water and sanitation" in html
    assert "Puma" not in html and "Tigre" not in html
    assert "Gisel" not in html  # teachers aren't named on the public page either
    assert "Not yet approved" not in html and "Flagged post" not in html
    image = attachment(posts["puma"], "image")
    document = attachment(posts["puma"], "pdf")
    image_url = reverse("showcase_file", args=[published.slug, image.pk])
    document_url = reverse("showcase_file", args=[published.slug, document.pk])
    assert image_url not in html
    assert document_url in html
    assert client.get(image_url).status_code == 404
    assert client.get(image_url + "?thumb=1").status_code == 404
    response = client.get(document_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_consent_shows_the_nickname_and_the_pictures(client, published, posts, teacher):
    puma = items_by_post(published)[posts["puma"].pk]
    services.set_consent(published, by=teacher, choices={puma.pk: (True, True)})
    html = public(client, published).text
    assert "Puma" in html
    assert "Tigre" not in html  # consent is per item
    image = attachment(posts["puma"], "image")
    image_url = reverse("showcase_file", args=[published.slug, image.pk])
    assert image_url in html
    response = client.get(image_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    thumb = client.get(image_url + "?thumb=1")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/webp"
    # The Delhi class's picture stays hidden: no consent from its teacher.
    yamuna = attachment(posts["tiger"], "image")
    assert client.get(reverse("showcase_file", args=[published.slug, yamuna.pk])).status_code == 404


def test_files_of_posts_not_chosen_are_never_served(client, published, posts, teacher):
    pending = make_post(
        published.project,
        posts["puma"].classroom,
        title="x",
        teacher=teacher,
        uploads=[png_upload()],
    )
    for post in [pending, posts["flagged"]]:
        for item in post.attachments.all():
            url = reverse("showcase_file", args=[published.slug, item.pk])
            assert client.get(url).status_code == 404


def test_a_post_flagged_after_publication_disappears(client, published, posts, teacher):
    from django.utils import timezone

    from orbis.board.models import Post

    puma = items_by_post(published)[posts["puma"].pk]
    services.set_consent(published, by=teacher, choices={puma.pk: (True, True)})
    Post.objects.filter(pk=posts["puma"].pk).update(flagged_at=timezone.now())
    html = public(client, published).text
    assert "Our river" not in html and "Puma" not in html
    document = attachment(posts["puma"], "pdf")
    assert (
        client.get(reverse("showcase_file", args=[published.slug, document.pk])).status_code == 404
    )


def test_preview_for_members_before_publishing(teacher_client, client, showcase, posts, teacher):
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk])
    response = teacher_client.get(reverse("showcase_preview", args=[showcase.project.token]))
    assert response.status_code == 200
    assert "Our river" in response.text and "Puma" not in response.text
    assert "1 picture is not shown" in response.text


def test_final_product_text_link_and_file(teacher_client, client, published):
    token = published.project.token
    response = teacher_client.post(
        reverse("showcase_edit", args=[token]),
        {
            "intro": "Three classes, one river.",
            "final_product_text": "A map of our rivers",
            "final_product_url": "http://example.org/map",
            "show_reflections": "on",
        },
    )
    assert response.status_code == 400
    assert "https://" in response.text
    published.refresh_from_db()
    assert published.final_product_text == ""
    response = teacher_client.post(
        reverse("showcase_edit", args=[token]),
        {
            "intro": "Three classes, one river.",
            "final_product_text": "A map of our rivers",
            "final_product_url": "https://example.org/map",
            "final_product_file": png_upload("map.png"),
        },
    )
    assert response.status_code == 400  # a file needs the publication confirmation
    response = teacher_client.post(
        reverse("showcase_edit", args=[token]),
        {
            "intro": "Three classes, one river.",
            "final_product_text": "A map of our rivers",
            "final_product_url": "https://example.org/map",
            "final_product_file": png_upload("map.png"),
            "final_product_consent": "on",
        },
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.final_product_kind == "image" and not published.show_reflections
    html = public(client, published).text
    assert "A map of our rivers" in html and "https://example.org/map" in html
    product = client.get(reverse("showcase_product", args=[published.slug]))
    assert product.status_code == 200 and product["Content-Type"] == "image/png"


def test_a_refused_file_saves_nothing(teacher_client, published):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("map.png", b"MZ\x90\x00 not a picture", content_type="image/png")
    response = teacher_client.post(
        reverse("showcase_edit", args=[published.project.token]),
        {
            "intro": "Changed",
            "final_product_text": "",
            "final_product_url": "",
            "final_product_file": fake,
            "final_product_consent": "on",
        },
    )
    assert response.status_code == 400
    published.refresh_from_db()
    assert published.intro == "" and not published.final_product_file

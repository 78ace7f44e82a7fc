import pytest
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.projects.models import Project
from orbis.showcase import services
from orbis.showcase.models import Showcase, ShowcaseItem
from tests.builders import build_project
from tests.samples import png_upload

from .conftest import TITLE, make_post

pytestmark = pytest.mark.django_db


def manage(project):
    return reverse("showcase_manage", args=[project.token])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---- publishing ------------------------------------------------------------------------------


def test_publish_is_refused_until_the_project_is_completed(teacher_client, project, posts):
    showcase = services.showcase_of(project)
    services.set_items(showcase, by=project.owner, post_ids=[posts["puma"].pk])
    response = teacher_client.post(reverse("showcase_publish", args=[project.token]), follow=True)
    assert "Mark the project as completed before publishing its showcase." in messages_of(response)
    showcase.refresh_from_db()
    assert showcase.status == Showcase.Status.DRAFT
    assert not Notification.objects.filter(kind=Notification.Kind.SHOWCASE_PUBLISHED).exists()


def test_publish_needs_a_post_or_a_final_product(teacher_client, showcase, completed):
    response = teacher_client.post(reverse("showcase_publish", args=[completed.token]), follow=True)
    assert any("at least one post" in m for m in messages_of(response))
    showcase.refresh_from_db()
    assert not showcase.published
    Showcase.objects.filter(pk=showcase.pk).update(final_product_text="A river map")
    teacher_client.post(reverse("showcase_publish", args=[completed.token]))
    showcase.refresh_from_db()
    assert showcase.published


def test_publishing_tells_every_member_teacher_once(
    teacher_client, showcase, posts, teacher, partner_teacher, kyiv
):
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk])
    url = reverse("showcase_publish", args=[showcase.project.token])
    assert teacher_client.post(url).status_code == 302
    showcase.refresh_from_db()
    assert showcase.published and showcase.published_by == teacher
    told = Notification.objects.filter(kind=Notification.Kind.SHOWCASE_PUBLISHED)
    assert {n.recipient for n in told} == {teacher, partner_teacher, kyiv.teacher}
    assert all(n.params == {"project": TITLE} for n in told)
    # Unpublishing and publishing again tells nobody twice.
    teacher_client.post(reverse("showcase_unpublish", args=[showcase.project.token]))
    showcase.refresh_from_db()
    assert not showcase.published
    teacher_client.post(url)
    assert told.count() == 3


def test_only_the_owner_publishes(partner_client, published, completed):
    response = partner_client.post(reverse("showcase_unpublish", args=[completed.token]))
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.published


def test_slug_is_readable_unique_and_stable(showcase, completed, classroom):
    assert showcase.slug.startswith("water-in-our-lives-")
    assert len(showcase.slug.rsplit("-", 1)[1]) == 8
    Project.objects.filter(pk=completed.pk).update(title="Renamed")
    completed.refresh_from_db()
    assert services.showcase_of(completed).slug == showcase.slug
    other = build_project(classroom, status=Project.Status.COMPLETED)
    Project.objects.filter(pk=other.pk).update(title=TITLE)
    other.refresh_from_db()
    assert services.showcase_of(other).slug != showcase.slug
    cyrillic = build_project(classroom)
    Project.objects.filter(pk=cyrillic.pk).update(title="Вода")
    cyrillic.refresh_from_db()
    assert services.showcase_of(cyrillic).slug.startswith("showcase-")


# ---- choosing posts --------------------------------------------------------------------------


def test_owner_chooses_approved_posts_in_order(teacher_client, showcase, posts):
    response = teacher_client.post(
        reverse("showcase_items", args=[showcase.project.token]),
        {
            "posts": [posts["puma"].pk, posts["tiger"].pk],
            f"order_{posts['puma'].pk}": "2",
            f"order_{posts['tiger'].pk}": "1",
            f"caption_{posts['tiger'].pk}": "  The river  in Delhi ",
        },
    )
    assert response.status_code == 302
    items = list(showcase.items.all())
    assert [item.post for item in items] == [posts["tiger"], posts["puma"]]
    assert items[0].caption == "The river in Delhi"
    assert not any(item.show_names or item.show_faces for item in items)


@pytest.mark.parametrize("bad", ["pending", "flagged", "foreign", "missing", "text"])
def test_a_post_that_cannot_be_chosen_changes_nothing(
    teacher_client, showcase, posts, classroom, teacher, bad
):
    services.set_items(showcase, by=teacher, post_ids=[posts["teacher"].pk])
    other = build_project(classroom, status=Project.Status.RUNNING)
    foreign = make_post(other, classroom, title="Elsewhere", teacher=teacher)
    hostile = {
        "pending": posts["pending"].pk,
        "flagged": posts["flagged"].pk,
        "foreign": foreign.pk,
        "missing": 987654,
        "text": "1 OR 1=1",
    }[bad]
    response = teacher_client.post(
        reverse("showcase_items", args=[showcase.project.token]),
        {"posts": [posts["puma"].pk, hostile]},
        follow=True,
    )
    assert response.status_code == 200
    assert any("Nothing was changed" in m for m in messages_of(response))
    assert [item.post for item in showcase.items.all()] == [posts["teacher"]]


def test_hostile_order_and_caption_are_refused(teacher_client, showcase, posts):
    url = reverse("showcase_items", args=[showcase.project.token])
    pk = posts["puma"].pk
    for payload in [{f"order_{pk}": "-3"}, {f"order_{pk}": "9" * 40}, {f"caption_{pk}": "x" * 500}]:
        response = teacher_client.post(url, {"posts": [pk], **payload}, follow=True)
        assert response.status_code == 200
        assert messages_of(response)
    assert not showcase.items.exists()


def test_partner_teacher_cannot_choose_posts(partner_client, showcase, posts):
    response = partner_client.post(
        reverse("showcase_items", args=[showcase.project.token]), {"posts": [posts["tiger"].pk]}
    )
    assert response.status_code == 404
    assert not showcase.items.exists()


def test_dropping_a_post_drops_its_consent(showcase, posts, teacher):
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk])
    item = showcase.items.get()
    services.set_consent(showcase, by=teacher, choices={item.pk: (True, True)})
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk, posts["teacher"].pk])
    assert ShowcaseItem.objects.get(pk=item.pk).show_faces  # kept while chosen
    services.set_items(showcase, by=teacher, post_ids=[posts["teacher"].pk])
    services.set_items(showcase, by=teacher, post_ids=[posts["puma"].pk])
    assert not showcase.items.get().show_faces


# ---- consent ---------------------------------------------------------------------------------


def items_by_post(showcase) -> dict:
    return {item.post_id: item for item in showcase.items.all()}


def test_consent_is_given_by_the_teacher_of_the_posts_class(
    teacher_client, partner_client, published, posts, partner_teacher
):
    items = items_by_post(published)
    tiger, puma = items[posts["tiger"].pk], items[posts["puma"].pk]
    url = reverse("showcase_consent", args=[published.project.token])
    # Jhansi (Delhi) gives consent for her class's post.
    response = partner_client.post(url, {"items": [tiger.pk], f"faces_{tiger.pk}": "on"})
    assert response.status_code == 302
    tiger.refresh_from_db()
    assert (tiger.show_names, tiger.show_faces) == (False, True)
    assert tiger.consent_by == partner_teacher
    # Gisel, the owner, can't tick it for the Delhi class; nothing of hers is saved either.
    response = teacher_client.post(
        url,
        {
            "items": [puma.pk, tiger.pk],
            f"names_{puma.pk}": "on",
            f"names_{tiger.pk}": "on",
        },
        follow=True,
    )
    assert any("Only the teacher of an item's class" in m for m in messages_of(response))
    tiger.refresh_from_db()
    puma.refresh_from_db()
    assert (tiger.show_names, puma.show_names) == (False, False)
    # Jhansi can't tick Gisel's class's item either; a tampered id is refused.
    for payload in [{"items": [puma.pk], f"names_{puma.pk}": "on"}, {"items": ["x"]}]:
        partner_client.post(url, payload)
    puma.refresh_from_db()
    assert not puma.show_names


def test_consent_page_lists_only_her_own_class_items(partner_client, published, posts):
    response = partner_client.get(reverse("showcase_manage", args=[published.project.token]))
    assert response.status_code == 200
    rows = response.context["consent_rows"]
    assert [row["post"] for row in rows] == [posts["tiger"]]
    assert response.context["form"] is None  # not the owner: no editing


# ---- the public page -------------------------------------------------------------------------


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


# ---- the gallery -----------------------------------------------------------------------------


def gallery(client, **params):
    response = client.get(reverse("showcase_gallery"), params)
    assert response.status_code == 200
    return [card["showcase"] for card in response.context["cards"]]


def test_gallery_filters_by_sdg_country_and_age(client, published, classroom, teacher):
    other = build_project(classroom, status=Project.Status.COMPLETED)
    Project.objects.filter(pk=other.pk).update(sdgs=[4], age_min=15, age_max=17)
    other_showcase = services.showcase_of(other)
    Showcase.objects.filter(pk=other_showcase.pk).update(final_product_text="Poems")
    services.publish(other_showcase, by=teacher)
    assert set(gallery(client)) == {published, other_showcase}
    assert gallery(client, sdg=13) == [published]
    assert gallery(client, sdg=4) == [other_showcase]
    assert gallery(client, country="UA") == [published]  # a partner's country
    assert set(gallery(client, country="AR")) == {published, other_showcase}
    assert gallery(client, country="FR") == []
    assert gallery(client, age=16) == [other_showcase]
    assert gallery(client, age=11, sdg=6, country="IN") == [published]


def test_gallery_lists_neither_drafts_nor_link_only_projects(client, published, completed):
    Project.objects.filter(pk=completed.pk).update(visibility=Project.Visibility.LINK)
    assert gallery(client) == []
    assert public(client, published).status_code == 200  # its link still works
    Project.objects.filter(pk=completed.pk).update(visibility=Project.Visibility.PUBLIC)
    Showcase.objects.filter(pk=published.pk).update(status=Showcase.Status.DRAFT)
    assert gallery(client) == []


@pytest.mark.parametrize(
    "params",
    [
        {"sdg": "abc"},
        {"sdg": "99"},
        {"age": "-1"},
        {"age": "9" * 50},
        {"country": "<script>"},
        {"country": "x" * 5000},
        {"page": "-1"},
        {"page": "999999999999999999999"},
        {"sdg": ["1", "2"], "age": "ten"},
    ],
)
def test_gallery_survives_hostile_filters(client, published, params):
    response = client.get(reverse("showcase_gallery"), params)
    assert response.status_code == 200


def test_gallery_cover_is_a_consented_picture_only(client, published, posts, teacher):
    response = client.get(reverse("showcase_gallery"))
    assert response.context["cards"][0]["cover"] is None
    puma = items_by_post(published)[posts["puma"].pk]
    services.set_consent(published, by=teacher, choices={puma.pk: (False, True)})
    cover = client.get(reverse("showcase_gallery")).context["cards"][0]["cover"]
    image = attachment(posts["puma"], "image")
    assert cover == reverse("showcase_file", args=[published.slug, image.pk]) + "?thumb=1"
    assert client.get(cover).status_code == 200


def test_reflection_summary_without_nicknames_unless_turned_off(
    client, published, student, teacher
):
    from orbis.reflections.models import ReflectionPrompt, ReflectionResponse

    prompt = ReflectionPrompt.objects.create(
        project=published.project, phase="reflection", text="What surprised you?"
    )
    ReflectionResponse.objects.create(
        prompt=prompt,
        classroom=student.classroom,
        author_student=student,
        text="Rivers change colour",
        status=ReflectionResponse.Status.APPROVED,
    )
    html = public(client, published).text
    assert "What surprised you?" in html and "Rivers change colour" in html
    assert "Puma" not in html
    Showcase.objects.filter(pk=published.pk).update(show_reflections=False)
    assert "Rivers change colour" not in public(client, published).text


def test_a_hostile_filter_leaves_the_valid_ones_applied(client, published, classroom, teacher):
    other = build_project(classroom, status=Project.Status.COMPLETED)
    Project.objects.filter(pk=other.pk).update(sdgs=[4])
    other_showcase = services.showcase_of(other)
    Showcase.objects.filter(pk=other_showcase.pk).update(final_product_text="Poems")
    services.publish(other_showcase, by=teacher)
    assert gallery(client, sdg=4, age="old", country="<b>") == [other_showcase]


def test_gallery_and_public_page_queries_do_not_grow_with_content(
    client, published, classroom, teacher, django_assert_max_num_queries
):
    for _n in range(5):
        other = build_project(classroom, status=Project.Status.COMPLETED)
        other_showcase = services.showcase_of(other)
        Showcase.objects.filter(pk=other_showcase.pk).update(final_product_text="Poems")
        services.publish(other_showcase, by=teacher)
    with django_assert_max_num_queries(8):
        assert len(gallery(client)) == 6
    with django_assert_max_num_queries(12):
        assert public(client, published).status_code == 200

"""The showcase gallery: published public showcases only, filtered by SDG, country and age
(hostile filters ignored), a consented cover picture, reflections, a fixed number of queries."""

import pytest
from django.urls import reverse

from orbis.projects.models import Project
from orbis.showcase import services
from orbis.showcase.models import Showcase
from tests.builders import build_project

from .test_showcase_posts_and_consent import items_by_post
from .test_showcase_public_page import attachment, public

pytestmark = pytest.mark.django_db


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

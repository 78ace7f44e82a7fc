"""Choosing the posts of a showcase (the owner, approved posts of the project only) and the
consent to show names and faces (the teacher of each post's class only)."""

import pytest
from django.urls import reverse

from orbis.projects.models import Project
from orbis.showcase import services
from orbis.showcase.models import ShowcaseItem
from tests.builders import build_project

from .conftest import make_post
from .test_showcase_publishing import messages_of

pytestmark = pytest.mark.django_db


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

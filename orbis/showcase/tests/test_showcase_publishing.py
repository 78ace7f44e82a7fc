"""Publishing a project's showcase: only once the project is completed and has something to
show, only by its owner, telling every member teacher once; its slug."""

import pytest
from django.urls import reverse

from orbis.notifications.models import Notification
from orbis.projects.models import Project
from orbis.showcase import services
from orbis.showcase.models import Showcase
from tests.builders import build_project

from .conftest import TITLE

pytestmark = pytest.mark.django_db


def manage(project):
    return reverse("showcase_manage", args=[project.token])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


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

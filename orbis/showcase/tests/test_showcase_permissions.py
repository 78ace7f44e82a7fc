"""Who reaches every URL of the showcase (tests/site/test_permissions.py reads ROUTE_NAMES).

- Public (no login): the gallery; a published showcase's page, its chosen files and its final
  product. An unpublished showcase is 404 for everyone there, as an unknown slug.
- The project's member teachers: the management page, the preview, the member files, consent
  for their own class's items, and their certificate once published.
- The owner only: editing, choosing posts, publishing, unpublishing (404 for other members).
- Everyone else gets 404 (outsiders, students of other classes) or a login redirect
  (anonymous visitors and students: showcase management is for teachers).
"""

import pytest
from django.test import Client
from django.urls import reverse

from orbis.showcase import services
from orbis.showcase.models import Showcase
from orbis.students.middleware import SESSION_KEY
from tests.factories import ClassroomFactory, StudentFactory
from tests.samples import png_upload

pytestmark = pytest.mark.django_db

PUBLIC_GET = {"showcase_gallery", "showcase_public", "showcase_file", "showcase_product"}
MEMBER_GET = {
    "showcase_manage",
    "showcase_preview",
    "showcase_member_file",
    "showcase_member_product",
    "showcase_certificate",
}
MEMBER_POST = {"showcase_consent"}
OWNER_POST = {"showcase_edit", "showcase_items", "showcase_publish", "showcase_unpublish"}
ROUTE_NAMES = PUBLIC_GET | MEMBER_GET | MEMBER_POST | OWNER_POST
TEACHER_ROUTES = MEMBER_GET | MEMBER_POST | OWNER_POST


@pytest.fixture
def world(published, posts, teacher):
    """A published showcase whose picture has consent, with a final product file."""
    item = published.items.get(post=posts["puma"])
    services.set_consent(published, by=teacher, choices={item.pk: (True, True)})
    services.update_showcase(
        published,
        by=teacher,
        values={
            "intro": "",
            "final_product_text": "Map",
            "final_product_url": "",
            "show_reflections": True,
        },
        upload=png_upload("map.png"),
    )
    return {
        "showcase": published,
        "token": published.project.token,
        "slug": published.slug,
        "attachment": posts["puma"].attachments.get(kind="image").pk,
        "item": item.pk,
    }


def url_for(name: str, world: dict) -> str:
    if name == "showcase_gallery":
        return reverse(name)
    if name in ("showcase_public", "showcase_product"):
        return reverse(name, args=[world["slug"]])
    if name == "showcase_file":
        return reverse(name, args=[world["slug"], world["attachment"]])
    if name == "showcase_member_file":
        return reverse(name, args=[world["token"], world["attachment"]])
    return reverse(name, args=[world["token"]])


def call(client, name, world, method=None):
    method = method or ("POST" if name in MEMBER_POST | OWNER_POST else "GET")
    url = url_for(name, world)
    if method == "POST":
        payload = {"items": [world["item"]], "posts": [], "intro": "Hacked"}
        return client.post(url, payload)
    return getattr(client, method.lower())(url)


def as_student(student) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
    session.save()
    return client


def unchanged(world) -> bool:
    showcase = Showcase.objects.get(pk=world["showcase"].pk)
    item = showcase.items.get(pk=world["item"])
    return (
        showcase.published
        and showcase.intro == ""
        and showcase.items.count() == 2
        and item.show_names
        and item.show_faces
    )


def test_route_names_are_this_apps_urls():
    from orbis.showcase.urls import urlpatterns

    assert {pattern.name for pattern in urlpatterns} == ROUTE_NAMES


@pytest.mark.parametrize("name", sorted(PUBLIC_GET))
def test_anonymous_visitor_sees_a_published_showcase(client, world, name):
    response = call(client, name, world)
    assert response.status_code == 200
    assert client.post(url_for(name, world)).status_code == 405


@pytest.mark.parametrize("name", sorted(PUBLIC_GET - {"showcase_gallery"}))
def test_unpublished_showcase_is_404_for_everyone(client, teacher_client, world, name):
    services.unpublish(world["showcase"], by=world["showcase"].project.owner)
    assert call(client, name, world).status_code == 404
    assert call(teacher_client, name, world).status_code == 404  # even for its owner


@pytest.mark.parametrize("name", sorted(TEACHER_ROUTES))
def test_anonymous_visitor_is_sent_to_log_in(client, world, name):
    response = call(client, name, world)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert unchanged(world)


@pytest.mark.parametrize("name", sorted(TEACHER_ROUTES))
def test_students_are_sent_to_log_in(world, student, name):
    """Students, of a member class or not, don't manage the showcase (it's for teachers)."""
    stranger = StudentFactory(classroom=ClassroomFactory(), nickname="Zorro")
    for client in [as_student(student), as_student(stranger)]:
        response = call(client, name, world)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert unchanged(world)


@pytest.mark.parametrize("name", sorted(TEACHER_ROUTES))
def test_outsider_teacher_gets_404(outsider_client, world, name):
    for method in ["GET", "POST"]:
        response = call(outsider_client, name, world, method)
        taken = "POST" if name in MEMBER_POST | OWNER_POST else "GET"
        assert response.status_code == (404 if method == taken else 405), method
    assert unchanged(world)


@pytest.mark.parametrize("name", sorted(TEACHER_ROUTES))
def test_missing_project_is_404(teacher_client, world, name):
    response = call(teacher_client, name, {**world, "token": "nope", "attachment": 987654})
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(MEMBER_GET))
def test_member_teacher_reaches_the_members_pages(partner_client, world, name):
    response = call(partner_client, name, world)
    assert response.status_code == 200
    if name == "showcase_certificate":
        assert response["Content-Type"] == "application/pdf"


def test_member_teacher_gives_consent_for_her_class_only(partner_client, world):
    # The payload names Gisel's class's item: refused, nothing saved.
    response = call(partner_client, "showcase_consent", world)
    assert response.status_code == 302
    assert unchanged(world)


@pytest.mark.parametrize("name", sorted(OWNER_POST))
def test_member_teacher_who_is_not_the_owner_gets_404(partner_client, world, name):
    assert call(partner_client, name, world).status_code == 404
    assert unchanged(world)


@pytest.mark.parametrize("name", sorted(MEMBER_GET))
def test_owner_reaches_the_members_pages(teacher_client, world, name):
    assert call(teacher_client, name, world).status_code == 200


@pytest.mark.parametrize("name", sorted(OWNER_POST | MEMBER_POST))
def test_owner_posts_succeed(teacher_client, world, name):
    """So the 404s above really are the permission."""
    response = call(teacher_client, name, world)
    assert response.status_code == 302
    showcase = Showcase.objects.get(pk=world["showcase"].pk)
    if name == "showcase_unpublish":
        assert not showcase.published
    if name == "showcase_items":
        assert not showcase.items.exists()  # the payload chose no post


@pytest.mark.parametrize("name", sorted(MEMBER_POST | OWNER_POST))
def test_post_only_urls_answer_405_to_get(teacher_client, world, name):
    assert call(teacher_client, name, world, "GET").status_code == 405


def test_member_file_serves_only_this_projects_choosable_posts(
    partner_client, world, classroom, teacher
):
    from orbis.projects.models import Project
    from tests.builders import build_project

    from .conftest import make_post

    project = world["showcase"].project
    pending = make_post(project, classroom, title="p", teacher=teacher, uploads=[png_upload()])
    pending.status = pending.Status.PENDING
    pending.save()
    other = build_project(classroom, status=Project.Status.RUNNING)
    foreign = make_post(other, classroom, title="f", teacher=teacher, uploads=[png_upload()])
    for post in [pending, foreign]:
        ids = {**world, "attachment": post.attachments.get().pk}
        assert call(partner_client, "showcase_member_file", ids).status_code == 404


@pytest.mark.parametrize("name", ["showcase_file", "showcase_member_file"])
def test_an_id_too_large_for_the_database_is_404(teacher_client, world, name):
    response = call(teacher_client, name, {**world, "attachment": 10**30})
    assert response.status_code == 404

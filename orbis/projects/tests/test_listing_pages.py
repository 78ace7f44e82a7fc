"""The project listing: which projects it lists and in what order, its filters and pages, hostile
query strings, link-only projects, and a teacher's own projects."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orbis.projects.models import Project
from tests.builders import add_partner

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


# ---- the listing ----------------------------------------------------------------------------


def listed_project(owner, title, **fields) -> Project:
    values = {
        "owner": owner,
        "title": title,
        "central_question": "How do we live?",
        "summary": "A project.",
        "approach": "collaborate",
        "project_type": "cultural-exchange",
        "sdgs": [4],
        "subjects": ["geography"],
        "age_min": 10,
        "age_max": 12,
        "languages": ["en"],
        "start_date": TODAY() + timedelta(days=20),
        "end_date": TODAY() + timedelta(days=50),
        "duration_weeks": 4,
        "final_product": "video",
        "exchange_mode": "live",
        "status": Project.Status.OPEN,
    }
    values.update(fields)
    return Project.objects.create(**values)


@pytest.fixture
def catalogue(partner_teacher):
    """Three listed projects, and three that never appear in the listing."""
    soon, later = TODAY() + timedelta(days=10), TODAY() + timedelta(days=90)
    made = {
        "water": listed_project(
            partner_teacher,
            "Water diaries",
            approach="connect",
            sdgs=[6, 13],
            age_min=8,
            age_max=10,
            subjects=["science"],
            summary="Rivers, rain and taps.",
        ),
        "games": listed_project(
            partner_teacher,
            "Games our grandparents played",
            sdgs=[4],
            age_min=11,
            age_max=14,
            languages=["es", "en"],
            subjects=["history"],
            start_date=later,
            end_date=later + timedelta(days=30),
            status=Project.Status.RUNNING,
        ),
        "postcards": listed_project(
            partner_teacher,
            "Postcards from our town",
            approach="create",
            sdgs=[1, 11],
            age_min=15,
            age_max=17,
            languages=["fr"],
            subjects=["arts"],
            start_date=soon,
        ),
    }
    listed_project(partner_teacher, "Secret draft", status=Project.Status.DRAFT)
    listed_project(partner_teacher, "Only by link", visibility=Project.Visibility.LINK)
    listed_project(partner_teacher, "Old and archived", status=Project.Status.ARCHIVED)
    return made


def listing_titles(client, query: str = "") -> list[str]:
    response = client.get(reverse("project_list") + query)
    assert response.status_code == 200
    return [project.title for project in response.context["page"]]


def test_listing_shows_listed_projects_open_ones_first(teacher_client, catalogue):
    assert listing_titles(teacher_client) == [
        "Postcards from our town",
        "Water diaries",
        "Games our grandparents played",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?approach=create", ["postcards"]),
        ("?approach=connect", ["water"]),
        ("?sdg=6", ["water"]),
        ("?sdg=1", ["postcards"]),  # not 11, not 13
        ("?sdg=13", ["water"]),
        ("?age=9", ["water"]),
        ("?age=12", ["games"]),
        ("?age=19", []),
        ("?language=fr", ["postcards"]),
        ("?language=es", ["games"]),
        ("?subject=history", ["games"]),
        ("?q=grandparents", ["games"]),
        ("?q=RAIN+diaries", ["water"]),
        ("?q=water+postcards", []),
        ("?approach=collaborate&language=en", ["games"]),
    ],
)
def test_each_listing_filter_narrows_the_results(teacher_client, catalogue, query, expected):
    titles = {catalogue[key].title for key in expected}
    assert set(listing_titles(teacher_client, query)) == titles


def test_starts_after_filter(teacher_client, catalogue):
    day = (TODAY() + timedelta(days=60)).isoformat()
    assert listing_titles(teacher_client, f"?starts_after={day}") == [catalogue["games"].title]


HOSTILE_QUERIES = [
    "?age=abc&sdg=99&starts_after=notadate&page=-1&q=<script>alert(1)</script>",
    "?page=99999&approach=../../etc/passwd&language=xx&subject=%00",
    "?q=%00%01%1b&sdg=-1&age=1e9&starts_after=9999-99-99",
    "?q=" + "x" * 5000,
    "?sdg=4&sdg=5&age=&age=12&page=abc",
    "?starts_after=0001-01-01&q=%27%3B+DROP+TABLE+projects_project%3B+--",
    "?language=%E2%80%AEevil&subject=arts&approach=create&page=1.5",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_listing_answers_hostile_query_strings(teacher_client, catalogue, query):
    response = teacher_client.get(reverse("project_list") + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text
    assert Project.objects.count() == 6


@pytest.mark.parametrize("query", HOSTILE_QUERIES[:3])
def test_project_page_answers_hostile_query_strings(teacher_client, draft, query):
    response = teacher_client.get(reverse("project_detail", args=[draft.token]) + query)
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text


def test_listing_pages(teacher_client, partner_teacher):
    for number in range(23):
        listed_project(partner_teacher, f"Project {number:02d}")
    first = teacher_client.get(reverse("project_list") + "?approach=collaborate")
    assert len(first.context["page"]) == 20
    assert first.context["query"] == "approach=collaborate"
    last = teacher_client.get(reverse("project_list") + "?approach=collaborate&page=2")
    assert len(last.context["page"]) == 3


def test_a_link_only_project_is_reachable_by_its_link(login_client, outsider, catalogue):
    hidden = Project.objects.get(title="Only by link")
    client = login_client(outsider)
    assert "Only by link" not in listing_titles(client)
    page = client.get(reverse("project_detail", args=[hidden.token]))
    assert page.status_code == 200
    assert "Only by link" in page.text
    assert client.get(reverse("project_ics", args=[hidden.token])).status_code == 200


def test_a_wrong_token_is_404(teacher_client, draft):
    for token in (draft.token[:-1], draft.token.upper(), "x" * 200):
        if token != draft.token:
            url = reverse("project_detail", args=[token])
            assert teacher_client.get(url).status_code == 404


def test_my_projects_lists_owned_and_joined_ones(
    login_client, teacher_client, open_project, partner_teacher, delhi, make_project
):
    draft = make_project()
    add_partner(open_project, delhi)
    mine = teacher_client.get(reverse("project_mine"))
    assert {p.pk for p in mine.context["projects"]} == {open_project.pk, draft.pk}
    theirs = login_client(partner_teacher).get(reverse("project_mine"))
    assert [p.pk for p in theirs.context["projects"]] == [open_project.pk]

"""The project listing reads one page at a time: the page's projects and their partner counts
in one query, the same projects in the same order as the whole search sorted; the cards'
labels looked up once per request; the filter form's selects written as Django writes them;
and (on SQLite) the cheap filters read from the listing index alone."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Q
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from orbis.projects import selectors
from orbis.projects.forms import ProjectFilterForm
from orbis.projects.models import Membership, Project
from orbis.projects.views.listing import CARD_LABELS
from tests.builders import add_partner
from tests.factories import ClassroomFactory

from .test_listing_pages import listed_project

pytestmark = pytest.mark.django_db

STATUSES = [Project.Status.OPEN, Project.Status.RUNNING, Project.Status.COMPLETED]


def crowd(owner, count: int) -> list[Project]:
    """Listed projects of every listed status, several starting on the same day (the order
    then goes by pk), with owners, co-editors and partners among their member classes."""
    rooms = ClassroomFactory.create_batch(3)
    made = []
    for number in range(count):
        start = timezone.localdate() + timedelta(days=10 + number % 4)
        project = listed_project(
            owner,
            f"Crowd {number:02d} river" if number % 3 else f"Crowd {number:02d}",
            status=STATUSES[number % 3],
            approach="create" if number % 4 == 0 else "collaborate",
            sdgs=[13] if number % 2 else [4, 13],
            age_min=8 + number % 4,
            age_max=14,
            languages=["fr"] if number % 5 == 0 else ["en", "es"],
            start_date=start,
            end_date=start + timedelta(days=30),
            max_partners=3,
        )
        add_partner(project, rooms[0], role=Membership.Role.OWNER)
        if number % 2:
            add_partner(project, rooms[1], role=Membership.Role.CO_EDITOR)
        if number % 3:
            add_partner(project, rooms[2])
        made.append(project)
    listed_project(owner, "Crowd draft", status=Project.Status.DRAFT)
    listed_project(owner, "Crowd by link", visibility=Project.Visibility.LINK)
    return made


def whole_search(filters: dict) -> list[tuple[int, int]]:
    """(pk, partners) of every match, counted over the whole search as the listing once did."""
    partners = Count("memberships", filter=~Q(memberships__role=Membership.Role.OWNER))
    found = selectors.project_search(filters).annotate(counted=partners)
    return [(project.pk, project.counted) for project in found]


@pytest.mark.parametrize(
    "filters",
    [{}, {"sdg": 4}, {"age": 9}, {"q": "river"}, {"language": "fr"}, {"approach": "create"}],
)
def test_the_pages_hold_the_whole_search_in_order_with_partner_counts(partner_teacher, filters):
    crowd(partner_teacher, 45)
    expected = whole_search(filters)
    paginator = Paginator(selectors.project_search(filters), 20)
    shown = []
    for number in paginator.page_range:
        projects = selectors.shown_page(paginator.page(number).object_list)
        assert len(projects) == len(paginator.page(number))
        shown += [(project.pk, project.partners) for project in projects]
    assert shown == expected
    # Every filter keeps some projects, not all; the counts differ from project to project.
    assert 0 < len(expected) < 45 if filters else len(expected) == 45
    assert filters or {partners for _pk, partners in expected} == {0, 1, 2}


def test_open_projects_come_first_then_by_start_date(partner_teacher):
    crowd(partner_teacher, 12)
    paginator = Paginator(selectors.project_search({}), 5)
    shown = [
        project
        for number in paginator.page_range
        for project in selectors.shown_page(paginator.page(number).object_list)
    ]
    keys = [
        (project.status != Project.Status.OPEN, project.start_date, project.pk) for project in shown
    ]
    assert keys == sorted(keys) and len(shown) == 12


def test_a_card_shows_labels_and_partners_as_the_model_names_them(teacher_client, partner_teacher):
    made = crowd(partner_teacher, 3)
    for language in ("en", "es"):
        response = teacher_client.get(reverse("project_list"), HTTP_ACCEPT_LANGUAGE=language)
        page = list(response.context["page"])
        assert {project.pk for project in page} == {project.pk for project in made}
        with translation.override(language):
            for project in page:
                assert {name: str(label) for name, label in project.labels.items()} == {
                    name: getattr(project, f"get_{name}_display")() for name in CARD_LABELS
                }
                for name in CARD_LABELS:
                    assert str(project.labels[name]) in response.text
    english = teacher_client.get(reverse("project_list"), HTTP_ACCEPT_LANGUAGE="en")
    # Crowd 01: a co-editor and a partner, the owner's class not counted.
    assert "Open for partners" in english.text and "Running" in english.text
    assert "2 of 3 partner classes" in english.text and "0 of 3 partner classes" in english.text


def listing_queries(client, query: str = "") -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("project_list") + query)
    assert response.status_code == 200
    return [entry["sql"] for entry in queries.captured_queries]


def test_the_listing_asks_as_many_queries_for_many_projects_as_for_few(
    teacher_client, partner_teacher
):
    crowd(partner_teacher, 4)
    listing_queries(teacher_client)  # per-process caches filled
    few = {query: len(listing_queries(teacher_client, query)) for query in ("", "?sdg=13")}
    crowd(partner_teacher, 41)
    many = {query: len(listing_queries(teacher_client, query)) for query in ("", "?sdg=13")}
    assert many == few
    # The last page too: 45 listed projects make three pages of 20.
    assert len(listing_queries(teacher_client, "?page=3")) == few[""]


def test_no_match_reads_no_page(teacher_client, partner_teacher):
    crowd(partner_teacher, 3)
    queries = listing_queries(teacher_client, "?q=nothing+like+this")
    project_reads = [sql for sql in queries if "projects_project" in sql]
    assert len(project_reads) == 1 and "COUNT(" in project_reads[0]
    response = teacher_client.get(reverse("project_list") + "?q=nothing+like+this")
    assert "No project matches these filters yet." in response.text
    assert list(response.context["page"]) == []


class Tags(HTMLParser):
    """The tags, attributes (in any order) and text of an HTML fragment, blanks ignored."""

    def __init__(self, html: str):
        super().__init__()
        self.events = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, sorted(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", data.strip()))


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"language": "fr", "sdg": "13", "age": "12", "approach": "create", "subject": "arts"},
        {"sdg": "99", "age": "abc", "language": "xx", "approach": "../etc"},
        {"q": "<b>water</b>", "starts_after": "notadate"},
    ],
)
def test_the_filter_form_writes_what_django_writes(query):
    plain = ProjectFilterForm(query, renderer=DjangoTemplates())
    quick = ProjectFilterForm(query)  # settings.FORM_RENDERER: orbis.web.rendering.QuickRenderer
    assert plain.is_valid() == quick.is_valid()
    for name in plain.fields:
        assert Tags(str(quick[name])).events == Tags(str(plain[name])).events, name
    # The languages keep their groups, and the chosen one stays chosen.
    assert str(quick["language"]).count("<optgroup") == 2
    if query.get("language") == "fr":
        assert '<option value="fr" selected>' in str(quick["language"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans")
@pytest.mark.parametrize(
    "filters",
    [{}, {"sdg": 13}, {"age": 10, "language": "en"}, {"subject": "arts", "approach": "create"}],
)
def test_cheap_filters_read_the_listing_index_alone(filters):
    for queryset in (selectors.project_search(filters), selectors.project_search(filters)[:20]):
        sql, params = queryset.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
        assert "COVERING INDEX project_listing_idx" in plan, plan

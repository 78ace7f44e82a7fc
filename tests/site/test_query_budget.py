"""Query budget: each key page asks the database a number of queries that does not grow with
the data. The world (tests/site/world.py, grown by tests/site/scale.py) is measured at two
sizes: with
SMALL units of growth and with LARGE = 3 × SMALL (more teachers and classes looking for
partners, Gisel's classes and students, projects, partner classes, posts with pictures,
comments, reactions, flags, waiting work, live sessions, reflection answers, showcases,
challenge entries, notifications). Each page must ask exactly as many queries at both sizes
(a list that grows must be read with select_related / prefetch_related / annotations, never
one query per row), and no more than its budget.

BUDGET is what the pages ask today (measured on SQLite; PostgreSQL asks no more): a page that
asks more fails here, which is the moment to look at why. Every request also pays for the
session, the user and the unread-notification count of the header (about 3 queries).
"""

from contextlib import ExitStack

from django.db import connections
from django.test.utils import CaptureQueriesContext

from orbis.board.selectors import new_post_count, student_projects, visit_since
from orbis.projects.access import Viewer
from tests.site.scale import check_shows, grow, key_pages
from tests.site.world import build_world

SMALL = 2
LARGE = 3 * SMALL
CEILING = 25  # no page may ever ask more, whatever its budget says

# page -> queries per request (measured: the same at both sizes).
BUDGET = {
    "home": 0,
    "dashboard": 11,
    "partner_search": 12,
    "partner_suggestions": 6,
    "project_list": 5,
    "project_mine": 5,
    "project_detail": 11,
    "board": 14,
    "board_student": 11,
    "board_post": 11,
    "board_gallery": 7,
    "live_sessions": 11,
    "live_session_new": 12,
    "reflections": 10,
    "reflections_student": 8,
    "showcase_manage": 9,
    "showcase_public": 5,
    "showcase_gallery": 5,
    "challenge_list": 4,
    "challenge_detail": 9,
    "notification_list": 5,
    "student_space": 9,
    "classroom_detail": 6,
    "classroom_students": 5,
    "classroom_list": 5,
    "partner_requests": 5,
    "board_queue_all": 9,
    "live_session_detail": 10,
    "challenge_entries_mine": 6,
}


def measure(world) -> dict[str, int]:
    """Queries of one request to each key page. Each page is opened once before: a first
    request fills per-process caches (content types, the board's visit row) that are not the
    page's steady cost."""
    counts = {}
    for page, (role, url) in key_pages(world).items():
        client = world.client(role)
        assert client.get(url).status_code == 200, page
        # Every database alias: reads may go to a replica (orbis/db_router.py) when one is set.
        with ExitStack() as stack:
            captured = [stack.enter_context(CaptureQueriesContext(c)) for c in connections.all()]
            response = client.get(url)
        assert response.status_code == 200, page
        check_shows(page, response.content)
        counts[page] = sum(len(queries.captured_queries) for queries in captured)
    return counts


def test_every_key_page_asks_the_same_queries_at_three_times_the_data(db, settings):
    # The world is built faster than any real account is: lift the new-account limits.
    settings.NEW_ACCOUNT_DAYS = -1
    world = build_world()
    grow(world, SMALL)
    small = measure(world)
    grow(world, LARGE - SMALL)
    large = measure(world)

    assert set(small) == set(BUDGET), "every key page has a budget"
    table = "\n".join(
        f"{page:24} {small[page]:3} {large[page]:3} (budget {BUDGET[page]})" for page in BUDGET
    )
    grows = [page for page in BUDGET if large[page] != small[page]]
    assert not grows, f"queries grow with the data on {grows}:\n{table}"
    over = [page for page in BUDGET if large[page] > min(BUDGET[page], CEILING)]
    assert not over, f"over budget: {over}:\n{table}"


def test_the_student_space_counts_new_posts_as_each_board_does(db, settings):
    """The student space counts every project's new posts in one query (board/selectors.py
    student_projects): the same numbers as each board's own count, project by project."""
    settings.NEW_ACCOUNT_DAYS = -1
    world = build_world()
    grow(world, 2)
    puma = world.students["member_student"]
    rows = student_projects(puma)
    assert len(rows) >= 3
    expected = {}
    for row in rows:
        project = row["project"]
        own = tuple(m for m in project.memberships.all() if m.classroom_id == puma.classroom_id)
        viewer = Viewer(student=puma, memberships=own)
        expected[project.pk] = new_post_count(
            project, viewer, visit_since(project, viewer, record=False)
        )
    assert {row["project"].pk: row["new_count"] for row in rows} == expected
    assert sum(expected.values()) >= 2  # the boards she saw before have a new post each

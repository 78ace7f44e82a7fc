"""The board's reads: the visit written at most once a minute, the counts of one query, the
comment counts and reaction bars of one page, and queries that don't grow with the board."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orbis.board import selectors, services
from orbis.board.models import BoardVisit, Status
from orbis.projects.access import Viewer
from tests.samples import png_upload

pytestmark = pytest.mark.django_db


def teacher_post(project, classroom, title="Hello", phase="execution", uploads=()):
    return services.post_create(
        project=project, classroom=classroom, phase=phase, title=title, body="",
        uploads=list(uploads), teacher=classroom.teacher,
    )  # fmt: skip


def viewer_of(project, *, teacher=None, student=None) -> Viewer:
    if teacher is not None:
        memberships = tuple(project.memberships.filter(classroom__teacher=teacher))
        return Viewer(teacher=teacher, memberships=memberships)
    memberships = tuple(project.memberships.filter(classroom=student.classroom))
    return Viewer(student=student, memberships=memberships)


# ---- the visit ---------------------------------------------------------------------------------


def test_the_visit_is_written_at_most_once_a_minute_while_browsing(partnered, partner_teacher):
    viewer = viewer_of(partnered, teacher=partner_teacher)
    start = timezone.now()

    def look(at, record=True):
        with time_machine.travel(at, tick=False):
            return selectors.visit_since(partnered, viewer, record=record)

    assert look(start) is None  # a first visit: nothing to compare with
    assert BoardVisit.objects.get().last_seen_at == start
    with CaptureQueriesContext(connection) as queries:
        assert look(start + timedelta(seconds=40)) is None
    assert len(queries) == 1  # read, not written
    assert BoardVisit.objects.get().last_seen_at == start
    look(start + timedelta(seconds=70))
    assert BoardVisit.objects.get().last_seen_at == start + timedelta(seconds=70)
    # Browsing on, a view every 20 minutes: the same visit, however long it lasts.
    for minutes in (20, 40, 60, 80):
        assert look(start + timedelta(minutes=minutes)) is None
    # A pause longer than VISIT_GAP starts a new visit: new means after the previous one.
    later = start + timedelta(minutes=80) + selectors.VISIT_GAP + timedelta(seconds=1)
    assert look(later) == start + timedelta(minutes=80)
    # Within the new visit, "new" keeps starting there, written or not.
    assert look(later + timedelta(seconds=10)) == start + timedelta(minutes=80)
    assert look(later + timedelta(minutes=5)) == start + timedelta(minutes=80)
    # A post's page reads the visit and never writes it.
    before = BoardVisit.objects.get().last_seen_at
    assert look(later + timedelta(hours=1), record=False) == later + timedelta(minutes=5)
    assert BoardVisit.objects.get().last_seen_at == before


def test_the_board_page_does_not_write_while_one_browses(partner_client, partnered, classroom):
    teacher_post(partnered, classroom)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        partner_client.get(reverse("board", args=[partnered.token]))
    with (
        time_machine.travel(start + timedelta(seconds=30), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        partner_client.get(reverse("board", args=[partnered.token]))
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "board_boardvisit" in sql]


# ---- counts ------------------------------------------------------------------------------------


@pytest.fixture
def busy_board(partnered, classroom, delhi, tiger, student, partner_teacher):
    """Posts of both classes, one waiting, one flagged, with comments and reactions, some made
    after Jhansi's last visit."""
    start = timezone.now() - timedelta(days=2)
    with time_machine.travel(start, tick=False):
        old = teacher_post(
            partnered, classroom, title="Old", phase="definition", uploads=[png_upload()]
        )
        teacher_post(partnered, delhi, title="Delhi old")
        viewer = viewer_of(partnered, teacher=partner_teacher)
        selectors.visit_since(partnered, viewer, record=True)
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        fresh = teacher_post(partnered, classroom, title="Fresh")
        teacher_post(partnered, delhi, title="Delhi fresh")  # hers: never new for her
        waiting = services.post_create(
            project=partnered, classroom=tiger.classroom, phase="execution", title="Waiting",
            body="", uploads=[], student=tiger,
        )  # fmt: skip
        flagged = teacher_post(partnered, classroom, title="Flagged")
        services.item_flag(item=flagged, teacher=partner_teacher, reason="A face")
        services.comment_create(post=old, starter="", body="Late answer", teacher=classroom.teacher)
        services.comment_create(post=old, starter="like", body="Mine, waiting", student=student)
        services.reaction_toggle(post=fresh, kind="heart", student=student)
        services.reaction_toggle(post=fresh, kind="heart", teacher=partner_teacher)
        services.reaction_toggle(post=old, kind="idea", teacher=partner_teacher)
    with time_machine.travel(start + timedelta(days=1), tick=False):
        since = selectors.visit_since(partnered, viewer, record=True)
    return {
        "old": old,
        "fresh": fresh,
        "waiting": waiting,
        "flagged": flagged,
        "since": since,
        "visit": start + timedelta(days=1),
    }


FILTERS = [
    {},
    {"phase": "execution"},
    {"phase": "definition"},
    {"kind": "text"},
    {"kind": "image"},
    {"kind": "video"},
    {"new": True},
    {"new": True, "phase": "definition"},
]


@pytest.mark.parametrize("who", ["partner", "owner", "student"])
def test_counts_are_what_the_list_shows(
    busy_board, partnered, partner_teacher, teacher, student, delhi, who
):
    viewer = {
        "partner": viewer_of(partnered, teacher=partner_teacher),
        "owner": viewer_of(partnered, teacher=teacher),
        "student": viewer_of(partnered, student=student),
    }[who]
    since = busy_board["since"]
    for filters in [*FILTERS, {"classroom": delhi.pk}]:
        listed = selectors.board_posts(partnered, viewer, filters=filters, since=since)
        shown, new = selectors.board_counts(partnered, viewer, filters=filters, since=since)
        assert shown == len(list(listed)), filters
        assert new == selectors.new_post_count(partnered, viewer, since)
    assert selectors.board_counts(partnered, viewer, filters={}, since=None)[1] == 0


def test_only_new_lists_new_posts_and_posts_with_new_comments(
    busy_board, partnered, partner_teacher
):
    viewer = viewer_of(partnered, teacher=partner_teacher)
    since = busy_board["since"]
    listed = selectors.board_posts(partnered, viewer, filters={"new": True}, since=since)
    # Fresh (new), Flagged (new, and she flagged it), Old (a new comment); the Delhi posts are
    # hers or old; Tiger's waits for her, his teacher: it is new too.
    assert {post.title for post in listed} == {"Fresh", "Flagged", "Old", "Waiting"}
    assert selectors.new_post_count(partnered, viewer, since) == 3


def test_comment_counts_follow_what_each_viewer_sees(
    busy_board, partnered, partner_teacher, teacher, student
):
    old, since = busy_board["old"], busy_board["since"]
    partner = viewer_of(partnered, teacher=partner_teacher)
    assert selectors.comment_counts([old], partner, since) == {old.pk: (1, 1)}
    # Puma sees her own waiting comment, her teacher sees it to approve it.
    assert selectors.comment_counts([old], viewer_of(partnered, student=student), None) == {
        old.pk: (2, 0)
    }
    assert selectors.comment_counts([old], viewer_of(partnered, teacher=teacher), since) == {
        old.pk: (2, 2)
    }
    assert selectors.comment_counts([busy_board["fresh"]], partner, since) == {}


def test_reaction_bars_count_each_kind_and_mark_the_viewers_own(
    busy_board, partnered, partner_teacher, student, teacher
):
    fresh, old = busy_board["fresh"], busy_board["old"]
    bars = selectors.reaction_bars([fresh, old], viewer_of(partnered, teacher=partner_teacher))
    assert [r["kind"] for r in bars[fresh.pk]] == ["heart", "clap", "wow", "idea", "laugh"]
    assert {r["kind"]: (r["count"], r["mine"]) for r in bars[fresh.pk] if r["count"]} == {
        "heart": (2, True)
    }
    assert {r["kind"]: (r["count"], r["mine"]) for r in bars[old.pk] if r["count"]} == {
        "idea": (1, True)
    }
    puma = selectors.reaction_bars([fresh], viewer_of(partnered, student=student))[fresh.pk]
    assert puma[0] == {"kind": "heart", "label": "Love it", "emoji": "❤️", "count": 2, "mine": True}
    gisel = selectors.reaction_bars([fresh], viewer_of(partnered, teacher=teacher))[fresh.pk]
    assert not any(r["mine"] for r in gisel)


def test_the_board_card_counts_and_status(busy_board, partner_client, partnered):
    # In the same visit as the fixture's last look.
    with time_machine.travel(busy_board["visit"] + timedelta(minutes=5), tick=False):
        response = partner_client.get(reverse("board", args=[partnered.token]))
    cards = {card.post.title: card for card in response.context["cards"]}
    assert cards["Old"].post.comment_count == 1 and cards["Old"].new_comments == 1
    assert cards["Fresh"].is_new and not cards["Old"].is_new
    assert cards["Waiting"].post.status == Status.PENDING
    assert response.context["new_count"] == 3
    assert response.context["page"].paginator.count == 6


# ---- queries -----------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    client.get(url)  # the first view writes the visit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_board_asks_as_many_queries_for_25_busy_posts_as_for_one(
    partner_client, partnered, classroom, student, partner_teacher, settings
):
    settings.NEW_ACCOUNT_DAYS = -1  # no hourly limit for these accounts
    url = reverse("board", args=[partnered.token])
    post = teacher_post(partnered, classroom, uploads=[png_upload()])
    services.reaction_toggle(post=post, kind="heart", student=student)
    services.comment_create(post=post, starter="", body="Hi", teacher=partner_teacher)
    one = count_queries(partner_client, url)
    for n in range(24):
        post = teacher_post(partnered, classroom, title=f"Post {n}", uploads=[png_upload()])
        services.reaction_toggle(post=post, kind="clap", student=student)
        services.reaction_toggle(post=post, kind="wow", teacher=partner_teacher)
        services.comment_create(post=post, starter="", body="Hi", teacher=partner_teacher)
    assert count_queries(partner_client, url) == one
    page = reverse("board_post", args=[partnered.token, post.pk])
    assert count_queries(partner_client, page) <= one

"""How long the board's cards take to render, and the whole board page, in one process.

    uv run python benchmarks/board_cards.py [--renders 200] [--root PATH] [--html FILE]

Builds a small world in a fresh SQLite database (a running project of two classes, one in
Argentina and one in India, built with the tests' factories) whose board has 20 posts the
teacher sees: teachers' and students' posts, pictures and documents, reactions, comments, one
post waiting for her approval and one flagged. Then, signed in as the teacher:

    cards    the page's 20 cards from posts already read (what each card shows worked out,
             then rendered): no database query in the loop
    view     the whole board page through Django's test client (queries, middleware and all)

Prints ONE JSON object: for each, the median, the 10th and 90th percentile and the spread
(p90 - p10) in milliseconds over --renders renders (after 20 unmeasured ones), and the size of
the cards' HTML. --root runs the code of another checkout of Orbis (to compare before and
after a change, with that checkout's own environment):

    cd /work/before && uv run python /work/main/benchmarks/board_cards.py --root /work/before

Before the cards became a template again (issue 13), they were built by cards.CardRenderer;
the script measures whichever the checkout has. --html writes the cards' HTML to FILE and the
last page to FILE.page, to compare two checkouts' markup (CSRF tokens and times aside).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--html", help="write the cards' HTML and the page to FILE(.page)")
    return parser.parse_args()


ARGS = parse_args()
sys.path.insert(0, ARGS.root)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbis.settings")
os.environ["ORBIS_VAR_DIR"] = tempfile.mkdtemp(prefix="orbis-bench-cards-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.urls import reverse  # noqa: E402

from orbis.board import cards as cards_module  # noqa: E402
from orbis.board import selectors  # noqa: E402
from orbis.board.models import Attachment, Post  # noqa: E402
from orbis.projects.access import member_project  # noqa: E402
from orbis.projects.models import Membership, Project  # noqa: E402

try:
    from tests.builders import build_project
except ImportError:  # before the builders left the app conftests (issue 13)
    from orbis.projects.tests.conftest import build_project

try:
    from tests.factories import (
        ClassroomFactory,
        SchoolFactory,
        StudentFactory,
        TeacherFactory,
    )
except ImportError:  # before the factories moved into the tests (issue 13)
    from orbis.factories import (
        ClassroomFactory,
        SchoolFactory,
        StudentFactory,
        TeacherFactory,
    )

from orbis.board import services  # noqa: E402

try:
    from orbis.board.views import listing as board_views
except ImportError:  # before board/views.py was split (issue 13)
    from orbis.board import views as board_views

CARDS = CSRF_TOKEN = None  # the new template's partial, the page's token (set in main)

BODY = (
    "We measured how much **water** our school uses in one week. Here is what we found:\n\n"
    "- the kitchen uses the most\n- the garden comes second\n\nWhat about your school?"
)


def build_world():
    """A running project of Gisel's class with Jhansi's class as partner, 20 posts."""
    gisel = TeacherFactory(
        email="gisel@school.test",
        display_name="Gisel",
        school=SchoolFactory(
            name="Escuela Rosario", country="AR", time_zone="America/Argentina/Cordoba"
        ),
    )
    jhansi = TeacherFactory(
        email="jhansi@school.test",
        display_name="Jhansi",
        school=SchoolFactory(name="Delhi Public School", country="IN", time_zone="Asia/Kolkata"),
    )
    rosario = ClassroomFactory(teacher=gisel, name="6th grade B")
    delhi = ClassroomFactory(teacher=jhansi, name="Class of Delhi", languages=["en"])
    project = build_project(rosario)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.RUNNING)
    project.refresh_from_db()
    Membership.objects.create(project=project, classroom=delhi, role=Membership.Role.MEMBER)
    puma = StudentFactory(classroom=rosario, nickname="Puma")
    tiger = StudentFactory(classroom=delhi, nickname="Tiger")
    authors = [
        (rosario, {"teacher": gisel}),
        (delhi, {"teacher": jhansi}),
        (rosario, {"student": puma}),
        (delhi, {"student": tiger}),
    ]
    posts = []
    for number in range(20):
        classroom, author = authors[number % 4]
        post = services.post_create(
            project=project,
            classroom=classroom,
            phase=("definition", "execution", "reflection")[number % 3],
            title=f"Water at school, week {number + 1}",
            body=BODY if number % 2 else "Our survey in pictures.",
            **author,
        )
        if post.status != "approved" and number != 18:
            Post.objects.filter(pk=post.pk).update(status="approved")
            post.status = "approved"
        posts.append(post)
    for number, post in enumerate(posts):
        if number % 3 == 0:
            Attachment.objects.create(
                post=post, kind="image", file=f"board/p{number}.jpg",
                thumbnail=f"board/p{number}.webp", name=f"photo {number}.jpg",
                content_type="image/jpeg", size=120_000, width=640, height=480,
            )  # fmt: skip
        if number % 5 == 0:
            Attachment.objects.create(
                post=post, kind="pdf", file=f"board/d{number}.pdf", name=f"survey {number}.pdf",
                content_type="application/pdf", size=48_000,
            )  # fmt: skip
    for number, post in enumerate(posts[:17]):
        services.reaction_toggle(post=post, kind="heart", student=puma)
        if number % 2:
            services.reaction_toggle(post=post, kind="clap", teacher=jhansi)
            services.reaction_toggle(post=post, kind="idea", teacher=gisel)
        if number % 4 == 1:
            services.comment_create(post=post, starter="like", body="Great!", teacher=jhansi)
    # One flagged by Gisel: held on her board until Jhansi decides.
    Post.objects.filter(pk=posts[19].pk).update(status="approved")
    flagged = Post.objects.get(pk=posts[19].pk)
    services.item_flag(item=flagged, teacher=gisel, reason="Shows a student's full name")
    return gisel, project


def percentiles(times: list[float]) -> dict:
    times = sorted(times)
    p10 = times[len(times) // 10]
    p90 = times[(len(times) * 9) // 10]
    return {
        "median_ms": round(statistics.median(times) * 1000, 3),
        "p10_ms": round(p10 * 1000, 3),
        "p90_ms": round(p90 * 1000, 3),
        "spread_ms": round((p90 - p10) * 1000, 3),
    }


def timed(function, renders: int) -> tuple[dict, object]:
    for _ in range(20):
        result = function()
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return percentiles(times), result


def card_renderer(request, project, viewer, posts, reactions, since):
    """What cards.CardRenderer had: the cards as Python strings (before issue 13)."""
    renderer = cards_module.CardRenderer(request, project, writable=True)
    return "".join(
        renderer.card(board_views._card(post, viewer, since, reactions=reactions[post.pk]))
        for post in posts
    )


def card_template(request, project, viewer, posts, reactions, since):
    """The cards' view objects prepared once a page (cards.CardPage), rendered by the board's
    template: its "cards" partial, in the page's context (what the view gives it and the context
    processors' user, request and CSRF token)."""
    card_page = cards_module.CardPage(request, project, viewer, writable=True)
    context = {
        "project": project,
        "card_page": card_page,
        "cards": card_page.cards(posts, reactions, since),
        "filtered": False,
        "request": request,
        "user": request.user,
        "csrf_token": CSRF_TOKEN,
    }
    return CARDS.render(context)


def main():
    # Not setup_test_environment(): it instruments every template render (for the test client's
    # response.context), which would weigh on templates and not on strings.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)
    teacher, project = build_world()
    url = reverse("board", args=[project.token])

    request = RequestFactory().get(url)
    request.user = teacher
    request.student = None
    project, viewer = member_project(request, project.token)
    since = None
    posts = list(selectors.board_posts(project, viewer, filters={}, since=since)[:20])
    counts = selectors.comment_counts(posts, viewer, since)
    for post in posts:
        post.comment_count, post.new_comment_count = counts.get(post.pk, (0, 0))
    reactions = selectors.reaction_bars(posts, viewer)
    render = card_renderer if hasattr(cards_module, "CardRenderer") else card_template
    if render is card_template:
        global CARDS, CSRF_TOKEN
        CARDS = get_template("board/board.html#cards")
        CSRF_TOKEN = get_token(request)
    cards, html = timed(
        lambda: render(request, project, viewer, posts, reactions, since), ARGS.renders
    )

    client = Client()
    client.force_login(teacher)

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    view, response = timed(page, ARGS.renders)
    if ARGS.html:
        Path(ARGS.html).write_text(str(html))
        Path(ARGS.html + ".page").write_bytes(response.content)
    print(
        json.dumps(
            {
                "root": ARGS.root,
                "renderer": render.__name__,
                "posts": len(posts),
                "renders": ARGS.renders,
                "cards": {**cards, "html_bytes": len(str(html).encode())},
                "view": {**view, "page_bytes": len(response.content)},
            }
        )
    )


if __name__ == "__main__":
    main()

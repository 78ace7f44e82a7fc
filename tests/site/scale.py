"""A world that grows: tests/site/world.py's rich world, plus `grow(world, units)` that adds more of
everything the key pages list (teachers and classes looking for partners, Gisel's classes and
students, projects, partner classes in her running project, posts with pictures and comments,
live sessions, reflection answers, showcases, challenges and entries, notifications).

`key_pages(world)` names each key page with the role that opens it and its URL. The query
budget (test_query_budget.py) opens them at two sizes of the world; the page weight
(test_page_weight.py) at the larger one.
"""

from datetime import timedelta
from itertools import count

from django.urls import reverse
from django.utils import timezone

from orbis.board import services as board
from orbis.board.models import BoardVisit, Post
from orbis.challenges import services as challenges
from orbis.challenges.models import Challenge
from orbis.classrooms.models import Classroom
from orbis.live import services as live
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.access import project_with_members
from orbis.projects.models import Membership, Project
from orbis.reflections import services as reflections
from orbis.reflections.models import ReflectionPrompt
from orbis.showcase import services as showcases
from tests.builders import add_partner, build_project, enter, open_challenge
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.samples import png, png_upload, uploaded

# Countries and zones of the partner classes that join: search results and local times vary.
PLACES = [
    ("IN", "Asia/Kolkata"),
    ("FR", "Europe/Paris"),
    ("KE", "Africa/Nairobi"),
    ("US", "America/New_York"),
    ("BR", "America/Sao_Paulo"),
]
_serial = count(1)


def _picture():
    return uploaded(png(), "drawing.png", "image/png")


def _post(project, classroom, title, *, teacher=None, student=None, pictures=1):
    post = board.post_create(
        project=project,
        classroom=classroom,
        phase="execution",
        title=title,
        body=f"Text of {title}, with a few words about the river.",
        uploads=[_picture() for _ in range(pictures)],
        teacher=teacher if student is None else None,
        student=student,
    )
    Post.objects.filter(pk=post.pk).update(status=Post.Status.APPROVED)
    post.refresh_from_db()
    return post


def _foreign_class(n: int) -> Classroom:
    """A new teacher's class in another country, looking for partners, with a timetable."""
    country, zone = PLACES[n % len(PLACES)]
    school = SchoolFactory(name=f"Scale school {n}", country=country, time_zone=zone)
    teacher = TeacherFactory(
        email=f"scale{n}@school.test", display_name=f"Scale {n}", school=school
    )
    room = ClassroomFactory(teacher=teacher, name=f"Scale class {n}", languages=["en", "es"])
    # Tuesdays 8:00-23:00 local: shared time with Gisel's class (Tuesday 13:00 in Argentina).
    AvailabilityPeriodFactory(classroom=room, weekday=1, start_minute=480, end_minute=1380)
    AvailabilityPeriodFactory(classroom=room, weekday=n % 5, start_minute=600, end_minute=700)
    return room


def grow(world, units: int) -> None:
    """Add `units` of everything: the data the key pages show grows, its kinds stay the same."""
    own = world.ids["own"]
    gisel = world.users["owner"]
    jhansi = world.users["partner"]
    room = Classroom.objects.get(pk=own["classroom"])
    puma = world.students["member_student"]
    running = Project.objects.get(token=own["token"])
    done = Project.objects.get(token=own["done_token"])
    first = Challenge.objects.get(slug=own["challenge_slug"])
    for _ in range(units):
        n = next(_serial)
        # Classes in other countries looking for partners (search results, suggestions), one of
        # them a partner in Gisel's running project (board, sessions, slot finder, reflection).
        partner_room = _foreign_class(n)
        _foreign_class(1000 + n)
        add_partner(running, partner_room)
        PartnerSuggestion.objects.create(classroom=room, partner=partner_room, score=50 + n % 40)
        # Gisel: one more class of her own, more students in 6th grade B.
        mine = ClassroomFactory(teacher=gisel, name=f"Gisel class {n}")
        AvailabilityPeriodFactory(classroom=mine, weekday=3, start_minute=540, end_minute=600)
        StudentFactory(classroom=mine, nickname=f"Owl {n}")
        pupils = [StudentFactory(classroom=room, nickname=f"Fox {n}-{i}") for i in range(3)]
        partner_pupil = StudentFactory(classroom=partner_room, nickname=f"Yak {n}")
        # A partner's project that Puma's class is in too, finished with a published showcase
        # (student space, showcase gallery), and another teacher's open project (project list).
        other = build_project(partner_room, status=Project.Status.RUNNING)
        add_partner(other, room)
        hello = _post(other, partner_room, f"Hello {n}", teacher=partner_room.teacher)
        # Puma looked at that board before: its new posts are counted for her.
        BoardVisit.objects.create(
            project=other,
            student=puma,
            last_seen_at=timezone.now() - timedelta(hours=2),
            since=timezone.now() - timedelta(days=3),
        )
        _complete_and_publish(other, partner_room.teacher, hello)
        build_project(_foreign_class(2000 + n), status=Project.Status.OPEN)

        # The running project's board: posts by students, teachers and partners, with pictures,
        # comments and reactions.
        posts = [
            _post(running, room, f"River {n}", student=pupils[0], pictures=2),
            _post(running, room, f"Week {n}", teacher=gisel),
            _post(running, partner_room, f"Hello from {n}", student=partner_pupil),
        ]
        for post in posts:
            board.comment_create(post=post, starter="like", body=f"Nice {n}", teacher=gisel)
            board.comment_create(
                post=post, starter="question", body="How?", teacher=partner_room.teacher
            )
            board.reaction_toggle(post=post, kind="heart", student=pupils[1])
            board.reaction_toggle(post=post, kind="idea", teacher=partner_room.teacher)
        # Work waiting for Gisel: a pupil's post and comment, and a partner request.
        waiting = board.post_create(
            project=running,
            classroom=room,
            phase="execution",
            title=f"Draft {n}",
            body="Waiting for the teacher.",
            uploads=[_picture()],
            student=pupils[1],
        )
        board.comment_create(post=posts[2], starter="like", body="Wait", student=pupils[2])
        PartnerRequest.objects.create(
            from_classroom=partner_room, to_classroom=mine, introduction=f"Hello {n}!"
        )
        assert waiting.status == Post.Status.PENDING
        # A partner flags Gisel's post and a comment of her class: held, shown to her with why.
        board.item_flag(item=posts[1], teacher=partner_room.teacher, reason="A full name")
        target = Post.objects.get(pk=own["post"])
        held = board.comment_create(post=target, starter="like", body=f"Ours {n}", teacher=gisel)
        board.item_flag(item=held, teacher=partner_room.teacher, reason="A face")
        board.comment_create(post=target, starter="like", body=f"More {n}", teacher=jhansi)
        board.comment_create(
            post=target, starter="question", body=f"Why {n}?", teacher=partner_room.teacher
        )
        board.reaction_toggle(post=target, kind="heart", teacher=partner_room.teacher)

        # A live session ahead with Gisel's class and the new partner class.
        project = project_with_members(running.token)
        live.schedule_session(
            project=project,
            actor=gisel,
            title=f"Session {n}",
            agenda="Greetings.",
            starts_at=timezone.now() + timedelta(days=2 + n % 20, hours=n % 7),
            minutes=45,
            meeting_url="https://meet.jit.si/orbis-scale",
            classrooms=[room, partner_room],
        )
        # Reflection: answers of students of both classes, and one more prompt.
        prompt = ReflectionPrompt.objects.filter(pk=own["prompt"]).get()
        for pupil in (*pupils, partner_pupil):
            reflections.student_answer(prompt, student=pupil, text=f"I learnt {n}.")
        reflections.prompt_add(running, phase="reflection", text=f"What else {n}?")

        # Gisel's showcase: one more item (republished with it).
        shown = _post(done, room, f"Mural {n}", student=pupils[2])
        _publish_more(done, gisel, shown)

        # Challenges: one more challenge, and one more approved entry in the world's one.
        challenge = open_challenge(title=f"Challenge of play {n}")
        entry = enter(first, mine, files=[png_upload()], title=f"City {n}", show_faces=True)
        challenges.entry_consent(entry=entry, teacher=gisel, show_names=True, show_faces=True)
        enter(challenge, room, files=[png_upload()], title=f"Town {n}")

        # Notifications for Gisel, of three kinds.
        for kind, params in NOTIFICATIONS:
            Notification.objects.create(recipient=gisel, kind=kind, params=params, url="/")


def _complete_and_publish(project, teacher, post) -> None:
    Project.objects.filter(pk=project.pk).update(status=Project.Status.COMPLETED)
    project.refresh_from_db()
    showcase = showcases.showcase_of(project)
    showcases.set_items(showcase, by=teacher, post_ids=[post.pk])
    showcases.set_consent(
        showcase, by=teacher, choices={item.pk: (True, True) for item in showcase.items.all()}
    )
    showcases.publish(showcase, by=teacher)


def _publish_more(done, gisel, shown) -> None:
    showcase = showcases.showcase_of(done)
    if showcase.published_at:
        showcases.unpublish(showcase, by=gisel)
    posts = [*showcase.items.values_list("post_id", flat=True), shown.pk]
    showcases.set_items(showcase, by=gisel, post_ids=posts)
    showcases.set_consent(
        showcase, by=gisel, choices={item.pk: (True, True) for item in showcase.items.all()}
    )
    showcases.publish(showcase, by=gisel)


NOTIFICATIONS = [
    (
        Notification.Kind.BOARD_POST,
        {"author": "Puma", "classroom": "6B", "title": "T", "project": "P"},
    ),
    (Notification.Kind.SHOWCASE_PUBLISHED, {"project": "P"}),
    (Notification.Kind.CHALLENGE_ENTRY, {"classroom": "6B", "challenge": "C"}),
]


def key_pages(world) -> dict[str, tuple[str, str]]:
    """page -> (role, URL) for every key page."""
    own = world.ids["own"]
    token, room = own["token"], own["classroom"]
    post = own["post"]
    return {
        "home": ("anonymous", reverse("home")),
        "dashboard": ("owner", reverse("dashboard")),
        "partner_search": ("owner", reverse("partner_search") + f"?classroom={room}"),
        "partner_suggestions": ("owner", reverse("partner_suggestions")),
        "project_list": ("owner", reverse("project_list")),
        "project_mine": ("owner", reverse("project_mine")),
        "project_detail": ("owner", reverse("project_detail", args=[token])),
        "board": ("owner", reverse("board", args=[token])),
        "board_student": ("member_student", reverse("board", args=[token])),
        "board_post": ("owner", reverse("board_post", args=[token, post])),
        "board_gallery": ("owner", reverse("board_gallery", args=[token])),
        "live_sessions": ("owner", reverse("live_sessions", args=[token])),
        "live_session_new": ("owner", _finder_url(token, room)),
        "reflections": ("owner", reverse("reflections", args=[token])),
        "reflections_student": ("member_student", reverse("reflections", args=[token])),
        "showcase_manage": ("owner", reverse("showcase_manage", args=[own["done_token"]])),
        "showcase_public": ("anonymous", reverse("showcase_public", args=[own["showcase_slug"]])),
        "showcase_gallery": ("anonymous", reverse("showcase_gallery")),
        "challenge_list": ("owner", reverse("challenge_list")),
        "challenge_detail": ("owner", reverse("challenge_detail", args=[own["challenge_slug"]])),
        "notification_list": ("owner", reverse("notification_list")),
        "student_space": ("member_student", reverse("student_space")),
        "classroom_detail": ("owner", reverse("classroom_detail", args=[room])),
        "classroom_students": ("owner", reverse("classroom_students", args=[room])),
        # Pages next to the key ones that lists grow on too.
        "classroom_list": ("owner", reverse("classroom_list")),
        "partner_requests": ("owner", reverse("partner_requests")),
        "board_queue_all": ("owner", reverse("board_queue_all")),
        "live_session_detail": (
            "owner",
            reverse("live_session_detail", args=[token, own["session"]]),
        ),
        "challenge_entries_mine": ("owner", reverse("challenge_entries_mine")),
    }


def _finder_url(token, room) -> str:
    """The slot finder for Gisel's class and every partner class with a timetable."""
    today = timezone.localdate()
    first, last = today + timedelta(days=1), today + timedelta(days=20)
    rooms = Membership.objects.filter(
        project__token=token, classroom__availability__isnull=False
    ).values_list("classroom_id", flat=True)
    query = "".join(f"&classrooms={pk}" for pk in sorted(set(rooms)))
    return (
        reverse("live_session_new", args=[token])
        + f"?find=1&first_day={first}&last_day={last}&minutes=45{query}"
    )


# What proves that a page shows the grown data (not an empty state): a text of its HTML, or
# (text, how many times at least).
SHOWS = {
    "dashboard": "Gisel class",
    "partner_search": "classrooms fit",
    "partner_suggestions": "Scale class",
    "project_list": ("Stories We Grew Up With", 3),
    "project_detail": "Scale class",
    "board": "River ",
    "board_student": "River ",
    "board_post": "Why ",
    "board_gallery": "<img",
    "live_sessions": "Session ",
    "live_session_new": 'class="slots"',
    "reflections": "I learnt",
    "reflections_student": "What else",
    "showcase_manage": "Mural ",
    "showcase_public": "Mural ",
    "showcase_gallery": ("Stories We Grew Up With", 3),
    "challenge_list": "Challenge of play",
    "challenge_detail": "City ",
    "notification_list": "Puma",
    "student_space": "Scale class",
    "classroom_students": "Fox ",
    "classroom_list": "Gisel class",
    "partner_requests": "Hello ",
    "board_queue_all": "Draft ",
    "challenge_entries_mine": "Town ",
}


def check_shows(page: str, html: bytes) -> None:
    shown = SHOWS.get(page, ("", 0))
    marker, least = (shown, 1) if isinstance(shown, str) else shown
    assert html.decode().count(marker) >= least, f"{page} does not show {marker!r} {least}×"

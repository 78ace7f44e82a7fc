"""The world benchmarks/load.py and benchmarks/explain.py measure: `orbis seed` teachers and
classrooms, then projects, memberships, board posts and notifications written in bulk.

Projects are clones of a handful of plans made by the real generator (activities, milestones
and suggested sessions included), so project pages show what a real project shows; owners and
partners are spread over the seeded classrooms. Everything is deterministic (one seed).

Call `ensure_world(...)` in a process where Django is set up and migrated.
"""

import copy
import io
import random
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

BATCH = 2000
TEMPLATE_PLANS = 12
SEED = 2026
POST_TITLES = [
    "Our school garden in spring",
    "What we eat for breakfast",
    "Questions for our partners",
    "Map of our neighbourhood",
    "Interview with a grandparent",
    "Water use at home: our survey",
    "Photos of our classroom",
    "A song we learned this week",
]
POST_BODY = (
    "We talked about this in class today and wrote down what we noticed. "
    "What is it like in your town? Please answer with a photo or a drawing."
)


def counts() -> dict:
    from orbis.accounts.models import User
    from orbis.board.models import Post
    from orbis.classrooms.models import Classroom
    from orbis.notifications.models import Notification
    from orbis.projects.models import Project

    return {
        "teachers": User.objects.filter(is_staff=False).count(),
        "classrooms": Classroom.objects.count(),
        "projects": Project.objects.count(),
        "posts": Post.objects.count(),
        "notifications": Notification.objects.count(),
    }


def ensure_world(
    *, teachers: int, projects: int, posts: int, classrooms: int | None = None, log=print
) -> dict:
    """Seed what is missing, up to the sizes asked (existing rows are kept: --reuse).
    Classrooms default to two per teacher."""
    have = counts()
    if have["teachers"] < teachers:
        call_command("seed", teachers=teachers, stdout=io.StringIO())
    classrooms = 2 * teachers if classrooms is None else classrooms
    have = counts()
    if have["classrooms"] < classrooms:
        _classrooms(classrooms - have["classrooms"], log)
    have = counts()
    if have["projects"] < projects:
        _projects(projects, log)
    have = counts()
    if have["posts"] < posts:
        _posts(posts - have["posts"], log)
    return counts()


def _classrooms(count: int, log) -> None:
    """`orbis seed` gives teachers one or two classes: a second (or third) class of the same
    teacher, a copy of one of hers with its timetable, makes up the difference."""
    from orbis.classrooms.models import AvailabilityPeriod, Classroom

    rng = random.Random(SEED + 2)
    log(f"seeding {count} more classrooms")
    originals = list(Classroom.objects.order_by("pk")[:count])
    periods: dict[int, list] = {}
    for period in AvailabilityPeriod.objects.filter(classroom__in=[c.pk for c in originals]):
        periods.setdefault(period.classroom_id, []).append(period)
    for start in range(0, len(originals), BATCH):
        with transaction.atomic():
            batch = originals[start : start + BATCH]
            clones = []
            for original in batch:
                clone = copy.copy(original)
                clone.pk = clone.id = None
                clone._state = copy.copy(original._state)
                clone._state.adding = True
                clone.name = f"{original.name} ({rng.choice('BCDEFG')})"
                clone.join_code = None
                clones.append(clone)
            Classroom.objects.bulk_create(clones, batch_size=BATCH)
            rows = []
            for original, clone in zip(batch, clones, strict=True):
                for period in periods.get(original.pk, []):
                    rows.append(
                        AvailabilityPeriod(
                            classroom=clone,
                            weekday=period.weekday,
                            start_minute=period.start_minute,
                            end_minute=period.end_minute,
                        )
                    )
            AvailabilityPeriod.objects.bulk_create(rows, batch_size=BATCH)


def _template_plans(rng: random.Random):
    """A few projects planned by the real generator and stored by the real service."""
    from orbis.classrooms.models import Classroom
    from orbis.core.plans import generator
    from orbis.projects.models import Project
    from orbis.projects.services import plans
    from orbis.schools.calendars import school_calendar

    existing = list(Project.objects.order_by("pk")[:TEMPLATE_PLANS])
    if len(existing) >= TEMPLATE_PLANS:
        return existing
    rooms = list(Classroom.objects.select_related("teacher__school").order_by("pk")[:200])
    made = []
    for i, room in enumerate(rng.sample(rooms, TEMPLATE_PLANS)):
        age = max(6, min(16, room.age_min))
        answers = {
            "classroom": room.pk,
            "age_min": age,
            "age_max": age + 2,
            "subject": ["social-studies", "science", "languages", "arts"][i % 4],
            "competencies": ["intercultural-communication", "empathy"],
            "sdgs": [4, 6, 13, 15][i % 4 : i % 4 + 1],
            "weeks": [4, 6, 8][i % 3],
            "start": (timezone.localdate() + timedelta(days=7 * (i % 5) - 14)).isoformat(),
            "mode": ["live", "async", "live"][i % 3],
            "approach": "",
            "languages": ["en", "es"] if i % 2 else ["en", "fr"],
            "text_language": "en",
            "max_partners": 3,
        }
        calendar = school_calendar(room.teacher.school)
        plan = generator.generate_plan(plans.plan_request_from_answers(answers, [calendar]))
        made.append(
            plans.project_create_from_plan(
                owner=room.teacher, classroom=room, answers=answers, plan=plan, max_partners=3
            )
        )
    return made


def _projects(target: int, log) -> None:
    from orbis.classrooms.models import Classroom
    from orbis.projects.models import (
        Activity,
        Membership,
        Milestone,
        Project,
        SuggestedSession,
        new_token,
    )

    rng = random.Random(SEED)
    templates = _template_plans(rng)
    count = target - Project.objects.count()
    offset = Project.objects.count()
    children = {
        model: {t.pk: list(model.objects.filter(project=t)) for t in templates}
        for model in (Activity, Milestone, SuggestedSession)
    }
    rooms = list(Classroom.objects.order_by("pk").values_list("pk", "teacher_id"))
    owned = set(Membership.objects.filter(role="owner").values_list("classroom_id", flat=True))
    free = [room for room in rooms if room[0] not in owned]
    rng.shuffle(free)
    statuses = ["open"] * 3 + ["running"] * 5 + ["completed"] * 2 + ["draft"]
    log(f"seeding {count} projects")
    for start in range(0, count, BATCH):
        with transaction.atomic():
            new = []
            for i in range(start, min(count, start + BATCH)):
                template = templates[i % len(templates)]
                room_id, teacher_id = free[i % len(free)]
                project = copy.copy(template)
                project.pk = project.id = None
                project._state = copy.copy(template._state)
                project._state.adding = True
                project.token = new_token()
                project.owner_id = teacher_id
                project.title = f"{template.title} #{offset + i}"
                project.status = rng.choice(statuses)
                shift = timedelta(days=rng.randrange(-90, 90))
                project.start_date = template.start_date + shift
                project.end_date = template.end_date + shift
                project.answers = {**template.answers, "classroom": room_id}
                new.append((project, room_id, template.pk, shift))
            Project.objects.bulk_create([p for p, *_ in new], batch_size=BATCH)
            members = []
            for project, room_id, _t, _s in new:
                members.append(Membership(project=project, classroom_id=room_id, role="owner"))
                partners = rng.sample(rooms, rng.randrange(1, 4))
                for partner_id, _teacher in {p for p in partners if p[0] != room_id}:
                    members.append(Membership(project=project, classroom_id=partner_id))
            Membership.objects.bulk_create(members, batch_size=BATCH)
            for model, by_template in children.items():
                rows = []
                for project, _r, template_pk, shift in new:
                    for item in by_template[template_pk]:
                        clone = copy.copy(item)
                        clone.pk = clone.id = None
                        clone._state = copy.copy(item._state)
                        clone._state.adding = True
                        clone.project = project
                        for name in ("due_date", "on_date"):
                            if hasattr(clone, name):
                                setattr(clone, name, getattr(clone, name) + shift)
                        rows.append(clone)
                model.objects.bulk_create(rows, batch_size=BATCH)


def _posts(count: int, log) -> None:
    """Posts by member teachers, spread over the last 120 days, plus one notification per post
    for another member teacher (what notify() would have stored)."""
    from orbis.board.models import Post
    from orbis.notifications.models import Notification
    from orbis.projects.models import Membership

    rng = random.Random(SEED + 1)
    members: dict[int, list[tuple[int, int]]] = {}
    rows = Membership.objects.values_list("project_id", "classroom_id", "classroom__teacher_id")
    for project_id, room_id, teacher_id in rows.order_by("pk"):
        members.setdefault(project_id, []).append((room_id, teacher_id))
    project_ids = sorted(members)
    phases = ["definition", "execution", "reflection", "dissemination"]
    now = timezone.now()
    # created_at is auto_now_add: bulk seeding backdates it, so switch that off meanwhile.
    fields = [Post._meta.get_field("created_at"), Notification._meta.get_field("created_at")]
    for field in fields:
        field.auto_now_add = False
    log(f"seeding {count} posts")
    try:
        for start in range(0, count, BATCH):
            with transaction.atomic():
                posts, notes = [], []
                for _ in range(min(BATCH, count - start)):
                    project_id = rng.choice(project_ids)
                    room_id, teacher_id = rng.choice(members[project_id])
                    title = rng.choice(POST_TITLES)
                    at = now - timedelta(minutes=rng.randrange(0, 120 * 24 * 60))
                    posts.append(
                        Post(
                            project_id=project_id,
                            classroom_id=room_id,
                            author_teacher_id=teacher_id,
                            status="approved" if rng.random() < 0.95 else "pending",
                            phase=rng.choice(phases),
                            title=title,
                            body=POST_BODY,
                            body_html=f"<p>{POST_BODY}</p>",
                            language="en",
                            created_at=at,
                        )
                    )
                    others = [t for _r, t in members[project_id] if t != teacher_id]
                    if others:
                        notes.append(
                            Notification(
                                recipient_id=rng.choice(others),
                                kind=Notification.Kind.BOARD_POST,
                                params={
                                    "author": "A teacher",
                                    "classroom": "A class",
                                    "title": title,
                                    "project": "A project",
                                },
                                url="/board/",
                                created_at=at,
                                read_at=at if rng.random() < 0.7 else None,
                            )
                        )
                Post.objects.bulk_create(posts, batch_size=BATCH)
                Notification.objects.bulk_create(notes, batch_size=BATCH)
    finally:
        for field in fields:
            field.auto_now_add = True

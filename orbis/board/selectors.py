"""Reads of the board: what each viewer may see, filters, "new since your last visit"."""

from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from orbis.accounts import limits
from orbis.projects.access import Viewer
from orbis.uploads.quota import upload_refusal
from orbis.vocabulary import Phase

from .models import Attachment, BoardVisit, Comment, Post, Reaction, Status

# A pause longer than this starts a new visit: what was new stays new while one keeps browsing.
VISIT_GAP = timedelta(minutes=30)
# While one browses, the visit's last_seen_at is written at most this often, not on every
# view: a pause is then measured to within this much, far finer than VISIT_GAP.
VISIT_REFRESH = timedelta(minutes=1)
TEXT_ONLY = "text"


def _visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Items the viewer may see: approved and unflagged ones, plus, for a teacher, her classes'
    pending and flagged items and what she flagged; for a student, her own pending or refused
    items (never other students' pending work, nor anything flagged)."""

    def field(name):
        return prefix + name

    shown = Q(**{field("status"): Status.APPROVED, field("flagged_at__isnull"): True})
    if viewer.is_teacher:
        own = Q(**{field("classroom__teacher"): viewer.teacher}) & ~Q(
            **{field("status"): Status.REJECTED}
        )
        flagged_by_her = Q(
            **{field("flagged_by"): viewer.teacher, field("flagged_at__isnull"): False}
        )
        return shown | own | flagged_by_her
    if viewer.is_student:
        return shown | Q(
            **{field("author_student"): viewer.student, field("flagged_at__isnull"): True}
        )
    return Q(pk__in=[])


def posts_for(project, viewer: Viewer) -> QuerySet:
    return Post.objects.filter(_visible_q(viewer), project=project)


def comments_for(post: Post, viewer: Viewer) -> QuerySet:
    return (
        Comment.objects.filter(_visible_q(viewer), post=post)
        .select_related(
            "author_teacher", "author_student", "classroom__teacher__school", "flagged_by"
        )
        .order_by("created_at", "pk")
    )


def post_for(project, viewer: Viewer, post_id: int) -> Post | None:
    return (
        posts_for(project, viewer)
        .select_related("author_teacher", "author_student", "classroom")
        .filter(pk=post_id)
        .first()
    )


def comment_for(project, viewer: Viewer, comment_id: int) -> Comment | None:
    return (
        Comment.objects.filter(_visible_q(viewer), post__project=project, pk=comment_id)
        .select_related("post", "classroom__teacher", "author_teacher", "author_student")
        .first()
    )


def _filter_q(viewer: Viewer, filters: dict, since) -> Q:
    """The board's filters as one condition on posts (counted and listed alike)."""
    condition = Q()
    if filters.get("phase"):
        condition &= Q(phase=filters["phase"])
    if filters.get("classroom"):
        condition &= Q(classroom_id=filters["classroom"])
    kind = filters.get("kind")
    if kind == TEXT_ONLY:
        condition &= ~Q(Exists(Attachment.objects.filter(post=OuterRef("pk"))))
    elif kind:
        condition &= Q(Exists(Attachment.objects.filter(post=OuterRef("pk"), kind=kind)))
    if since is not None and filters.get("new"):
        new_comments = Comment.objects.filter(
            _visible_q(viewer), post=OuterRef("pk"), created_at__gt=since
        )
        condition &= _new_post_q(viewer, since) | Q(Exists(new_comments))
    return condition


def board_posts(project, viewer: Viewer, *, filters: dict, since) -> QuerySet:
    """The board's posts, newest first, filtered, with what the list shows. Comment counts and
    reactions are read for the shown page only: see comment_counts and reaction_bars."""
    posts = posts_for(project, viewer).filter(_filter_q(viewer, filters, since))
    # The list never shows the Markdown source (up to 10,000 characters a post): only body_html.
    return with_details(posts, viewer).defer("body", "updated_at").order_by("-created_at", "-pk")


def board_counts(project, viewer: Viewer, *, filters: dict, since) -> tuple[int, int]:
    """(posts the filters show, posts new since the last visit), in one query."""
    shown = _filter_q(viewer, filters, since)
    counts = {"shown": Count("pk", filter=shown) if shown else Count("pk")}
    if since is not None:
        counts["new"] = Count("pk", filter=_new_post_q(viewer, since))
    found = posts_for(project, viewer).aggregate(**counts)
    return found["shown"], found.get("new", 0)


def with_details(posts: QuerySet, viewer: Viewer) -> QuerySet:
    """Posts with what a card shows of their class, authors and files (`attachment_list`);
    only the columns it reads (a class's or a user's other fields are many, some JSON)."""
    # flagged_by: the class's teacher reads who flagged each held item.
    return (
        posts.select_related(
            "author_teacher", "author_student", "classroom__teacher__school", "flagged_by"
        )
        .only(
            *(f.name for f in Post._meta.concrete_fields),
            "classroom__name",
            "classroom__teacher__school__country",
            "author_teacher__display_name",
            "author_teacher__email",
            "author_student__nickname",
            "flagged_by__display_name",
            "flagged_by__email",
        )
        # A plain list (to_attr): a related manager per post costs a queryset each.
        .prefetch_related(
            Prefetch("attachments", Attachment.objects.order_by("pk"), to_attr="attachment_list")
        )
    )


def comment_counts(posts, viewer: Viewer, since) -> dict[int, tuple[int, int]]:
    """post id -> (comments the viewer sees, how many of them are new since `since`), for one
    page of posts in one query. Posts without comments are left out."""
    counts = {"shown": Count("pk")}
    if since is not None:
        counts["new"] = Count("pk", filter=Q(created_at__gt=since))
    rows = (
        Comment.objects.filter(_visible_q(viewer), post__in=[post.pk for post in posts])
        .values("post_id")
        .annotate(**counts)
        .order_by()
    )
    return {row["post_id"]: (row["shown"], row.get("new", 0)) for row in rows}


def reaction_bars(posts, viewer: Viewer) -> dict[int, list[dict]]:
    """post id -> each reaction kind with its count and whether the viewer chose it, for a
    page of posts in one query (counted by the database, whatever the number of reactions)."""
    if viewer.is_teacher:
        mine = Q(author_teacher=viewer.teacher)
    elif viewer.is_student:
        mine = Q(author_student=viewer.student)
    else:
        mine = Q(pk__in=[])
    rows = (
        Reaction.objects.filter(post__in=[post.pk for post in posts])
        .values("post_id", "kind")
        .annotate(count=Count("pk"), mine=Count("pk", filter=mine))
        .order_by()
    )
    found = {(row["post_id"], row["kind"]): row for row in rows}
    kinds = [(kind, str(label), Reaction.EMOJI[kind]) for kind, label in Reaction.Kind.choices]
    none = {"count": 0, "mine": 0}
    bars = {}
    for post in posts:
        bar = []
        for kind, label, emoji in kinds:
            row = found.get((post.pk, kind), none)
            bar.append(
                {
                    "kind": kind,
                    "label": label,
                    "emoji": emoji,
                    "count": row["count"],
                    "mine": row["mine"] > 0,
                }
            )
        bars[post.pk] = bar
    return bars


def gallery_attachments(project, viewer: Viewer, *, kind: str = "") -> QuerySet:
    found = Attachment.objects.filter(
        post__in=posts_for(project, viewer).filter(status=Status.APPROVED, flagged_at__isnull=True)
    )
    if kind and kind != TEXT_ONLY:
        found = found.filter(kind=kind)
    return found.select_related("post__classroom").order_by("-post__created_at", "pk")


def attachment_for(project, viewer: Viewer, attachment_id: int) -> Attachment | None:
    return (
        Attachment.objects.filter(pk=attachment_id, post__in=posts_for(project, viewer))
        .only("pk", "file", "thumbnail", "name", "content_type", "kind", "post_id")
        .first()
    )


# ---- "new since your last visit" ------------------------------------------------------------


def visit_since(project, viewer: Viewer, *, record: bool):
    """When "new" starts for this viewer (None on a first visit: nothing to compare with), and,
    with `record`, note that they are looking now."""
    who = {"teacher": viewer.teacher} if viewer.is_teacher else {"student": viewer.student}
    now = timezone.now()
    visit = BoardVisit.objects.filter(project=project, **who).first()
    if visit is None:
        if record:
            BoardVisit.objects.create(project=project, last_seen_at=now, since=None, **who)
        return None
    since = _since(visit, now)
    if record and (since != visit.since or now - visit.last_seen_at >= VISIT_REFRESH):
        BoardVisit.objects.filter(pk=visit.pk).update(last_seen_at=now, since=since)
    return since


def _since(visit: BoardVisit, now):
    if now - visit.last_seen_at > VISIT_GAP:
        return visit.last_seen_at  # a new visit: new means after the previous one
    return visit.since


def new_post_count(project, viewer: Viewer, since) -> int:
    if since is None:
        return 0
    return posts_for(project, viewer).filter(_new_post_q(viewer, since)).count()


def _new_post_q(viewer: Viewer, since) -> Q:
    """Posts created since the last visit, except the viewer's own."""
    return Q(created_at__gt=since) & ~Q(**_own(viewer))


def _own(viewer: Viewer) -> dict:
    if viewer.is_teacher:
        return {"author_teacher": viewer.teacher}
    return {"author_student": viewer.student}


# ---- the teacher's queue ----------------------------------------------------------------------


def queue_items(teacher, project=None) -> dict:
    """What waits for this teacher: her students' pending posts and comments, and her classes'
    items that a partner flagged. Across all her projects, or one."""
    scope = Q(classroom__teacher=teacher)
    post_scope = scope & (Q(project=project) if project else Q())
    comment_scope = scope & (Q(post__project=project) if project else Q())
    pending = Q(status=Status.PENDING, flagged_at__isnull=True)
    flagged = Q(flagged_at__isnull=False)
    posts = (
        Post.objects.filter(post_scope)
        .select_related("project", "classroom", "author_teacher", "author_student", "flagged_by")
        .prefetch_related("attachments")
    )
    comments = Comment.objects.filter(comment_scope).select_related(
        "post__project", "classroom", "author_teacher", "author_student", "flagged_by"
    )
    return {
        "pending_posts": list(posts.filter(pending).order_by("created_at", "pk")),
        "pending_comments": list(comments.filter(pending).order_by("created_at", "pk")),
        "flagged_posts": list(posts.filter(flagged).order_by("flagged_at", "pk")),
        "flagged_comments": list(comments.filter(flagged).order_by("flagged_at", "pk")),
    }


def waiting_count(teacher, project=None) -> int:
    """How many board items wait for this teacher's decision, in one project or all (the
    dashboard's "waiting for your approval")."""
    waiting = Q(classroom__teacher=teacher) & (
        Q(status=Status.PENDING) | Q(flagged_at__isnull=False)
    )
    posts = Post.objects.filter(waiting)
    comments = Comment.objects.filter(waiting)
    if project is not None:
        posts, comments = posts.filter(project=project), comments.filter(post__project=project)
    return posts.count() + comments.count()


def pending_count(project, classroom) -> int:
    waiting = Q(classroom=classroom, status=Status.PENDING)
    return (
        Post.objects.filter(waiting, project=project).count()
        + Comment.objects.filter(waiting, post__project=project).count()
    )


# ---- the phase a new post belongs to ---------------------------------------------------------


def current_phase(project, today: date | None = None) -> str:
    """The phase whose activities are under way: the first whose last due date is still ahead."""
    today = today or timezone.localdate()
    ends = dict(project.activities.values_list("phase").annotate(last=Max("due_date")).order_by())
    for phase in Phase.values:
        if phase in ends and ends[phase] >= today:
            return phase
    return Phase.DISSEMINATION if ends else Phase.DEFINITION


def student_projects(student) -> list[dict]:
    """The projects of a student's class (drafts stay with the teacher until they open), each
    with the partner classes and how many posts are new for her on its board."""
    from orbis.projects.models import Membership, Project

    projects = (
        Project.objects.filter(memberships__classroom_id=student.classroom_id)
        .exclude(status=Project.Status.DRAFT)
        .prefetch_related(
            Prefetch("memberships", Membership.objects.select_related("classroom__teacher__school"))
        )
        .order_by("-start_date", "pk")
    )
    projects = list(projects)
    new_counts = _student_new_counts(student, projects)
    return [
        {
            "project": project,
            "partners": [
                m.classroom
                for m in project.memberships.all()
                if m.classroom_id != student.classroom_id
            ],
            "new_count": new_counts.get(project.pk, 0),
        }
        for project in projects
    ]


def _student_new_counts(student, projects) -> dict[int, int]:
    """project id -> the posts new for the student on its board (as new_post_count counts
    them), in two queries whatever the number of projects."""
    now = timezone.now()
    new = Q()
    for visit in BoardVisit.objects.filter(student=student, project__in=projects):
        since = _since(visit, now)
        if since is not None:
            new |= Q(project_id=visit.project_id, created_at__gt=since)
    if not new:
        return {}
    own = tuple(
        m for p in projects for m in p.memberships.all() if m.classroom_id == student.classroom_id
    )
    viewer = Viewer(student=student, memberships=own)
    rows = (
        Post.objects.filter(_visible_q(viewer), new)
        .exclude(author_student=student)
        .values("project_id")
        .annotate(new_count=Count("pk"))
        .order_by()
    )
    return {row["project_id"]: row["new_count"] for row in rows}


# ---- rate limits: this board's counts, orbis/accounts/limits.py's verdict ----------------------


def writes_since(since, *, authors: dict) -> int:
    """Posts and comments written since `since` by `authors` (limits.Counted.authors)."""
    return (
        Post.objects.filter(created_at__gte=since, **authors).count()
        + Comment.objects.filter(created_at__gte=since, **authors).count()
    )


def attachments_since(since, *, authors: dict) -> int:
    """Files attached since `since` by `authors`: a counter of orbis/uploads/quota.py."""
    on_post = {f"post__{field}": value for field, value in authors.items()}
    return Attachment.objects.filter(post__created_at__gte=since, **on_post).count()


def write_refusal(classroom, *, teacher=None, student=None, uploads: int = 0) -> str | None:
    """Whether one more post or comment (with `uploads` files) may be written."""
    who = {"teacher": teacher, "student": student}
    return limits.class_refusal(classroom, **who, limit="writes", counter=writes_since) or (
        upload_refusal(classroom, **who, uploads=uploads) if uploads else None
    )

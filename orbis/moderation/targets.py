"""What can be reported, who may report it, and how it is described to the staff.

Each kind reuses its own app's rule of who may see it, so that reporting never reveals whether
something exists: a target the teacher can't see is "not found", exactly like a missing one.
"""

from dataclasses import dataclass

from django.urls import reverse

from orbis.board import selectors as board_selectors
from orbis.board.models import Comment, Post
from orbis.live.models import LiveSession
from orbis.partners.selectors import visible_partner_classroom
from orbis.projects.access import project_with_members, viewer_for
from orbis.projects.models import Membership, Project

from .models import TargetKind

LABEL_LENGTH = 200


@dataclass(frozen=True)
class Target:
    kind: str
    obj: object
    label: str
    snapshot: str
    url: str
    # The teacher who answers for it: a warning or a suspension is about her account. For a
    # student's post or comment, that is the teacher of the student's class.
    responsible: object | None


def _short(text: str, length: int = LABEL_LENGTH) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _lines(*parts) -> str:
    return "\n".join(str(part) for part in parts if part)


def _teacher_line(user) -> str:
    if user is None:
        return ""
    school = user.school.name if user.school_id else ""
    return f"{user} <{user.email}>" + (f", {school}" if school else "")


# ---- describing a target (no permission check: for the staff and the audit) ----------------


def describe(kind: str, obj) -> Target:
    return _DESCRIBE[kind](obj)


def _describe_profile(user) -> Target:
    classrooms = list(user.classrooms.order_by("pk"))
    url = reverse("partner_classroom", args=[classrooms[0].pk]) if classrooms else ""
    return Target(
        kind=TargetKind.PROFILE,
        obj=user,
        label=_short(user),
        snapshot=_lines(_teacher_line(user), ", ".join(c.name for c in classrooms), user.bio),
        url=url,
        responsible=user,
    )


def _describe_project(project) -> Target:
    return Target(
        kind=TargetKind.PROJECT,
        obj=project,
        label=_short(project.title),
        snapshot=_lines(
            project.title,
            project.central_question,
            project.summary,
            _teacher_line(project.owner),
        ),
        url=reverse("project_detail", args=[project.token]),
        responsible=project.owner,
    )


def _item_author(item) -> str:
    return f"{item.author_name} ({item.classroom.name})"


def _describe_post(post) -> Target:
    files = ", ".join(a.name for a in post.attachments.all())
    return Target(
        kind=TargetKind.POST,
        obj=post,
        label=_short(post.title),
        snapshot=_lines(
            post.title,
            _item_author(post),
            post.body,
            f"[{files}]" if files else "",
            f"({post.project.title})",
        ),
        url=reverse("board_post", args=[post.project.token, post.pk]),
        responsible=post.author_teacher or post.classroom.teacher,
    )


def _describe_comment(comment) -> Target:
    post = comment.post
    return Target(
        kind=TargetKind.COMMENT,
        obj=comment,
        label=_short(comment.body, 60),
        snapshot=_lines(
            _item_author(comment), comment.body, f"({post.title} · {post.project.title})"
        ),
        url=reverse("board_post", args=[post.project.token, post.pk]) + f"#comment-{comment.pk}",
        responsible=comment.author_teacher or comment.classroom.teacher,
    )


def _describe_session(session) -> Target:
    return Target(
        kind=TargetKind.SESSION,
        obj=session,
        label=_short(session.title),
        snapshot=_lines(
            session.title,
            session.starts_at.isoformat(),
            session.meeting_url,
            session.agenda,
            _teacher_line(session.created_by),
            f"({session.project.title})",
        ),
        url=reverse("live_session_detail", args=[session.project.token, session.pk]),
        responsible=session.created_by,
    )


_DESCRIBE = {
    TargetKind.PROFILE: _describe_profile,
    TargetKind.PROJECT: _describe_project,
    TargetKind.POST: _describe_post,
    TargetKind.COMMENT: _describe_comment,
    TargetKind.SESSION: _describe_session,
}


# ---- finding a target the reporting teacher may see -------------------------------------------


def _number(ref: str) -> int | None:
    return int(ref) if ref.isdigit() and len(ref) < 18 else None


def _member_viewer(request, project):
    viewer = viewer_for(request, project_with_members(project.token))
    return viewer if viewer.is_teacher else None


def _find_profile(request, ref):
    from orbis.accounts.models import User

    pk = _number(ref)
    user = User.objects.select_related("school").filter(pk=pk, is_active=True).first()
    if user is None or user.pk == request.user.pk:
        return None
    # Her classroom is shown to this teacher as a possible partner, or they share a project.
    seen = any(
        visible_partner_classroom(teacher=request.user, classroom_id=room_id)
        for room_id in user.classrooms.values_list("pk", flat=True)
    )
    shared = Membership.objects.filter(
        classroom__teacher=user,
        project__memberships__classroom__teacher=request.user,
    ).exists()
    return user if seen or shared else None


def _find_project(request, ref):
    if len(ref) > Project._meta.get_field("token").max_length:
        return None
    project = Project.objects.select_related("owner__school").filter(token=ref).first()
    if project is None or not viewer_for(request, project).can_view:
        return None
    return project


def _find_post(request, ref):
    found = Post.objects.select_related("project").filter(pk=_number(ref)).first()
    if found is None:
        return None
    viewer = _member_viewer(request, found.project)
    if viewer is None:
        return None
    return board_selectors.post_for(found.project, viewer, found.pk)


def _find_comment(request, ref):
    found = Comment.objects.select_related("post__project").filter(pk=_number(ref)).first()
    if found is None:
        return None
    viewer = _member_viewer(request, found.post.project)
    if viewer is None:
        return None
    return board_selectors.comment_for(found.post.project, viewer, found.pk)


def _find_session(request, ref):
    # Every teacher of a member class sees every session of the project (live.views._session).
    found = LiveSession.objects.select_related("project").filter(pk=_number(ref)).first()
    if found is None or _member_viewer(request, found.project) is None:
        return None
    return found


_FIND = {
    TargetKind.PROFILE: _find_profile,
    TargetKind.PROJECT: _find_project,
    TargetKind.POST: _find_post,
    TargetKind.COMMENT: _find_comment,
    TargetKind.SESSION: _find_session,
}


def find_visible(request, kind: str, ref: str) -> Target | None:
    """The target as the signed-in teacher may report it, or None when she can't see it."""
    if kind not in _FIND or len(ref) > 40:
        return None
    obj = _FIND[kind](request, ref)
    return describe(kind, obj) if obj is not None else None

"""Who is looking at a project, and what they may do with it: the one gate of every project space.

A teacher of a member class, a student of one, or someone else. The plan, the board, live
sessions, reflection and showcase all ask the same questions, so they are answered here once.
Teachers and students are told apart because students (minors) post through their classroom's
join-code identity and their work may wait for their teacher's approval. Everyone who may not
see a project gets the same 404 as for a project that does not exist (no existence leak).
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from .models import Membership, Project

Role = Membership.Role


@dataclass(frozen=True)
class Viewer:
    """The person behind a request, as one project sees them."""

    teacher: object | None = None  # accounts.User of a member class, else None
    student: object | None = None  # students.Student of a member class, else None
    # The member classrooms this viewer speaks for: all of a teacher's member classes, or the
    # student's own class. Empty for outsiders.
    memberships: tuple[Membership, ...] = field(default_factory=tuple)
    project: Project | None = None  # the project looked at, when the viewer was made for one

    @property
    def is_member(self) -> bool:
        return bool(self.memberships)

    @property
    def can_view(self) -> bool:
        """Drafts only for their members; every other status for anyone holding the link."""
        if self.is_member:
            return True
        return self.project is not None and self.project.status != Project.Status.DRAFT

    @property
    def can_edit(self) -> bool:
        """Owner or co-editor: may change the project's shared things."""
        return self.is_teacher and any(
            m.role in (Role.OWNER, Role.CO_EDITOR) for m in self.memberships
        )

    @property
    def is_teacher(self) -> bool:
        return self.teacher is not None and self.is_member

    @property
    def is_student(self) -> bool:
        return self.student is not None and self.is_member

    @property
    def is_owner(self) -> bool:
        return self.is_teacher and any(m.role == Role.OWNER for m in self.memberships)

    @property
    def classroom_ids(self) -> set[int]:
        return {m.classroom_id for m in self.memberships}

    @property
    def classrooms(self) -> list:
        return [m.classroom for m in self.memberships]


def project_with_members(token: str) -> Project:
    """The project behind a link, with its member classes, their teachers and schools."""
    project = (
        Project.objects.select_related("owner__school")
        .prefetch_related(
            Prefetch(
                "memberships",
                Membership.objects.select_related("classroom__teacher__school"),
            )
        )
        .filter(token=token)
        .first()
    )
    if project is None:
        raise Http404
    return project


def teacher_viewer(project: Project, teacher) -> Viewer:
    """How a signed-in teacher relates to the project (the services ask it of the teacher acting;
    use the project's prefetched memberships where there are some)."""
    own = tuple(m for m in project.memberships.all() if m.classroom.teacher_id == teacher.pk)
    return Viewer(teacher=teacher, memberships=own, project=project)


def viewer_for(request, project: Project) -> Viewer:
    """How the request's teacher or student relates to the project."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return teacher_viewer(project, user)
    student = getattr(request, "student", None)
    if student:
        own = tuple(m for m in project.memberships.all() if m.classroom_id == student.classroom_id)
        return Viewer(student=student, memberships=own, project=project)
    return Viewer(project=project)


def visible_project(request, token: str, *, editor: bool = False) -> tuple[Project, Viewer]:
    """The project and the viewer, for the plan's pages: anyone holding the link sees the
    project (a draft only its members), and with editor=True only its owner and co-editors;
    404 for everyone else."""
    project = project_with_members(token)
    viewer = viewer_for(request, project)
    if not viewer.can_view or (editor and not viewer.can_edit):
        raise Http404
    return project, viewer


def member_project(request, token: str, *, teacher_only: bool = False, editor: bool = False):
    """The project and the viewer, for pages only its members reach; 404 for everyone else."""
    project = project_with_members(token)
    viewer = viewer_for(request, project)
    if not viewer.is_member:
        raise Http404
    if (teacher_only or editor) and not viewer.is_teacher:
        raise Http404
    if editor and not viewer.can_edit:
        raise Http404
    return project, viewer

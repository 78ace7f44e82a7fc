"""What every write on the board checks, and the board's addresses."""

from django.urls import reverse
from django.utils.translation import gettext as _

from orbis.projects.models import Project

from ..models import Post, Status


class BoardError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def writable(project: Project) -> bool:
    """An archived project's board is kept as it was: readable, nothing new."""
    return project.status != Project.Status.ARCHIVED


def check_writable(project: Project) -> None:
    if not writable(project):
        raise BoardError(_("This project is archived: its board can be read but not changed."))


def author(*, teacher=None, student=None) -> dict:
    if (teacher is None) == (student is None):
        raise ValueError("exactly one author: a teacher or a student")
    return {"author_teacher": teacher, "author_student": student}


def status_for(classroom, *, student) -> str:
    if student is not None and classroom.student_posts_need_approval:
        return Status.PENDING
    return Status.APPROVED


def check_speaks_for(project: Project, classroom, *, teacher=None, student=None) -> None:
    """Teachers post for one of their member classes, students for their own class."""
    member = project.memberships.filter(classroom=classroom).exists()
    own = classroom.teacher_id == teacher.pk if teacher else classroom.pk == student.classroom_id
    if not (member and own):
        raise BoardError(_("Choose one of your classes taking part in this project."))


def may_change(item, *, teacher=None, student=None) -> bool:
    if teacher is not None:
        return item.author_teacher_id == teacher.pk or item.classroom.teacher_id == teacher.pk
    if student is not None:
        return item.author_student_id == student.pk
    return False


def check_may_change(item, *, teacher=None, student=None) -> None:
    if not may_change(item, teacher=teacher, student=student):
        raise BoardError(_("Only its author and their class's teacher can change this."))


def board_url(project: Project) -> str:
    return reverse("board", args=[project.token])


def post_url(post: Post) -> str:
    return reverse("board_post", args=[post.project.token, post.pk])


def queue_url(project: Project) -> str:
    return reverse("board_queue", args=[project.token])

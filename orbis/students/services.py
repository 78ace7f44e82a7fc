from django.db import IntegrityError, transaction
from django.db.models import F

from orbis.classrooms.models import Classroom

from .codes import new_secret_word
from .models import Student


class NicknameTaken(Exception):
    """Another student of the classroom already uses this nickname."""


def student_find(*, classroom: Classroom, nickname: str) -> Student | None:
    return classroom.students.filter(nickname_key=Student.key_for(nickname)).first()


def student_join(*, classroom: Classroom, nickname: str) -> Student:
    try:
        with transaction.atomic():
            return Student.objects.create(
                classroom=classroom,
                nickname=nickname,
                nickname_key=Student.key_for(nickname),
                secret=new_secret_word(),
            )
    except IntegrityError:
        raise NicknameTaken from None


def student_rename(*, student: Student, nickname: str) -> None:
    existing = student_find(classroom=student.classroom, nickname=nickname)
    if existing and existing.pk != student.pk:
        raise NicknameTaken
    student.nickname = nickname
    student.nickname_key = Student.key_for(nickname)
    try:
        with transaction.atomic():
            student.save(update_fields=["nickname", "nickname_key"])
    except IntegrityError:
        raise NicknameTaken from None


def student_reset(*, student: Student) -> None:
    """A new secret word, and every device the student was signed in on is signed out."""
    student.secret = new_secret_word()
    student.session_version = F("session_version") + 1
    student.save(update_fields=["secret", "session_version"])
    student.refresh_from_db(fields=["session_version"])

from django.db import models
from django.utils.translation import gettext_lazy as _


class Student(models.Model):
    """A student known only by a nickname inside one classroom: no email, no personal data.

    `secret` is a short word the student types when coming back on another device; the
    teacher sees it on the roster. `session_version` goes up when the teacher resets the
    student, which signs out every device that still holds the old version.
    """

    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="students"
    )
    nickname = models.CharField(_("nickname"), max_length=30)
    # The nickname case-folded in Python: SQLite's LOWER() knows only ASCII, so "Ángela" and
    # "ángela" are told apart by this column on every database.
    nickname_key = models.CharField(max_length=30, editable=False)
    secret = models.CharField(max_length=12)
    session_version = models.PositiveIntegerField(default=1)
    joined_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["nickname"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "nickname_key"], name="student_nickname_unique_in_classroom"
            ),
        ]

    def __str__(self) -> str:
        return self.nickname

    @staticmethod
    def key_for(nickname: str) -> str:
        return nickname.casefold()[:30]

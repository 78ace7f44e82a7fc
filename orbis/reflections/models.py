"""Reflection: the prompts of a project's phases and the classes' answers to them.

A prompt belongs to one phase of one project. An answer (ReflectionResponse) speaks for one
member classroom and has exactly one author: a student of that class (her own answer, which may
wait for her teacher's approval) or the class's teacher recording the class's answer (at most
one per prompt and classroom). Database constraints hold both rules.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from orbis.board.models import Status as ModerationStatus
from orbis.vocabulary import Phase

PROMPT_MAX = 300
ANSWER_MAX = 3000

ONE_AUTHOR = Q(author_teacher__isnull=False, author_student__isnull=True) | Q(
    author_teacher__isnull=True, author_student__isnull=False
)


class ReflectionSetup(models.Model):
    """Marks a project whose prompts were copied from its plan, so that is done exactly once
    (the primary key makes a second, simultaneous copy fail instead of doubling the prompts)."""

    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reflection_setup",
    )
    seeded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Reflection of {self.project}"


class ReflectionPrompt(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="reflection_prompt_set"
    )
    phase = models.CharField(
        _("phase"), max_length=14, choices=Phase.choices, default=Phase.REFLECTION
    )
    text = models.CharField(_("prompt"), max_length=PROMPT_MAX)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["project", "phase", "order"])]

    def __str__(self) -> str:
        return self.text


class ReflectionResponse(models.Model):
    # The board's moderation states: minors' work waits for their teacher the same way
    # everywhere.
    Status = ModerationStatus

    prompt = models.ForeignKey(ReflectionPrompt, on_delete=models.CASCADE, related_name="responses")
    classroom = models.ForeignKey(
        "classrooms.Classroom", on_delete=models.CASCADE, related_name="+"
    )
    author_student = models.ForeignKey(
        "students.Student", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author_teacher = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("answer"), max_length=ANSWER_MAX)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.APPROVED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["prompt", "status"])]
        constraints = [
            models.CheckConstraint(condition=ONE_AUTHOR, name="reflection_one_author"),
            # One answer per student per prompt (she edits it), one class answer per class.
            models.UniqueConstraint(
                fields=["prompt", "author_student"],
                condition=Q(author_student__isnull=False),
                name="reflection_one_answer_per_student",
            ),
            models.UniqueConstraint(
                fields=["prompt", "classroom"],
                condition=Q(author_student__isnull=True),
                name="reflection_one_class_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_class_answer(self) -> bool:
        return self.author_student_id is None

    @property
    def author_name(self) -> str:
        if self.author_student_id:
            return self.author_student.nickname
        return self.author_teacher.display_name or str(self.author_teacher)

    @property
    def pending(self) -> bool:
        return self.status == self.Status.PENDING

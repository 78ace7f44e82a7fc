"""The student's space (/student/): her class, her classmates and her class's project boards.

It lives with the board, above students, because it lists the boards' projects and new posts
(students only signs the student in: orbis/students/middleware.py)."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from orbis.students.models import Student

from .selectors import student_projects


@require_GET
def student_space(request):
    student = request.student
    if not student:
        return redirect("student_join")
    Student.objects.filter(pk=student.pk).update(last_seen_at=timezone.now())
    classroom = student.classroom
    return render(
        request,
        "board/student_space.html",
        {
            "student": student,
            "classroom": classroom,
            "classmates": classroom.students.exclude(pk=student.pk),
            "show_secret": request.session.pop("orbis_show_secret", False),
            "projects": student_projects(student),
        },
    )

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from orbis.live.selectors import upcoming_for_teacher
from orbis.live.times import zone_of
from orbis.partners.selectors import partnerships_of
from orbis.projects.models import Project
from orbis.projects.selectors import projects_of

from .selectors import attention_items, dashboard_classrooms, dashboard_counts, onboarding_steps


@require_GET
def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    if request.student:
        return redirect("student_space")
    return render(request, "home/home.html")


@require_GET
def conduct(request):
    """The rules of collaboration: teachers accept them at sign-up, students when they join."""
    return render(request, "home/conduct.html")


@require_GET
def accessibility(request):
    """The accessibility statement: what works, what doesn't yet, how to report a barrier."""
    return render(
        request, "home/accessibility.html", {"contact_email": settings.ORBIS_CONTACT_EMAIL}
    )


@login_required
@require_GET
def dashboard(request):
    teacher = request.user
    counts = dashboard_counts(teacher=teacher)
    classrooms = list(dashboard_classrooms(teacher=teacher))
    partnerships = partnerships_of(classrooms)
    projects = list(projects_of(teacher)[:6])
    statuses = dict(Project.Status.choices)  # get_status_display translates every status
    for project in projects:
        project.status_label = statuses.get(project.status, project.status)
    steps = onboarding_steps(
        teacher=teacher,
        classrooms=classrooms,
        has_partner=bool(partnerships),
        has_project=bool(projects),
    )
    next_step = next((step for step in steps if not step.done), None)
    zone = zone_of(teacher.school)
    live_sessions = [
        {
            "session": session,
            "start": session.starts_at.astimezone(zone),
            "end": session.ends_at.astimezone(zone),
        }
        for session in upcoming_for_teacher(teacher)
    ]
    return render(
        request,
        "home/dashboard.html",
        {
            "classrooms": classrooms,
            "partnerships": partnerships,
            "projects": projects,
            "school": teacher.school,
            "steps": steps,
            "next_step": next_step,
            "onboarding_done": next_step is None,
            "attention": attention_items(teacher=teacher, classrooms=classrooms, counts=counts),
            "live_sessions": live_sessions,
            "zone": zone,
            # Counted with the rest: the header's own count is not asked again.
            "unread_notifications": counts.unread_notifications,
        },
    )

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from orbis.core import timetable
from orbis.schools.models import Weekday

from . import services
from .access import get_own_classroom
from .forms import ClassroomForm, TimetableForm, live_needs_periods


def _needs_school(request):
    """A redirect to the school page when the teacher has no school (a timetable is in the
    school's time zone, so classrooms can't be shown or edited without one); else None."""
    if request.user.school_id is None:
        messages.info(
            request,
            _("Add your school first: a classroom's timetable is in its school's time zone."),
        )
        return redirect("school_detail")
    return None


@login_required
@require_GET
def classroom_list(request):
    classrooms = request.user.classrooms.prefetch_related("availability")
    return render(request, "classrooms/classroom_list.html", {"classrooms": classrooms})


@login_required
@require_http_methods(["GET", "POST"])
def classroom_create(request):
    if redirect_to_school := _needs_school(request):
        return redirect_to_school
    school = request.user.school
    form = ClassroomForm(request.POST or None)
    timetable_form = TimetableForm(request.POST or None, school=school)
    if request.method == "POST" and live_needs_periods(form, timetable_form):
        classroom = services.classroom_create(
            teacher=request.user, data=form.cleaned_data, periods=timetable_form.periods()
        )
        messages.success(
            request, _("The classroom “%(name)s” is created.") % {"name": classroom.name}
        )
        return redirect("classroom_detail", classroom.pk)
    return _render_form(request, form, timetable_form, school)


@login_required
@require_http_methods(["GET", "POST"])
def classroom_edit(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    if redirect_to_school := _needs_school(request):
        return redirect_to_school
    school = classroom.teacher.school
    form = ClassroomForm(request.POST or None, instance=classroom)
    timetable_form = TimetableForm(request.POST or None, school=school, periods=classroom.periods())
    if request.method == "POST" and live_needs_periods(form, timetable_form):
        data = {name: form.cleaned_data[name] for name in ClassroomForm.Meta.fields}
        services.classroom_update(classroom=classroom, data=data, periods=timetable_form.periods())
        messages.success(
            request, _("The classroom “%(name)s” is saved.") % {"name": classroom.name}
        )
        return redirect("classroom_detail", classroom.pk)
    return _render_form(request, form, timetable_form, school, classroom)


def _render_form(request, form, timetable_form, school, classroom=None):
    return render(
        request,
        "classrooms/classroom_form.html",
        {"form": form, "timetable_form": timetable_form, "school": school, "classroom": classroom},
    )


@login_required
@require_GET
def classroom_detail(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    if redirect_to_school := _needs_school(request):
        return redirect_to_school
    periods = classroom.periods()
    days = [
        (label, [p for p in periods if p.weekday == day])
        for day, label in Weekday.choices
        if day in classroom.teacher.school.school_days or any(p.weekday == day for p in periods)
    ]
    return render(
        request,
        "classrooms/classroom_detail.html",
        {
            "classroom": classroom,
            "days": days,
            "weekly_minutes": timetable.weekly_minutes(periods),
            "student_count": classroom.students.count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def classroom_delete(request, classroom_id):
    classroom = get_own_classroom(request, classroom_id)
    if request.method == "POST":
        name = classroom.name
        classroom.delete()
        messages.success(request, _("“%(name)s” and its students are removed.") % {"name": name})
        return redirect("classroom_list")
    return render(request, "classrooms/classroom_confirm_delete.html", {"classroom": classroom})

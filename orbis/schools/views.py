from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from orbis.accounts.decorators import staff_only
from orbis.accounts.models import User
from orbis.core import zones

from . import services
from .forms import SchoolForm, SchoolSearchForm, SchoolTermForm
from .models import School
from .weekends import weekend_for_country


@login_required
@require_GET
def school_detail(request):
    school = request.user.school
    if school is None:
        return render(request, "schools/no_school.html")
    return _render_school(request, school, SchoolTermForm(school=school))


def _render_school(request, school, term_form):
    return render(
        request,
        "schools/school_detail.html",
        {
            "school": school,
            "terms": school.terms.all(),
            "teachers": school.teachers.order_by("display_name", "email"),
            "term_form": term_form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_create(request):
    form = SchoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.school_create(teacher=request.user, data=form.cleaned_data)
        messages.success(request, _("Your school is created."))
        return redirect("school_detail")
    return render(request, "schools/school_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def school_edit(request):
    school = request.user.school
    if school is None:
        return redirect("school_detail")
    form = SchoolForm(request.POST or None, instance=school)
    if request.method == "POST" and form.is_valid():
        services.drop_verification_if_renamed(form.instance, form.changed_data)
        form.save()
        messages.success(request, _("Your school is saved."))
        return redirect("school_detail")
    return render(request, "schools/school_form.html", {"form": form, "creating": False})


@login_required
@require_GET
def school_country_fields(request):
    """htmx: the time zone and weekend fields for the chosen country."""
    country = request.GET.get("country", "")
    initial = {}
    if country in countries:
        initial = {
            "country": country,
            "time_zone": zones.default_zone_for_country(country) or "",
            "weekend_days": list(weekend_for_country(country)),
        }
    form = SchoolForm(initial=initial)
    return render(request, "schools/school_form.html#country_fields", {"form": form})


@login_required
@require_GET
def school_search(request):
    form = SchoolSearchForm(request.GET or None)
    schools = School.objects.annotate(teacher_count=Count("teachers"))
    if form.is_valid():
        if form.cleaned_data["q"]:
            words = form.cleaned_data["q"]
            schools = schools.filter(Q(name__icontains=words) | Q(city__icontains=words))
        if form.cleaned_data["country"]:
            schools = schools.filter(country=form.cleaned_data["country"])
    page = Paginator(schools.order_by("name", "pk"), 20).get_page(request.GET.get("page"))
    return render(request, "schools/school_search.html", {"form": form, "page": page})


@login_required
@require_POST
def school_join(request, school_id):
    school = get_object_or_404(School, pk=school_id)
    services.school_join(teacher=request.user, school=school)
    messages.success(request, _("You are now a teacher of %(school)s.") % {"school": school.name})
    return redirect("school_detail")


@login_required
@require_POST
def term_add(request):
    school = request.user.school
    if school is None:
        return redirect("school_detail")
    form = SchoolTermForm(request.POST, school=school)
    if form.is_valid():
        term = form.save(commit=False)
        term.school = school
        term.save()
        messages.success(
            request, _("“%(name)s” is added to the school calendar.") % {"name": term.name}
        )
        return redirect("school_detail")
    return _render_school(request, school, form)


@login_required
@require_POST
def term_delete(request, term_id):
    school = request.user.school
    term = get_object_or_404(school.terms if school else School.objects.none(), pk=term_id)
    term.delete()
    messages.success(
        request, _("“%(name)s” is removed from the school calendar.") % {"name": term.name}
    )
    return redirect("school_detail")


@staff_only
@require_GET
def school_verification(request):
    """Staff: schools still to verify, and verified ones that teachers joined since (verifying
    again confirms them), those with the most teachers first."""
    schools = (
        School.objects.annotate(
            teacher_count=Count("teachers"),
            unconfirmed=Count("teachers", filter=Q(teachers__school_confirmed=False)),
        )
        .filter(Q(verified=False) | Q(unconfirmed__gt=0))
        .order_by("-teacher_count", "name", "pk")
    )
    # Whom staff are asked to confirm: the teachers not confirmed there yet.
    waiting = Prefetch(
        "teachers",
        queryset=User.objects.filter(school_confirmed=False).order_by("display_name", "pk"),
        to_attr="unconfirmed_teachers",
    )
    page = Paginator(schools, 50).get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, waiting)
    return render(request, "schools/school_verification.html", {"page": page})


@staff_only
@require_POST
def school_verify(request, school_id):
    school = get_object_or_404(School, pk=school_id)
    verified = request.POST.get("verified", "1") != "0"
    services.school_set_verified(school=school, verified=verified, by=request.user)
    if verified:
        messages.success(request, _("%(school)s is verified.") % {"school": school.name})
    else:
        messages.success(request, _("%(school)s is no longer verified.") % {"school": school.name})
    return redirect("school_verification")

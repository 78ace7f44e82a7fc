from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.classrooms.selectors import weekly_timetables
from orbis.core.matching import Constraints, compatibility

from . import selectors, services
from .explain import reasons
from .forms import PartnerRequestForm, PartnerSearchForm
from .models import PartnerRequest, PartnerSuggestion
from .profiles import profile_of


def _week_of():
    return timezone.localdate()


@login_required
@require_GET
def partner_search(request):
    teacher = request.user
    first = teacher.classrooms.order_by("name", "pk").first()
    if teacher.school_id is None or first is None:
        messages.info(
            request, _("Add your school and a classroom first: partners are found for a classroom.")
        )
        return redirect("dashboard" if teacher.school_id else "school_detail")
    data = request.GET.copy()
    data.setdefault("classroom", str(first.pk))
    data.setdefault("age_tolerance", "1")
    form = PartnerSearchForm(data, teacher=teacher)
    page, classroom = None, None
    if form.is_valid():
        classroom = form.cleaned_data["classroom"]
        week_of = _week_of()
        results = selectors.partner_search(
            classroom=classroom, filters=form.filters(), week_of=week_of
        )
        page = Paginator(results, 10).get_page(request.GET.get("page"))
        page.object_list = [
            (result, reasons(result.compatibility, classroom, result.classroom, week_of))
            for result in page.object_list
        ]
    return render(
        request,
        "partners/partner_search.html",
        {"form": form, "page": page, "classroom": classroom},
    )


@login_required
@require_http_methods(["GET", "POST"])
def partner_classroom(request, classroom_id):
    """Another teacher's classroom seen as a possible partner, with the request form."""
    other = selectors.visible_partner_classroom(teacher=request.user, classroom_id=classroom_id)
    if other is None:
        raise Http404
    form = PartnerRequestForm(
        request.POST or None,
        teacher=request.user,
        initial={"from_classroom": request.GET.get("from")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_request_create(
                sender=request.user,
                from_classroom=form.cleaned_data["from_classroom"],
                to_classroom=other,
                introduction=form.cleaned_data["introduction"],
            )
        except services.PartnerError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your request is sent. You will be told when %(teacher)s answers.")
                % {"teacher": other.teacher},
            )
            return redirect("partner_requests")
    fits = []
    week_of = _week_of()
    if request.user.school_id:
        mine_all = list(request.user.classrooms.select_related("teacher__school"))
        timetables = weekly_timetables([other, *mine_all])
        theirs = profile_of(other, periods=timetables.get(other.pk, ()))
        constraints = Constraints(age_tolerance=2, min_overlap_minutes=0, week_of=week_of)
        for mine in mine_all:
            fit = compatibility(
                profile_of(mine, periods=timetables.get(mine.pk, ())), theirs, constraints
            )
            if fit is not None:
                fits.append((mine, reasons(fit, mine, other, week_of)))
    return render(
        request,
        "partners/partner_classroom.html",
        {
            "other": other,
            "form": form,
            "fits": fits,
            "periods": [(p, str(p)) for p in other.periods()],
        },
    )


@login_required
@require_GET
def partner_requests(request):
    received, sent = selectors.requests_for(request.user)
    return render(
        request,
        "partners/requests.html",
        {
            "received": received[:100],
            "sent": sent[:100],
            "Status": PartnerRequest.Status,
        },
    )


def _answer(request, request_id, action, success):
    mine = Q(from_classroom__teacher=request.user) | Q(to_classroom__teacher=request.user)
    partner_request = get_object_or_404(
        PartnerRequest.objects.filter(mine).select_related(
            "from_classroom__teacher__school", "to_classroom__teacher__school"
        ),
        pk=request_id,
    )
    try:
        action(request=partner_request, by=request.user)
    except services.PartnerError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("partner_requests")


@login_required
@require_POST
def request_accept(request, request_id):
    return _answer(
        request,
        request_id,
        services.partner_request_accept,
        _("You are partners now. Plan your first exchange together!"),
    )


@login_required
@require_POST
def request_decline(request, request_id):
    return _answer(
        request, request_id, services.partner_request_decline, _("The request is declined.")
    )


@login_required
@require_POST
def request_withdraw(request, request_id):
    return _answer(
        request, request_id, services.partner_request_withdraw, _("Your request is withdrawn.")
    )


@login_required
@require_GET
def suggestion_list(request):
    suggestions = list(
        PartnerSuggestion.objects.filter(
            classroom__teacher=request.user,
            status=PartnerSuggestion.Status.OPEN,
            partner__looking_for_partners=True,
        ).select_related("classroom__teacher__school", "partner__teacher__school")[:50]
    )
    timetables = weekly_timetables(
        {s.classroom_id for s in suggestions} | {s.partner_id for s in suggestions}
    )
    week_of = _week_of()
    rows = []
    for suggestion in suggestions:
        mine = profile_of(suggestion.classroom, periods=timetables.get(suggestion.classroom_id, ()))
        fit = compatibility(
            mine,
            profile_of(suggestion.partner, periods=timetables.get(suggestion.partner_id, ())),
            Constraints(age_tolerance=2, min_overlap_minutes=0, week_of=week_of),
        )
        why = reasons(fit, suggestion.classroom, suggestion.partner, week_of) if fit else []
        rows.append((suggestion, why))
    return render(request, "partners/suggestions.html", {"rows": rows})


@login_required
@require_POST
def suggestion_decline(request, suggestion_id):
    suggestion = get_object_or_404(
        PartnerSuggestion, pk=suggestion_id, classroom__teacher=request.user
    )
    services.suggestion_decline(suggestion=suggestion)
    messages.success(request, _("This class will not be suggested again."))
    return redirect("partner_suggestions")

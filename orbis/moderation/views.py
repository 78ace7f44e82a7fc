from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.accounts.decorators import staff_only

from . import services
from .forms import AuditFilterForm, DecisionForm, QueueFilterForm, ReportForm
from .models import AuditLog, Report, TargetKind
from .targets import find_visible

QUEUE_PAGE = 30
AUDIT_PAGE = 50


# ---- reporting (any teacher, about what she can see) ------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def moderation_report(request, kind, ref):
    target = find_visible(request, kind, ref)
    if target is None:
        raise Http404
    if services.already_reported(request.user, target):
        messages.info(request, _("You already reported this. The moderators will look at it."))
        return redirect(target.url or "dashboard")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=request.user,
                target=target,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except services.ModerationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Thank you. The Orbis moderators will look at it and tell you the outcome."),
            )
            return redirect(target.url or "dashboard")
    return render(
        request,
        "moderation/report_form.html",
        {"target": target, "form": form, "kind_label": TargetKind(target.kind).label},
    )


# ---- the staff's queue ------------------------------------------------------------------------


@staff_only
@require_GET
def moderation_queue(request):
    filter_form = QueueFilterForm(request.GET or None)
    filters = filter_form.filters()
    reports = Report.objects.select_related("reporter").order_by("created_at", "pk")
    if filters["status"] != QueueFilterForm.ALL:
        reports = reports.filter(status=filters["status"])
    if filters["kind"]:
        reports = reports.filter(target_kind=filters["kind"])
    page = Paginator(reports, QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/queue.html",
        {"page": page, "filter_form": filter_form, "filters": filters},
    )


def _report_page(request, report, form=None):
    target = services.current_target(report)
    actions = services.available_actions(report, target)
    return render(
        request,
        "moderation/report_detail.html",
        {
            "report": report,
            "target": target,
            "form": form or DecisionForm(actions=actions),
            "audit": report.audit.select_related("actor").order_by("created_at", "pk"),
        },
    )


@staff_only
@require_GET
def moderation_report_detail(request, report_id):
    report = get_object_or_404(Report.objects.select_related("reporter"), pk=report_id)
    return _report_page(request, report)


@staff_only
@require_POST
def moderation_decide(request, report_id):
    report = get_object_or_404(Report.objects.select_related("reporter"), pk=report_id)
    form = DecisionForm(request.POST, actions=services.available_actions(report))
    if form.is_valid():
        try:
            services.decide(
                report=report,
                actor=request.user,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except services.ModerationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Done. The decision is in the audit log."))
            return redirect("moderation_report_detail", report_id=report.pk)
    return _report_page(request, report, form)


@staff_only
@require_GET
def moderation_audit(request):
    filter_form = AuditFilterForm(request.GET or None)
    filters = filter_form.filters()
    entries = AuditLog.objects.select_related("report").order_by("-created_at", "-pk")
    if filters["actor"] is not None:
        entries = entries.filter(actor=filters["actor"])
    if filters["action"]:
        entries = entries.filter(action=filters["action"])
    page = Paginator(entries, AUDIT_PAGE).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"page": page, "filter_form": filter_form})

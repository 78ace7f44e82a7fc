from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from orbis.web.htmx import is_htmx

from .forms import PreferencesForm
from .models import email_preferences
from .services import PreferenceError, mark_read, save_preferences


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    notifications = request.user.notifications.all()
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "unread_only": unread_only},
    )


@login_required
@require_GET
def notification_open(request, notification_id):
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(request.user.notifications, pk=notification_id)
    mark_read(notification)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notification_list")


@login_required
@require_POST
def notification_read(request, notification_id):
    """Mark one notification read and stay on the list (htmx swaps just its row)."""
    notification = get_object_or_404(request.user.notifications, pk=notification_id)
    mark_read(notification)
    if is_htmx(request):
        # The row, and the header's count through the context processor (read after the write).
        return render(
            request, "notifications/notification_list.html#read", {"notification": notification}
        )
    return redirect(_back_to_list(request.POST.get("next", "")))


def _back_to_list(back: str) -> str:
    """The page of the list she was on (its filter and page number), and never anything else."""
    list_url = reverse("notification_list")
    parts = urlsplit(back[:500])
    if parts.scheme or parts.netloc or parts.path != list_url:
        return list_url
    query = QueryDict(parts.query)
    kept = {key: query[key][:20] for key in ("unread", "page") if query.get(key)}
    return f"{list_url}?{urlencode(kept)}" if kept else list_url


@login_required
@require_POST
def notification_read_all(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("notification_list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    choices = email_preferences(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                save_preferences(request.user, form.cleaned_data)
            except PreferenceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your notification emails are saved."))
                return redirect("notification_preferences")
    else:
        form = PreferencesForm(choices=choices)
    return render(request, "notifications/preferences.html", {"form": form})

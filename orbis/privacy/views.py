from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from orbis.students.models import Student

from .export import build_zip
from .forms import DeleteAccountForm
from .services import PrivacyError, account_delete


def cookies() -> list[dict]:
    """Every cookie Orbis sets, and why: the notice lists them and a test holds it to that."""
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": gettext_lazy(
                "keeps a teacher logged in, or remembers which student this device joined as."
            ),
        },
        {
            "name": settings.CSRF_COOKIE_NAME,
            "purpose": gettext_lazy("protects forms against being sent from other sites."),
        },
        {
            "name": settings.LANGUAGE_COOKIE_NAME,
            "purpose": gettext_lazy("remembers the language chosen at the bottom of the page."),
        },
        {
            "name": "messages",
            "purpose": gettext_lazy("shows a confirmation once after an action, then goes."),
        },
    ]


@require_GET
def privacy_notice(request):
    return render(
        request,
        "privacy/notice.html",
        {
            "teacher_days": settings.RETENTION_INACTIVE_TEACHER_DAYS,
            "warning_days": settings.RETENTION_WARNING_DAYS,
            "classroom_days": settings.RETENTION_INACTIVE_CLASSROOM_DAYS,
            "unconfirmed_days": settings.RETENTION_UNCONFIRMED_DAYS,
            "cookies": cookies(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def privacy_export(request):
    if request.method == "POST":
        archive = build_zip(request.user)
        name = f"orbis-data-{timezone.now():%Y-%m-%d}.zip"
        return FileResponse(
            archive, as_attachment=True, filename=name, content_type="application/zip"
        )
    return render(request, "privacy/export.html")


@login_required
@require_http_methods(["GET", "POST"])
def privacy_delete(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=user, anonymise=form.anonymise)
        except PrivacyError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your data are deleted. Goodbye!"))
            return redirect("home")
    context = {
        "form": form,
        "classrooms": list(user.classrooms.all()),
        "student_count": Student.objects.filter(classroom__teacher=user).count(),
    }
    return render(request, "privacy/delete.html", context)

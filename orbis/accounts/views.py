from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, LoginStageController
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("dashboard")
    return render(request, "accounts/profile_form.html", {"form": form})


@require_POST
def resend_confirmation(request):
    """The check-your-email page's "Send it again": a new link for the sign-up or log-in that
    waits in this session for its address to be confirmed. allauth limits it to one email an
    address every few minutes (ACCOUNT_EMAIL_CONFIRMATION_COOLDOWN)."""
    stage = LoginStageController.enter(request, EmailVerificationStage.key)
    user = stage.login.user if stage else None
    address = (
        EmailAddress.objects.filter(user=user, verified=False).order_by("-primary").first()
        if user
        else None
    )
    if address is None:
        messages.info(
            request,
            _(
                "Log in with your email and password: while your address is not confirmed, "
                "we send you a new link."
            ),
        )
        return redirect("account_login")
    # allauth's own resend (rate limit, "Confirmation email sent to …" message, signal); there
    # is no public function for a link, only for a code.
    if not send_verification_email_to_address(request, address, signup=stage.login.signup):
        messages.info(
            request,
            _(
                "We sent you a link a moment ago: look for it in your spam folder too, and ask "
                "again in a few minutes."
            ),
        )
    return redirect("account_email_verification_sent")

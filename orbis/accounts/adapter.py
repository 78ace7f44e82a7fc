from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.requests import RequestSite
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length
SITE_NAME = "Orbis"


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Without django.contrib.sites allauth names the site by its host ("Hello from
        # 127.0.0.1:8000!"): the emails say Orbis, the host stays the site's domain.
        site = RequestSite(allauth_context.request)
        site.name = SITE_NAME
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def clean_email(self, email: str) -> str:
        # allauth's email field has no length limit; the column has one, and a cut address
        # would send the confirmation to someone else.
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                _("An email address has at most %(count)d characters.")
                % {"count": EMAIL_MAX_LENGTH}
            )
        return super().clean_email(email)

    def save_user(self, request, user, form, commit=True):
        # The sign-up form requires the rules of collaboration: remember when they were accepted.
        if form.cleaned_data.get("accept_conduct"):
            user.conduct_accepted_at = timezone.now()
        return super().save_user(request, user, form, commit=commit)

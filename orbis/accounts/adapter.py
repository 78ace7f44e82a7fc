from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
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

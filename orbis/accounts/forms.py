from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from orbis.vocabulary import Subject, language_choices
from orbis.web.forms import ChoiceListField, OneLineTextField, PlainTextField

from .models import User


class ProfileForm(forms.ModelForm):
    languages = ChoiceListField(
        label=_("Languages you speak"),
        choices=language_choices,
        error_messages={"required": _("Choose at least one language.")},
        max_choices=12,
        help_text=_("On a computer, hold Ctrl (or ⌘) to choose several."),
    )
    subjects = ChoiceListField(
        label=_("Subjects you teach"),
        choices=Subject.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one subject.")},
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "languages",
            "subjects",
            "bio",
            "open_to_partnerships",
            "only_verified_partners",
        ]
        labels = {"display_name": _("Your name as other teachers will see it")}
        field_classes = {"display_name": OneLineTextField, "bio": PlainTextField}
        help_texts = {
            "bio": _("A few sentences for partner teachers: what you teach, what you hope for."),
            "open_to_partnerships": _("Other teachers may find you and propose a partnership."),
            "only_verified_partners": _(
                "Search results and suggestions then show only schools our staff verified."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name = self.fields["display_name"]
        name.required = True  # blank in the database (a new account has none), not in the profile
        name.error_messages["required"] = _("Enter the name other teachers will see.")


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, plus the rules of collaboration every teacher accepts (the adapter
    stores when)."""

    accept_conduct = forms.BooleanField(
        label=_("I accept the rules of collaboration"),
        error_messages={"required": _("Read and accept the rules of collaboration to sign up.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_conduct"].help_text = format_html(
            '<a href="{}">{}</a>', reverse("conduct"), _("Read the rules of collaboration")
        )

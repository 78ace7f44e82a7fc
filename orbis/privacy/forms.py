from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    ANONYMISE = "anonymise"
    DELETE = "delete"

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=200,
        help_text=_("To be sure it is you."),
    )
    contributions = forms.ChoiceField(
        label=_("Your contributions to projects shared with other classes"),
        choices=[
            (ANONYMISE, _("Keep them for the partners, without my name (“A former teacher”)")),
            (DELETE, _("Delete them too")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password

    @property
    def anonymise(self) -> bool:
        return self.cleaned_data["contributions"] == self.ANONYMISE

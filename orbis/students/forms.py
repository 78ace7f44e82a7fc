import re

from django import forms
from django.utils.translation import gettext_lazy as _

from orbis.classrooms.codes import normalize_code
from orbis.web.forms import strip_controls

_NICKNAME = re.compile(r"^[\w][\w .'\-]*$")


def clean_nickname(value: str) -> str:
    """A nickname is a name among classmates, never a way to reach a child."""
    nickname = " ".join(strip_controls(value).split())
    if len(nickname) < 2:
        raise forms.ValidationError(_("A nickname needs at least 2 characters."))
    if "@" in nickname or re.search(r"\d{5,}", nickname) or "://" in nickname:
        raise forms.ValidationError(
            _("A nickname can't contain an email address, a phone number or a link.")
        )
    if not _NICKNAME.match(nickname):
        raise forms.ValidationError(
            _("Use letters, numbers, spaces, dots, dashes or apostrophes in a nickname.")
        )
    return nickname


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Class code"),
        max_length=20,
        help_text=_("Your teacher gives you this code."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    nickname = forms.CharField(
        label=_("Nickname"),
        max_length=30,
        help_text=_("Not your full name: a first name or a fun name is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    secret = forms.CharField(
        label=_("Secret word (only if you joined before)"),
        max_length=12,
        required=False,
        help_text=_("You got it the first time you joined. Your teacher has it too."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    # Required of a new student only (the view knows who is new); a returning one agreed before.
    accept_rules = forms.BooleanField(
        label=_("I'll follow these rules"),
        required=False,
        help_text=_("Only the first time you join."),
    )

    def clean_code(self):
        return normalize_code(self.cleaned_data["code"])

    def clean_nickname(self):
        return clean_nickname(self.cleaned_data["nickname"])

    def clean_secret(self):
        return self.cleaned_data["secret"].strip().lower()


RULES_NOT_ACCEPTED = _("Read the rules above and tick the box to show you will follow them.")


class NicknameForm(forms.Form):
    nickname = forms.CharField(label=_("New nickname"), max_length=30)

    def clean_nickname(self):
        return clean_nickname(self.cleaned_data["nickname"])


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your own class code"),
        max_length=20,
        help_text=_("6 to 12 letters and digits, easy to read aloud."),
    )

    def clean_code(self):
        code = normalize_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[A-Z0-9]{6,12}", code):
            raise forms.ValidationError(_("Use 6 to 12 letters (A–Z) and digits."))
        return code

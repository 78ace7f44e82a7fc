from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_DELIVERY, KIND_GROUPS, Delivery, Notification

# What the browser sends besides the choices.
EXPECTED_EXTRA = {"csrfmiddlewaretoken"}


class PreferencesForm(forms.Form):
    """One choice per kind of notification (its field is named after the kind): emailed at
    once, in the daily digest, or not at all."""

    def __init__(self, *args, choices: dict[str, str], **kwargs):
        super().__init__(*args, initial=choices, **kwargs)
        labels = dict(Notification.Kind.choices)
        for kind in DEFAULT_DELIVERY:
            self.fields[kind] = forms.ChoiceField(
                label=labels[kind],
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how Orbis should email you about this."),
                    "invalid_choice": _("Choose “Email at once”, “Daily digest” or “Off”."),
                },
            )

    def clean(self):
        cleaned = super().clean()
        if self.is_bound and set(self.data) - set(self.fields) - EXPECTED_EXTRA:
            # A kind Orbis doesn't know (an old page, or a forged request): save nothing.
            raise forms.ValidationError(
                _("This form has a kind of notification Orbis doesn't know: reload the page.")
            )
        return cleaned

    def groups(self):
        """(group name, its bound fields) in the order of the preferences page."""
        return [(name, [self[kind] for kind, _default in kinds]) for name, kinds in KIND_GROUPS]

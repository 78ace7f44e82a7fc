from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Action, Reason, Report, TargetKind

DETAILS_LENGTH = 2000
DECISION_REASON_LENGTH = 1000


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the reasons listed.")},
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=DETAILS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the Orbis moderators read this."),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Reason.OTHER and not data.get("details", "").strip():
            self.add_error("details", _("Tell the moderators what is wrong."))
        return data


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=Action.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("This action doesn't apply to this report.")},
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=DECISION_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log. A warning sends it to the author."),
    )

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, Action(a).label) for a in actions]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why: it is kept in the audit log."))
        return reason


class QueueFilterForm(forms.Form):
    ALL = "all"
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *TargetKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Report.Status.choices, (ALL, _("All"))],
    )

    def filters(self) -> dict:
        """The valid filters; a hostile or unknown value is dropped, never an error page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or "",
            "status": data.get("status") or Report.Status.OPEN,
        }


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Moderator"),
        required=False,
        queryset=get_user_model().objects.filter(is_staff=True).order_by("display_name", "pk"),
        empty_label=_("Everyone"),
    )
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("All actions")), *Action.choices]
    )

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"actor": data.get("actor"), "action": data.get("action") or ""}

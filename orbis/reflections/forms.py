from django import forms
from django.utils.translation import gettext_lazy as _

from orbis.vocabulary import Phase
from orbis.web.forms import OneLineTextField, PlainTextField

from .models import ANSWER_MAX, PROMPT_MAX


class PromptForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=Phase.choices,
        initial=Phase.REFLECTION,
        error_messages={"invalid_choice": _("Choose one of the project's four phases.")},
    )
    text = OneLineTextField(
        label=_("Prompt"),
        max_length=PROMPT_MAX,
        error_messages={
            "required": _("Write the prompt: a question the classes answer."),
            "max_length": _(
                "Keep the prompt to %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )


class AnswerForm(forms.Form):
    """A student's own answer, or the class's answer a teacher records for one of her classes
    (then `classrooms` lists her member classes; each form carries one of them, hidden)."""

    text = PlainTextField(
        label=_("Answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Write an answer before saving."),
            "max_length": _(
                "Keep the answer to %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, classrooms=None, **kwargs):
        super().__init__(*args, **kwargs)
        if classrooms:
            self.fields["classroom"] = forms.TypedChoiceField(
                label=_("Class"),
                coerce=int,
                choices=[(room.pk, room.name) for room in classrooms],
                widget=forms.HiddenInput,
                error_messages={"invalid_choice": _("Choose one of your classes in the project.")},
            )


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        error_messages={
            "required": _("Choose approve or reject."),
            "invalid_choice": _("Choose approve or reject."),
        },
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", _("Up")), ("down", _("Down"))],
        error_messages={
            "required": _("Choose up or down."),
            "invalid_choice": _("Choose up or down."),
        },
    )


class PromptDeleteForm(forms.Form):
    with_answers = forms.BooleanField(
        label=_("Also remove the answers all classes gave to it"), required=False
    )

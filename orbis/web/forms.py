"""Form pieces shared by the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ChoiceListField(forms.TypedMultipleChoiceField):
    """Several choices stored as a JSON list (languages, subjects, SDGs, weekend days)."""

    def __init__(self, *, max_choices: int | None = None, **kwargs):
        self.max_choices = max_choices
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if self.max_choices and len(value) > self.max_choices:
            raise forms.ValidationError(
                _("Choose at most %(count)d."),
                code="max_choices",
                params={"count": self.max_choices},
            )


class PlainTextField(forms.CharField):
    """Text a person typed: control characters a paste can bring in are removed, the ends
    trimmed, so "   " counts as empty and a required field says so."""

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_controls(value)
        return super().to_python(value)


class OneLineTextField(PlainTextField):
    """A name, a city, a label: one line, with runs of white space made one space."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if isinstance(value, str) else value


def strip_controls(value: str) -> str:
    """Remove control characters (except newlines and tabs) a paste can bring in."""
    return "".join(ch for ch in value if ch in "\n\t" or ch.isprintable())


class _ReadOnceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # The queryset itself, not .iterator(): read once, kept for the next pass.
        for obj in self.queryset:
            yield self.choice(obj)


class FewChoicesField(forms.ModelChoiceField):
    """A choice among a few rows (a teacher's classrooms): read once per form, however often
    the form is validated and drawn (Django reads the rows again for each, and on PostgreSQL
    through a server-side cursor: three round trips)."""

    iterator = _ReadOnceIterator

"""QuickRenderer writes the same HTML as Django's widget templates, byte for byte."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from orbis.web.rendering import QuickRenderer

HOSTILE = "\"><script>alert(1)</script> & 'quotes'"


class EveryWidget(forms.Form):
    text = forms.CharField(label="Name & <b>title</b>", help_text="Help")
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"step": 5, "min": 0}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(widget=forms.TimeInput(format="%H:%M"))
    url = forms.CharField(widget=forms.URLInput(attrs={"placeholder": "https://"}))
    email = forms.EmailField(required=False, label="E-mail?")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    agree = forms.BooleanField(required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "disabled": True, "readonly": False}),
        required=False,
    )
    choice = forms.ChoiceField(
        choices=[("", "None"), ("a", "A & a"), ("Group", [("b", "B"), ("c", 3)])],
        required=False,
    )
    many = forms.MultipleChoiceField(
        choices=[("x", "X <x>"), ("y", "Y"), ("z", "Z")],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checks"}),
        required=False,
    )
    grouped = forms.MultipleChoiceField(
        choices=[("G", [("1", "One"), ("2", "Two")]), ("3", "Three")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    radio = forms.ChoiceField(choices=[("r", "R"), ("s", "S")], widget=forms.RadioSelect)
    plural = forms.MultipleChoiceField(choices=[("p", "P"), ("q", "Q")], required=False)


VALUES = [
    {},
    {
        "text": HOSTILE,
        "number": "15",
        "day": "2027-02-04",
        "time": "13:30",
        "url": HOSTILE,
        "email": "not an email",
        "secret": "kept out",
        "hidden": HOSTILE,
        "agree": "on",
        "notes": f"Line one\n{HOSTILE}",
        "choice": "b",
        "many": ["x", "z"],
        "grouped": ["1", "3"],
        "radio": "s",
        "plural": ["p", "q"],
    },
]


def html(form) -> list[str]:
    """Every field's label and widget, the way includes/field.html asks for them."""
    parts = []
    for field in form:
        parts += [str(field), field.label_tag(), str(field.errors), field.label_tag(attrs={})]
    parts.append(field.label_tag(mark_safe("<em>safe</em>"), attrs={"class": "x", "hidden": True}))
    return parts


@pytest.mark.parametrize("data", VALUES)
@pytest.mark.parametrize("bound", [True, False])
def test_every_widget_is_written_as_django_writes_it(data, bound):
    options = {"initial": data} if not bound else {"data": data}
    django = EveryWidget(renderer=DjangoTemplates(), **options)
    quick = EveryWidget(renderer=QuickRenderer(), **options)
    assert html(quick) == html(django)


def test_labels_without_an_id_and_without_a_tag():
    django = EveryWidget(renderer=DjangoTemplates(), auto_id=False)
    quick = EveryWidget(renderer=QuickRenderer(), auto_id=False)
    assert html(quick) == html(django)


def test_only_error_lists_go_through_templates(monkeypatch):
    used = []
    original = QuickRenderer.get_template

    def get_template(self, name):
        used.append(name)
        return original(self, name)

    monkeypatch.setattr(QuickRenderer, "get_template", get_template)
    html(EveryWidget(VALUES[1], renderer=QuickRenderer()))
    assert used
    assert all(name.startswith("django/forms/errors/") for name in used), used

"""`{% error_summary form … %}`: "There are N problems" and a link to each wrong field's first
input (its label, its first error) and the forms' own errors; nothing without errors."""

import html as entities
import re

from django import forms
from django.template import Context, Template


class Sample(forms.Form):
    name = forms.CharField(label="Your name")
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[("1", "Monday"), ("2", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )
    mode = forms.ChoiceField(
        label="Mode", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    when = forms.SplitDateTimeField(label="When", required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        if self.data.get("secret") == "wrong":
            raise forms.ValidationError("These answers don't go together.")
        return super().clean()


def summary(*forms_shown) -> str:
    names = " ".join(f"f{i}" for i in range(len(forms_shown)))
    template = Template("{% load orbis %}{% error_summary " + names + " %}")
    return template.render(Context({f"f{i}": form for i, form in enumerate(forms_shown)}))


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of each link, the text without tags and with spaces made single."""
    found = re.findall(r'<a href="([^"]*)">(.*?)</a>', html, re.S)
    return [
        (href, entities.unescape(" ".join(re.sub("<[^>]+>", " ", text).split())))
        for href, text in found
    ]


def test_nothing_without_errors():
    assert summary(Sample()) == ""  # unbound
    valid = Sample({"name": "Gisel", "days": ["1"], "mode": "a"})
    assert summary(valid) == ""
    assert summary("", None) == ""  # a form the view did not give


def test_a_link_to_the_first_input_of_each_wrong_field_with_its_label_and_first_error():
    form = Sample({"name": "", "days": ["9"], "mode": "", "when_0": "not a day", "when_1": "x"})
    html = summary(form)
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "autofocus" in html
    assert "There are 4 problems" in html
    assert links(html) == [
        ("#id_name", "Your name This field is required."),
        ("#id_days_0", "Days Select a valid choice. 9 is not one of the available choices."),
        ("#id_mode_0", "Mode This field is required."),
        ("#id_when_0", "When Enter a valid date."),
    ]
    rendered = form.as_div()
    for href, _text in links(html):  # the ids exist in the form's own HTML
        assert f'id="{href[1:]}"' in rendered


def test_form_errors_link_to_its_first_field_and_one_problem_is_singular():
    form = Sample({"name": "Gisel", "days": ["1"], "mode": "a", "secret": "wrong"})
    html = summary(form)
    assert "There is 1 problem" in html
    assert links(html) == [("#id_name", "These answers don't go together.")]


def test_several_forms_in_one_summary_with_their_own_ids():
    first = Sample({"name": ""}, auto_id="first-%s")
    second = Sample({"s2-name": "Gisel", "s2-days": ["1"], "s2-mode": "a"}, prefix="s2")
    third = Sample({"s3-days": ["1"], "s3-mode": "a"}, prefix="s3")
    html = summary(first, second, third)
    assert "There are 4 problems" in html
    assert [href for href, _text in links(html)] == [
        "#first-name",
        "#first-days_0",
        "#first-mode_0",
        "#id_s3-name",
    ]


def test_a_hidden_fields_error_is_listed_without_a_link():
    class WithHidden(forms.Form):
        token = forms.IntegerField(label="Token", widget=forms.HiddenInput)

    html = summary(WithHidden({"token": "x"}))
    assert "There is 1 problem" in html and "Enter a whole number." in html
    assert links(html) == []

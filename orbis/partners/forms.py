from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from orbis.classrooms.models import Classroom
from orbis.core import regions
from orbis.vocabulary import (
    Approach,
    ExchangeMode,
    Subject,
    SustainableDevelopmentGoal,
    language_choices,
)
from orbis.web.forms import FewChoicesField, PlainTextField

from .selectors import SearchFilters

REGION_LABELS = {
    regions.AFRICA: _("Africa"),
    regions.LATIN_AMERICA: _("Latin America and the Caribbean"),
    regions.NORTHERN_AMERICA: _("Northern America"),
    regions.EUROPE: _("Europe"),
    regions.ASIA: _("Asia"),
    regions.OCEANIA: _("Oceania"),
}


def _any(label):
    return [("", label)]


class PartnerSearchForm(forms.Form):
    """The filters of "Find partners" (a GET form: every value comes from the query string)."""

    classroom = FewChoicesField(
        label=_("Partners for"), queryset=Classroom.objects.none(), empty_label=None
    )
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    language = forms.ChoiceField(label=_("Shared language"), required=False)
    approach = forms.ChoiceField(label=_("Approach"), required=False)
    sdg = forms.TypedChoiceField(label=_("SDG"), required=False, coerce=int, empty_value=None)
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    exchange_mode = forms.ChoiceField(label=_("Live or asynchronous"), required=False)
    min_overlap = forms.TypedChoiceField(
        label=_("Live overlap each week"),
        required=False,
        coerce=int,
        empty_value=0,
        choices=[
            ("", _("Any")),
            (30, _("At least 30 min")),
            (60, _("At least 1 h")),
            (120, _("At least 2 h")),
            (180, _("At least 3 h")),
        ],
    )
    age_tolerance = forms.TypedChoiceField(
        label=_("Ages"),
        required=False,
        coerce=int,
        empty_value=1,
        choices=[
            (0, _("Overlapping ages only")),
            (1, _("Up to 1 year apart")),
            (2, _("Up to 2 years apart")),
        ],
        initial=1,
    )

    verified_only = forms.BooleanField(label=_("Only verified schools"), required=False)

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = teacher.classrooms.select_related("teacher__school")
        if teacher.only_verified_partners:
            # Her profile makes it a rule: the box shows it, ticked and fixed.
            self.fields["verified_only"].initial = True
            self.fields["verified_only"].disabled = True
            self.fields["verified_only"].help_text = _(
                "Your profile asks for verified schools only."
            )
        self.fields["subject"].choices = _any(_("Any subject")) + list(Subject.choices)
        self.fields["language"].choices = _any(_("Any shared language")) + language_choices()
        self.fields["approach"].choices = _any(_("Any approach")) + list(Approach.choices)
        self.fields["sdg"].choices = _any(_("Any SDG")) + list(SustainableDevelopmentGoal.choices)
        self.fields["country"].choices = _any(_("Any country")) + list(countries)
        self.fields["region"].choices = _any(_("Any region")) + list(REGION_LABELS.items())
        self.fields["exchange_mode"].choices = _any(_("Either")) + list(ExchangeMode.choices)

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            subject=data.get("subject") or "",
            language=data.get("language") or "",
            approach=data.get("approach") or "",
            sdg=data.get("sdg"),
            country=data.get("country") or "",
            region=data.get("region") or "",
            exchange_mode=data.get("exchange_mode") or "",
            min_overlap=data.get("min_overlap") or 0,
            age_tolerance=1 if data.get("age_tolerance") is None else data["age_tolerance"],
            verified_only=bool(data.get("verified_only")),
        )


class PartnerRequestForm(forms.Form):
    from_classroom = forms.ModelChoiceField(
        label=_("Your classroom"), queryset=Classroom.objects.none(), empty_label=None
    )
    introduction = PlainTextField(
        label=_("A short introduction"),
        max_length=1000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Who your students are, what you would like to do together, when you could meet."
        ),
    )

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_classroom"].queryset = teacher.classrooms.all()

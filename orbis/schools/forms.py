import datetime

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from orbis.core import zones
from orbis.web.forms import ChoiceListField, OneLineTextField

from .models import School, SchoolTerm, Weekday
from .weekends import weekend_for_country


class SchoolForm(forms.ModelForm):
    # A text value offered through a select: the form itself says which zones fit the country,
    # with a clearer message than "not one of the available choices".
    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        widget=forms.Select,
        help_text=_("Filled in for you when your country has only one time zone."),
    )
    weekend_days = ChoiceListField(
        label=_("Weekend days"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to use the usual weekend in your country."),
    )

    class Meta:
        model = School
        fields = ["name", "country", "city", "time_zone", "weekend_days"]
        labels = {"name": _("School name"), "country": _("Country"), "city": _("City or town")}
        field_classes = {"name": OneLineTextField, "city": OneLineTextField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            country = self.data.get("country")
        else:
            country = self.initial.get("country") or self.instance.country.code
        country = str(country or "")  # a Country object when editing
        self.fields["time_zone"].widget.choices = self.zone_choices_for(
            country if country in countries else None
        )
        # With JavaScript, choosing a country offers its time zones and usual weekend at once.
        self.fields["country"].widget.attrs.update(
            {
                "hx-get": reverse("school_country_fields"),
                "hx-target": "#country-dependent",
                "hx-swap": "outerHTML",
            }
        )

    @staticmethod
    def zone_choices_for(country: str | None) -> list[tuple[str, str]]:
        """The country's zones when it is known (a short list), else every zone."""
        names = (zones.zones_for_country(country) if country else ()) or zones.all_zones()
        return [("", _("Choose a time zone")), *((n, n.replace("_", " ")) for n in names)]

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        if not country:
            return cleaned
        country_name = countries.name(country)
        country_zones = zones.zones_for_country(country)
        zone = cleaned.get("time_zone") or ""
        if zone and not zones.is_valid_zone(zone):
            self.add_error("time_zone", _("“%(zone)s” is not a time zone.") % {"zone": zone[:64]})
        elif not zone:
            zone = zones.default_zone_for_country(country) or ""
            if not zone:
                self.add_error(
                    "time_zone",
                    _("%(country)s has several time zones: choose your school's.")
                    % {"country": country_name},
                )
        elif country_zones and zone not in country_zones:
            self.add_error(
                "time_zone",
                _("%(zone)s is not a time zone of %(country)s. Choose one of: %(zones)s.")
                % {"zone": zone, "country": country_name, "zones": ", ".join(country_zones)},
            )
        cleaned["time_zone"] = zone
        weekend = sorted(set(cleaned.get("weekend_days") or weekend_for_country(country)))
        if len(weekend) > 3:
            self.add_error("weekend_days", _("A weekend has at most three days."))
        cleaned["weekend_days"] = weekend
        return cleaned


class SchoolTermForm(forms.ModelForm):
    class Meta:
        model = SchoolTerm
        fields = ["kind", "name", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"name": _("For example “First term” or “Winter break”.")}
        field_classes = {"name": OneLineTextField}

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean(self):
        cleaned = super().clean()
        starts, ends, kind = cleaned.get("starts_on"), cleaned.get("ends_on"), cleaned.get("kind")
        if not (starts and ends and kind):
            return cleaned
        for day in (starts, ends):
            if not datetime.date(2000, 1, 1) <= day <= datetime.date(2100, 12, 31):
                raise forms.ValidationError(_("Dates must lie between 2000 and 2100."))
        if ends < starts:
            self.add_error("ends_on", _("The last day comes before the first day."))
            return cleaned
        if (ends - starts).days > 366:
            self.add_error("ends_on", _("A term or break lasts at most one year."))
            return cleaned
        clash = (
            self.school.terms.filter(kind=kind, starts_on__lte=ends, ends_on__gte=starts)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash:
            raise forms.ValidationError(
                _("These dates overlap “%(name)s” (%(start)s – %(end)s).")
                % {"name": clash.name, "start": clash.starts_on, "end": clash.ends_on}
            )
        return cleaned


class SchoolSearchForm(forms.Form):
    q = forms.CharField(label=_("School name or city"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]

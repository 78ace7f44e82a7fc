from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from orbis.classrooms.models import MAX_AGE, MIN_AGE
from orbis.uploads.processing import UploadRefused, clean_upload
from orbis.vocabulary import SustainableDevelopmentGoal
from orbis.web.forms import ChoiceListField, OneLineTextField, PlainTextField

from .models import MAX_MEDIA, Challenge

# Paths under /challenges/ that are pages of their own, not a challenge's address.
RESERVED_SLUGS = {"staff", "entries"}
AGES = [("", "—")] + [(age, str(age)) for age in range(MIN_AGE, MAX_AGE + 1)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class ChallengeForm(forms.ModelForm):
    sdgs = ChoiceListField(
        label=_("Sustainable Development Goals"),
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_min = forms.TypedChoiceField(
        label=_("Youngest students"), choices=AGES, coerce=int, required=False, empty_value=None
    )
    age_max = forms.TypedChoiceField(
        label=_("Oldest students"), choices=AGES, coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "slug",
            "theme",
            "description",
            "rules",
            "starts_on",
            "ends_on",
            "sdgs",
            "age_min",
            "age_max",
            "status",
        ]
        field_classes = {
            "title": OneLineTextField,
            "theme": OneLineTextField,
            "description": PlainTextField,
            "rules": PlainTextField,
        }
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "status": forms.RadioSelect}
        help_texts = {
            "description": _("Markdown: **bold**, *italics*, lists, links. No pictures, no HTML."),
            "rules": _("Markdown, as the description."),
            "starts_on": _(
                "Entries are accepted from this day to the last day, in every time zone."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False  # made from the title when left empty

    def clean_slug(self):
        title = self.cleaned_data.get("title") or ""
        slug = self.cleaned_data.get("slug") or slugify(title)[:80].strip("-")
        if not slug:
            raise forms.ValidationError(
                _("Give the challenge an address, e.g. “day-of-play-2026”.")
            )
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is taken by Orbis itself: choose another."))
        taken = Challenge.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another challenge already has this address."))
        return slug

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day can't be before the first day."))
        low, high = cleaned.get("age_min"), cleaned.get("age_max")
        if low is not None and high is not None and low > high:
            self.add_error("age_max", _("The oldest age can't be below the youngest."))
        return cleaned

    def validate_unique(self):
        # clean_slug says it in the staff's words; the service catches a race.
        pass


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class CreationFilesField(forms.FileField):
    """One to MAX_MEDIA files, each checked by the upload processing (kind, size, content)."""

    widget = MultipleFileInput

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise forms.ValidationError(_("Add your creation: at least one file."))
        if len(files) > MAX_MEDIA:
            raise forms.ValidationError(
                _("Add at most %(count)d files."), params={"count": MAX_MEDIA}
            )
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(clean_upload(uploaded))
            except UploadRefused as refused:
                errors.append(forms.ValidationError(str(refused)))
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class EntryForm(forms.Form):
    title = OneLineTextField(label=_("Title"), max_length=120)
    description = PlainTextField(
        label=_("About this creation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you made, and how. No surnames, addresses or phone numbers."),
    )
    files = CreationFilesField(
        label=_("Your creation"),
        help_text=_("One to five files: pictures, PDF, audio, video or documents."),
    )

    def __init__(self, *args, teacher=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teacher is not None:
            self.fields["classroom"] = forms.ModelChoiceField(
                label=_("Class"),
                queryset=teacher.classrooms.order_by("name", "pk"),
                empty_label=None,
            )
            self.fields["show_faces"] = forms.BooleanField(
                label=_("The pictures may be shown publicly (I have consent for any face in them)"),
                required=False,
            )
            self.order_fields(["classroom"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])


class ConsentForm(forms.Form):
    show_names = forms.BooleanField(required=False)
    show_faces = forms.BooleanField(required=False)

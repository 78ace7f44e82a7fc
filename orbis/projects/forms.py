from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orbis.classrooms.models import Classroom
from orbis.core.plans.vocabulary import MIN_WEEKS
from orbis.vocabulary import (
    Approach,
    Competency,
    ExchangeMode,
    FinalProduct,
    PlanLanguage,
    ProjectType,
    Subject,
    SustainableDevelopmentGoal,
    duration_choices,
    language_choices,
)
from orbis.web.forms import ChoiceListField, OneLineTextField, PlainTextField

from .models import MAX_AGE, MAX_PARTNERS, MIN_AGE, Activity, Milestone, Project, SuggestedSession
from .services.membership import partner_count

AGES = [(age, str(age)) for age in range(MIN_AGE, MAX_AGE + 1)]
MAX_START_DAYS = 730  # plans start within two years


def _language_field(label, **kwargs):
    return ChoiceListField(
        label=label,
        choices=language_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        max_choices=5,
        **kwargs,
    )


def _check_start(start):
    today = timezone.localdate()
    if start < today:
        raise forms.ValidationError(_("The start date is in the past: choose today or later."))
    if start > today + timedelta(days=MAX_START_DAYS):
        raise forms.ValidationError(_("Choose a start date within the next two years."))
    return start


def _check_ages(form, cleaned):
    low, high = cleaned.get("age_min"), cleaned.get("age_max")
    if low is not None and high is not None and low > high:
        form.add_error("age_max", _("The oldest age can't be below the youngest."))


def _check_duration(form, field: str, approach, weeks):
    if approach and weeks is not None and weeks < MIN_WEEKS[approach]:
        form.add_error(
            field,
            _("A %(approach)s project needs at least %(weeks)d weeks.")
            % {"approach": Approach(approach).label, "weeks": MIN_WEEKS[approach]},
        )


# The assistant's steps ------------------------------------------------------------------------


class ClassStep(forms.Form):
    classroom = forms.ModelChoiceField(
        label=_("Which class is this project for?"),
        queryset=Classroom.objects.none(),
        empty_label=None,
    )
    age_min = forms.TypedChoiceField(label=_("Youngest students"), choices=AGES, coerce=int)
    age_max = forms.TypedChoiceField(label=_("Oldest students"), choices=AGES, coerce=int)
    subject = forms.ChoiceField(label=_("Subject"), choices=Subject.choices)

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = teacher.classrooms.order_by("name", "pk")

    def clean(self):
        cleaned = super().clean()
        _check_ages(self, cleaned)
        return cleaned


class GoalsStep(forms.Form):
    competencies = ChoiceListField(
        label=_("Competencies to build"),
        choices=Competency.choices,
        widget=forms.CheckboxSelectMultiple,
        max_choices=4,
        help_text=_("Choose one to four."),
    )
    sdgs = ChoiceListField(
        label=_("Theme: Sustainable Development Goals"),
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        max_choices=3,
        help_text=_("Choose one to three."),
    )


class TimeStep(forms.Form):
    weeks = forms.TypedChoiceField(label=_("Time available"), choices=duration_choices, coerce=int)
    start = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(
        label=_("Live or asynchronous"), choices=ExchangeMode.choices, widget=forms.RadioSelect
    )
    approach = forms.ChoiceField(
        label=_("Approach"),
        choices=[("", _("Let the assistant choose")), *Approach.choices],
        required=False,
        help_text=_(
            "Connect: one or two hours. Collaborate: weeks of joint work. "
            "Create: a product that proposes a solution."
        ),
    )

    def clean_start(self):
        return _check_start(self.cleaned_data["start"])

    def clean(self):
        cleaned = super().clean()
        _check_duration(self, "weeks", cleaned.get("approach"), cleaned.get("weeks"))
        return cleaned


class LanguagesStep(forms.Form):
    languages = _language_field(_("Languages the classes share"))
    text_language = forms.ChoiceField(label=_("Write the plan in"), choices=PlanLanguage.choices)
    max_partners = forms.TypedChoiceField(
        label=_("Partner classes at most"),
        choices=[(n, str(n)) for n in range(1, MAX_PARTNERS + 1)],
        coerce=int,
        initial=2,
    )


STEPS = (
    ("class", ClassStep, _("Your class")),
    ("goals", GoalsStep, _("Goals")),
    ("time", TimeStep, _("Time")),
    ("languages", LanguagesStep, _("Languages")),
)


# Editing ----------------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ProjectForm(forms.ModelForm):
    title = OneLineTextField(label=_("Title"), max_length=120)
    central_question = OneLineTextField(label=_("Central question"), max_length=300)
    summary = PlainTextField(label=_("Summary"), max_length=2000, widget=forms.Textarea)
    sdgs = ChoiceListField(
        label=_("SDG themes"),
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        max_choices=5,
    )
    subjects = ChoiceListField(
        label=_("Subjects"),
        choices=Subject.choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        max_choices=5,
    )
    competencies = ChoiceListField(
        label=_("Competencies"),
        choices=Competency.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = _language_field(_("Languages"))
    age_min = forms.TypedChoiceField(label=_("Youngest students"), choices=AGES, coerce=int)
    age_max = forms.TypedChoiceField(label=_("Oldest students"), choices=AGES, coerce=int)
    duration_weeks = forms.TypedChoiceField(
        label=_("Duration"), choices=duration_choices, coerce=int
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Moving it moves every date of the plan by the same number of days."),
    )
    objectives_text = PlainTextField(
        label=_("Objectives"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    prompts_text = PlainTextField(
        label=_("Reflection prompts"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "central_question",
            "summary",
            "approach",
            "project_type",
            "final_product",
            "sdgs",
            "subjects",
            "competencies",
            "age_min",
            "age_max",
            "languages",
            "start_date",
            "duration_weeks",
            "exchange_mode",
            "live_sessions_planned",
            "max_partners",
            "visibility",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project_type"].choices = ProjectType.choices
        self.fields["final_product"].choices = FinalProduct.choices
        if self.instance.pk:
            self.initial.setdefault("objectives_text", "\n".join(self.instance.objectives))
            self.initial.setdefault("prompts_text", "\n".join(self.instance.reflection_prompts))

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if self.instance.pk and start == self.instance.start_date:
            return start  # an unchanged date may be in the past once the project runs
        return _check_start(start)

    def clean_max_partners(self):
        value = self.cleaned_data["max_partners"]
        if self.instance.pk and value < partner_count(self.instance):
            raise forms.ValidationError(
                _("%(count)d partner classes already take part: the maximum can't be lower.")
                % {"count": partner_count(self.instance)}
            )
        return value

    def clean(self):
        cleaned = super().clean()
        _check_ages(self, cleaned)
        _check_duration(
            self, "duration_weeks", cleaned.get("approach"), cleaned.get("duration_weeks")
        )
        cleaned["objectives"] = _lines(cleaned.get("objectives_text", ""))
        cleaned["reflection_prompts"] = _lines(cleaned.get("prompts_text", ""))
        return cleaned

    def save(self, commit=True):
        self.instance.objectives = self.cleaned_data["objectives"]
        self.instance.reflection_prompts = self.cleaned_data["reflection_prompts"]
        return super().save(commit)


ITEM_REACH = timedelta(days=365)  # a plan's dates stay within a year of the project's


class _PlanItemForm(forms.ModelForm):
    """An activity, milestone or session of a project: its date must stay near the plan (a
    mistyped year would stretch the plan, its timeline and its calendar over centuries)."""

    date_field = "due_date"

    def __init__(self, *args, project=None, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get(self.date_field)
        if self.project is not None and day is not None:
            first = self.project.start_date - ITEM_REACH
            last = self.project.end_date + ITEM_REACH
            if not first <= day <= last:
                self.add_error(
                    self.date_field,
                    _("Choose a date between %(first)s and %(last)s, near the plan's dates.")
                    % {"first": first.isoformat(), "last": last.isoformat()},
                )
        return cleaned


class ActivityForm(_PlanItemForm):
    title = OneLineTextField(label=_("Title"), max_length=120)
    description = PlainTextField(
        label=_("For teachers"), required=False, max_length=3000, widget=forms.Textarea
    )
    instructions = PlainTextField(
        label=_("For students"), required=False, max_length=3000, widget=forms.Textarea
    )
    evidence = OneLineTextField(label=_("Expected evidence"), required=False, max_length=300)

    class Meta:
        model = Activity
        fields = ["phase", "kind", "title", "description", "instructions", "evidence", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class MilestoneForm(_PlanItemForm):
    title = OneLineTextField(label=_("Title"), max_length=160)

    class Meta:
        model = Milestone
        fields = ["phase", "title", "due_date"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}


class SuggestedSessionForm(_PlanItemForm):
    date_field = "on_date"
    title = OneLineTextField(label=_("Title"), max_length=120)
    purpose = PlainTextField(
        label=_("Purpose"), required=False, max_length=2000, widget=forms.Textarea
    )

    class Meta:
        model = SuggestedSession
        fields = ["phase", "title", "purpose", "on_date", "minutes"]
        widgets = {"on_date": forms.DateInput(attrs={"type": "date"})}


class JoinForm(forms.Form):
    classroom = forms.ModelChoiceField(
        label=_("Join with"), queryset=Classroom.objects.none(), empty_label=None
    )
    message = PlainTextField(
        label=_("A few words to the owner"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classroom"].queryset = teacher.classrooms.order_by("name", "pk")


class ProjectFilterForm(forms.Form):
    """The filters of the project listing (GET: every value comes from the query string)."""

    q = OneLineTextField(label=_("Words"), required=False, max_length=100)
    approach = forms.ChoiceField(
        label=_("Approach"), required=False, choices=[("", _("Any")), *Approach.choices]
    )
    sdg = forms.TypedChoiceField(
        label=_("SDG"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *SustainableDevelopmentGoal.choices],
    )
    age = forms.TypedChoiceField(
        label=_("Student age"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *AGES],
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=[("", _("Any")), *Subject.choices]
    )
    starts_after = forms.DateField(
        label=_("Starts on or after"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any")), *language_choices()]

from django import forms
from django.utils.translation import gettext_lazy as _

from orbis.core import timetable
from orbis.schools.models import School, Weekday
from orbis.vocabulary import (
    Approach,
    ExchangeMode,
    Subject,
    SustainableDevelopmentGoal,
    language_choices,
)
from orbis.web.forms import ChoiceListField, OneLineTextField

from .models import Classroom


class ClassroomForm(forms.ModelForm):
    subjects = ChoiceListField(
        label=_("Subjects"),
        choices=Subject.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one subject.")},
    )
    languages = ChoiceListField(
        label=_("Languages of instruction"),
        choices=language_choices,
        error_messages={"required": _("Choose at least one language.")},
        max_choices=6,
        help_text=_("The languages your students can use with a partner class."),
    )
    sdgs = ChoiceListField(
        label=_("Sustainable Development Goals your class cares about"),
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approaches = ChoiceListField(
        label=_("Project approaches"),
        choices=Approach.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Connect: short cultural exchanges. Collaborate: weeks of joint work. "
            "Create: a shared product that solves a problem."
        ),
    )
    # A choice, not a checkbox: a form sent without it (an old page, a script) must keep the safe
    # default rather than read "unchecked" as "publish at once".
    student_posts_need_approval = forms.TypedChoiceField(
        label=_("Students' posts and comments on project boards"),
        choices=[
            (True, _("Wait for my approval before others see them (recommended)")),
            (False, _("Appear at once; I can still take them down")),
        ],
        coerce=lambda value: value in (True, "True"),
        empty_value=None,
        initial=True,
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Classroom
        fields = [
            "name",
            "grade_label",
            "age_min",
            "age_max",
            "student_count",
            "subjects",
            "languages",
            "english_level",
            "sdgs",
            "approaches",
            "exchange_mode",
            "looking_for_partners",
            "partners_wanted",
            "student_posts_need_approval",
        ]
        widgets = {"exchange_mode": forms.RadioSelect}
        field_classes = {"name": OneLineTextField, "grade_label": OneLineTextField}
        help_texts = {
            "name": _("For example “6th grade B” or “Biology club”."),
            "looking_for_partners": _(
                "Other teachers can find this class and propose a partnership."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners_wanted"].required = False  # one partner unless said otherwise

    def clean_student_posts_need_approval(self):
        chosen = self.cleaned_data["student_posts_need_approval"]
        if chosen is None:
            return self.instance.student_posts_need_approval if self.instance.pk else True
        return chosen

    def clean_partners_wanted(self):
        return self.cleaned_data["partners_wanted"] or 1

    def clean(self):
        cleaned = super().clean()
        youngest, oldest = cleaned.get("age_min"), cleaned.get("age_max")
        if youngest is not None and oldest is not None and youngest > oldest:
            self.add_error("age_max", _("The oldest students can't be younger than the youngest."))
        return cleaned


_TIMETABLE_MESSAGES = {
    "syntax": _("Write each period as 09:00-10:30, not “%(text)s”."),
    "time": _("“%(text)s” is not a time of day."),
    "inverted": _("%(period)s ends before it starts."),
    "overlap": _("%(first)s and %(second)s overlap."),
    "weekday": _("That is not a day of the week."),
}


class TimetableForm(forms.Form):
    """One text field per school day: the periods, in the school's local time, in which the
    class could meet a partner live, e.g. "09:00-10:30, 13:00-14:10"."""

    def __init__(self, *args, school: School, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        by_day: dict[int, list[timetable.Period]] = {}
        for period in periods:
            by_day.setdefault(period.weekday, []).append(period)
        # School days, and any other day that already has periods (the school's weekend may have
        # changed since): nothing is dropped without the teacher seeing it.
        self.days = sorted(set(school.school_days) | set(by_day))
        for day in self.days:
            self.fields[f"day_{day}"] = forms.CharField(
                label=Weekday(day).label,
                required=False,
                max_length=200,
                initial=timetable.format_day(by_day.get(day, [])),
                widget=forms.TextInput(attrs={"placeholder": _("e.g. 09:00-10:30, 13:00-14:10")}),
            )

    def clean(self):
        cleaned = super().clean()
        periods = []
        for day in self.days:
            text = cleaned.get(f"day_{day}")
            if text is None:
                continue
            try:
                periods.extend(timetable.parse_day(day, text))
            except timetable.TimetableError as error:
                self.add_error(f"day_{day}", _TIMETABLE_MESSAGES[error.code] % error.params)
        cleaned["periods"] = periods
        return cleaned

    def periods(self) -> list[timetable.Period]:
        return self.cleaned_data["periods"]


def live_needs_periods(classroom_form: ClassroomForm, timetable_form: TimetableForm) -> bool:
    """A class that wants live sessions must say when it could meet; add the error if not."""
    if not (classroom_form.is_valid() and timetable_form.is_valid()):
        return False
    if (
        classroom_form.cleaned_data["exchange_mode"] == ExchangeMode.LIVE
        and not timetable_form.periods()
    ):
        timetable_form.add_error(
            None,
            _(
                "Add at least one period when your class could meet live, "
                "or choose asynchronous exchange only."
            ),
        )
        return False
    return True

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orbis.classrooms.models import Classroom
from orbis.web.forms import OneLineTextField, PlainTextField

from .links import MAX_URL_LENGTH, validate_meeting_url
from .models import MAX_MINUTES, MIN_MINUTES
from .services import MAX_AHEAD
from .times import flag

MAX_WINDOW_DAYS = 12 * 7
UTC = ZoneInfo("UTC")


def _plausible_pk(value) -> bool:
    """A database id as text: digits, small enough for every database (a 40-digit number
    would overflow SQLite's integer and fail instead of being refused)."""
    text = str(value)
    return text.isdigit() and len(text) <= 18


class _ListedRooms(ModelChoiceIterator):
    """The choices from the classes read with the project's memberships, when the field has
    them, instead of one more query per form."""

    def __iter__(self):
        if self.field.rooms is None:
            yield from super().__iter__()
            return
        for classroom in self.field.rooms:
            yield self.choice(classroom)


class ClassroomChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    iterator = _ListedRooms

    def __init__(self, *args, rooms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rooms = rooms

    def _check_values(self, value):
        for item in value:
            if not _plausible_pk(item):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:20]},
                )
        return super()._check_values(value)

    def label_from_instance(self, classroom):
        school = classroom.teacher.school
        country = school.country.name if school else ""
        return f"{flag(school)} {classroom.name} — {classroom.teacher}" + (
            f" ({country})" if country else ""
        )


class PlanSessionChoice(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not _plausible_pk(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def _member_rooms(project) -> list[Classroom] | None:
    """The project's classes in the field's order, if its memberships were read with their
    classes, teachers and schools (orbis.projects.access.project_with_members), else None."""
    if "memberships" not in getattr(project, "_prefetched_objects_cache", {}):
        return None
    members = sorted(project.memberships.all(), key=lambda m: (m.joined_at, m.classroom_id))
    return [m.classroom for m in members]


def _classrooms_field(project, label):
    # Validation still asks the database which of the chosen ids are the project's.
    queryset = (
        Classroom.objects.filter(project_memberships__project=project)
        .select_related("teacher__school")
        .order_by("project_memberships__joined_at", "pk")
    )
    return ClassroomChoices(
        label=label,
        queryset=queryset,
        rooms=_member_rooms(project),
        error_messages={
            "invalid_choice": _("Choose classes of this project only."),
            "invalid_pk_value": _("Choose classes of this project only."),
            "required": _("Choose the classes that take part."),
        },
    )


def _minutes_field():
    return forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=45,
        widget=forms.NumberInput(attrs={"step": 5}),
        error_messages={
            "min_value": _("A session lasts at least %(limit_value)s minutes."),
            "max_value": _("A session lasts at most %(limit_value)s minutes (4 hours)."),
            "invalid": _("Write the duration in minutes, e.g. 45."),
        },
    )


def _check_classes(form, classrooms, teacher) -> None:
    if classrooms is None:
        return
    if len(classrooms) < 2:
        form.add_error("classrooms", _("Choose at least two classes: yours and a partner's."))
    elif all(c.teacher_id == teacher.pk for c in classrooms):
        form.add_error("classrooms", _("Choose at least one partner class of another teacher."))


class LiveSessionForm(forms.Form):
    """A session as its teacher writes it: date and time in her own zone."""

    title = OneLineTextField(label=_("Title"), max_length=120)
    agenda = PlainTextField(
        label=_("Agenda"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the classes will do, in order, so everyone can prepare."),
    )
    day = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
    )
    time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Write the time as HH:MM, e.g. 13:30.")},
    )
    minutes = _minutes_field()
    meeting_url = forms.CharField(
        label=_("Meeting link"),
        max_length=MAX_URL_LENGTH,
        validators=[validate_meeting_url],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
        help_text=_(
            "The https:// link of the tool your school already uses: Zoom, Google Meet, "
            "Microsoft Teams, Jitsi, Webex…"
        ),
    )
    suggested_session = PlanSessionChoice(
        label=_("Session of the plan"),
        help_text=_("The live session the plan suggests that this one holds, if any."),
        queryset=None,
        required=False,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Choose a session of this project's plan.")},
    )

    def __init__(self, *args, project, teacher, zone: ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher
        self.zone = zone
        self.fields["classrooms"] = _classrooms_field(project, _("Classes taking part"))
        self.fields["suggested_session"].queryset = project.sessions.all()
        self.fields["day"].help_text = _("In your time zone, %(zone)s.") % {"zone": zone.key}
        self.fields["time"].help_text = self.fields["day"].help_text
        self.order_fields(["title", "agenda", "day", "time", "minutes", "classrooms"])

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("day"), cleaned.get("time")
        _check_classes(self, cleaned.get("classrooms"), self.teacher)
        if day is None or time is None:
            return cleaned
        local = datetime.combine(day, time.replace(second=0, microsecond=0), tzinfo=self.zone)
        starts_at = local.astimezone(UTC)
        if starts_at.astimezone(self.zone).replace(tzinfo=None) != local.replace(tzinfo=None):
            self.add_error(
                "time",
                _("The clocks change at that time in %(zone)s: choose another time.")
                % {"zone": self.zone.key},
            )
            return cleaned
        now = timezone.now()
        if starts_at <= now:
            self.add_error("day", _("This time has passed: choose a time in the future."))
        elif starts_at > now + MAX_AHEAD:
            self.add_error("day", _("Choose a date within the next year."))
        cleaned["starts_at"] = starts_at
        return cleaned


class SlotFinderForm(forms.Form):
    """The classes, the days and the length of a session to find times for (a GET form)."""

    first_day = forms.DateField(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
    )
    last_day = forms.DateField(
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Write the date as YYYY-MM-DD.")},
    )
    minutes = _minutes_field()

    def __init__(self, *args, project, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher
        self.fields["classrooms"] = _classrooms_field(project, _("Classes"))
        self.order_fields(["classrooms", "first_day", "last_day", "minutes"])

    def clean(self):
        cleaned = super().clean()
        _check_classes(self, cleaned.get("classrooms"), self.teacher)
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        today = timezone.localdate()
        if first is not None and first < today:
            self.add_error("first_day", _("Start from today or later."))
        if first is not None and last is not None:
            if last < first:
                self.add_error("last_day", _("The last day can't come before the first."))
            elif (last - first).days >= MAX_WINDOW_DAYS:
                self.add_error("last_day", _("Look at 12 weeks at most."))
            elif last > today + timedelta(days=366):
                self.add_error("last_day", _("Choose days within the next year."))
        return cleaned

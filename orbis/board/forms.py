from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from orbis.vocabulary import Phase
from orbis.web.forms import OneLineTextField, PlainTextField

from .models import AttachmentKind, Comment, Reaction
from .selectors import TEXT_ONLY
from .services import MAX_ATTACHMENTS


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern of Django's file uploads documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            files = [single(item, initial) for item in data]
        else:
            files = [single(data, initial)]
        return [file for file in files if file]


class PostForm(forms.Form):
    title = OneLineTextField(label=_("Title"), max_length=120)
    body = PlainTextField(
        label=_("Text"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Markdown works: **bold**, *italic*, lists, [links](https://…). "
            "Attach images instead of linking them."
        ),
    )
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    classroom = forms.TypedChoiceField(label=_("Class"), coerce=int)
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        # Helps the file picker; the real check is by content (orbis/uploads).
        widget=MultipleFileInput(
            attrs={
                "accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf,audio/*,"
                "video/mp4,video/webm,.docx,.xlsx,.pptx,.odt,.ods,.odp"
            }
        ),
    )

    def __init__(self, *args, classrooms=(), with_files=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.classrooms = {room.pk: room for room in classrooms}
        if len(self.classrooms) > 1:
            self.fields["classroom"].choices = [(pk, r.name) for pk, r in self.classrooms.items()]
        else:
            # One class (a student's, or a teacher with one member class): nothing to choose.
            del self.fields["classroom"]
        if with_files:
            # Formatted here, in the reader's language (a lazy text formatted at import is not).
            self.fields["files"].help_text = gettext(
                "Up to %(count)d files: images (JPEG, PNG, WebP, GIF), PDF, audio (MP3, M4A, "
                "OGG), video (MP4, WebM) or office documents."
            ) % {"count": MAX_ATTACHMENTS}
        else:
            del self.fields["files"]

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)d files; you chose %(chosen)d."),
                params={"count": MAX_ATTACHMENTS, "chosen": len(files)},
            )
        return files

    def chosen_classroom(self):
        if "classroom" in self.fields:
            return self.classrooms[self.cleaned_data["classroom"]]
        return next(iter(self.classrooms.values()))


class CommentForm(forms.Form):
    starter = forms.ChoiceField(
        label=_("Start with"),
        choices=Comment.Starter.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    body = PlainTextField(
        label=_("Your feedback"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your feedback first.")},
    )


class FlagForm(forms.Form):
    reason = OneLineTextField(
        label=_("What is wrong?"),
        max_length=200,
        error_messages={"required": _("Say in a few words what is wrong.")},
    )


KIND_FILTERS = [("", _("Any type")), (TEXT_ONLY, _("Text only")), *AttachmentKind.choices]


class BoardFilterForm(forms.Form):
    """GET filters. An unknown or hostile value makes that one field invalid; the board then
    ignores it and says so, never fails."""

    phase = forms.ChoiceField(
        label=_("Phase"), choices=[("", _("Any phase")), *Phase.choices], required=False
    )
    classroom = forms.TypedChoiceField(
        label=_("Class"), coerce=int, required=False, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Type"), choices=KIND_FILTERS, required=False)
    new = forms.BooleanField(label=_("Only new since my last visit"), required=False)

    def __init__(self, *args, classrooms=(), **kwargs):
        # Its own ids: the compose form on the same page has a "phase" and a "classroom" too.
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["classroom"].choices = [("", _("Any class"))] + [
            (room.pk, room.name) for room in classrooms
        ]

    def filters(self) -> dict:
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


# ---- forms as HTML ------------------------------------------------------------------------------

# Unbound forms as includes/form.html renders them, by what the HTML depends on (form_html).
_BLANK_HTML: dict[tuple, SafeString] = {}
_BLANK_LIMIT = 500


def form_html(form: forms.Form) -> SafeString:
    """The form's fields as includes/form.html renders them.

    Django renders a form with a template per field, label, widget and choice: about 1.5 ms
    for each of the board's two forms, on every view of the board. An unbound form's HTML
    depends only on its class, its fields (labels, help texts, choices), its initial values
    and the language, which make the key of a per-process table: each distinct blank form is
    rendered once. Bound forms (values typed, errors) are always rendered.
    """
    if form.is_bound:
        return render_to_string("includes/form.html", {"form": form})
    key = (
        type(form),
        get_language(),
        form.prefix,
        form.auto_id,
        tuple(sorted((name, repr(value)) for name, value in form.initial.items())),
        tuple(
            (
                name,
                str(field.label),
                str(field.help_text),
                field.required,
                repr(field.initial),
                tuple((repr(value), str(label)) for value, label in getattr(field, "choices", ())),
            )
            for name, field in form.fields.items()
        ),
    )
    html = _BLANK_HTML.get(key)
    if html is None:
        html = render_to_string("includes/form.html", {"form": form})
        if len(_BLANK_HTML) >= _BLANK_LIMIT:
            _BLANK_HTML.clear()
        _BLANK_HTML[key] = html
    return html

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from orbis.projects.forms import AGES
from orbis.vocabulary import SustainableDevelopmentGoal
from orbis.web.forms import OneLineTextField, PlainTextField

from .models import Showcase
from .services import MAX_ITEMS

MAX_ORDER = 999


class ShowcaseForm(forms.ModelForm):
    """What the owner writes; the final product may also be a file (stored by orbis/uploads)."""

    intro = PlainTextField(
        label=_("Introduction"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences for visitors: who took part and what they explored."),
    )
    final_product_text = PlainTextField(
        label=_("What the classes made"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    final_product_url = forms.URLField(
        label=_("Link to the final product (https://…)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    final_product_file = forms.FileField(
        label=_("Final product as a file"),
        required=False,
        help_text=_("A picture, PDF, audio, video or document. It replaces the current file."),
    )
    final_product_consent = forms.BooleanField(
        label=_(
            "This file shows no student's face or name, or their families agreed to its "
            "publication."
        ),
        required=False,
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    class Meta:
        model = Showcase
        fields = ["intro", "final_product_text", "final_product_url", "show_reflections"]

    def clean_final_product_url(self):
        url = (self.cleaned_data.get("final_product_url") or "").strip()
        if url and not url.lower().startswith("https://"):
            raise forms.ValidationError(
                _("Use a secure link that starts with https://."), code="https"
            )
        return url

    def clean(self):
        data = super().clean()
        if data.get("final_product_file") and not data.get("final_product_consent"):
            self.add_error(
                "final_product_consent",
                forms.ValidationError(
                    _("Confirm that the file may be shown publicly before uploading it."),
                    code="consent",
                ),
            )
        if data.get("final_product_file") and data.get("remove_file"):
            self.add_error(
                "remove_file",
                forms.ValidationError(
                    _("Either upload a new file or remove the current one, not both."),
                    code="both",
                ),
            )
        return data


class GalleryFilterForm(forms.Form):
    """The gallery's filters (GET: every value comes from the query string)."""

    sdg = forms.TypedChoiceField(
        label=_("SDG"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *SustainableDevelopmentGoal.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    age = forms.TypedChoiceField(
        label=_("Student age"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any")), *AGES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]


def _int(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 2**31 else None


class ItemsError(Exception):
    """The choice of posts can't be read; the message says why."""


_CAPTION = OneLineTextField(max_length=200, required=False)
NOT_CHOOSABLE = _("Only approved posts of this project's board can be shown. Nothing was changed.")


def parse_items(data) -> tuple[list[int], dict[int, int], dict[int, str]]:
    """The owner's choice of posts: checkboxes `posts`, and per post `order_<id>` and
    `caption_<id>`. Read by hand because the fields depend on the posts on the page."""
    raw_ids = data.getlist("posts")
    if len(raw_ids) > MAX_ITEMS:
        raise ItemsError(_("Choose at most %(count)d posts.") % {"count": MAX_ITEMS})
    post_ids, orders, captions = [], {}, {}
    for raw in raw_ids:
        post_id = _int(raw)
        if post_id is None:
            raise ItemsError(NOT_CHOOSABLE)
        post_ids.append(post_id)
    for post_id in post_ids:
        order = data.get(f"order_{post_id}", "")
        if order.strip():
            number = _int(order)
            if number is None or number > MAX_ORDER:
                raise ItemsError(
                    _("The order is a whole number from 0 to %(max)d.") % {"max": MAX_ORDER}
                )
            orders[post_id] = number
        caption = data.get(f"caption_{post_id}")
        if caption is not None:
            try:
                captions[post_id] = _CAPTION.clean(caption)
            except forms.ValidationError as error:
                raise ItemsError(
                    _("Caption: %(error)s") % {"error": " ".join(error.messages)}
                ) from error
    return post_ids, orders, captions


def consent_choices(data) -> dict[int, tuple[bool, bool]] | None:
    """{item id: (show_names, show_faces)} from the consent form, None when an id is not a
    number (a tampered form)."""
    choices = {}
    for raw in data.getlist("items")[: MAX_ITEMS + 1]:
        item_id = _int(raw)
        if item_id is None:
            return None
        choices[item_id] = (
            data.get(f"names_{item_id}") == "on",
            data.get(f"faces_{item_id}") == "on",
        )
    return choices

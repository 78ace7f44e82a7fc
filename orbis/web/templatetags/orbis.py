"""`{% load orbis %}`: the tags and filters templates of every app use: `duration`, `day` (the
`date` filter, remembered for plain dates), `static_fragment` and `error_summary`."""

import datetime
import functools

from django import forms, template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(minutes: int) -> str:
    """Minutes as people say them: "3 h 20 min", "45 min", "2 h"."""
    hours, rest = divmod(int(minutes or 0), 60)
    if hours and rest:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": rest}


@register.filter(expects_localtime=True, is_safe=False)
def day(value, arg=None):
    """The `date` filter, remembered for plain dates: a plan writes the same few days dozens
    of times per page, and each costs a walk through Django's format modules and translated
    day and month names. The result depends only on the date, the format and the language."""
    if type(value) is not datetime.date:  # datetimes (and anything else): the date filter
        return date_filter(value, arg)
    return _day(value, arg, get_language())


@functools.lru_cache(maxsize=4096)
def _day(value: datetime.date, arg, language: str) -> str:
    return date_filter(value, arg)


_settings_changes = [0]


@receiver(setting_changed)
def _forget_what_settings_shaped(**kwargs):
    """A test changed settings (formats, URLs, static files): remember nothing from before."""
    _settings_changes[0] += 1
    _day.cache_clear()


@register.tag
def static_fragment(parser, token):
    """{% static_fragment %}…{% endstatic_fragment %}: see StaticFragmentNode."""
    nodelist = parser.parse(("endstatic_fragment",))
    parser.delete_first_token()
    return StaticFragmentNode(nodelist)


class StaticFragmentNode(template.Node):
    """Markup that is the same on every request in one language (the site's links and their
    labels): rendered once per language and process, then reused, instead of reversing and
    translating it again on every page. It renders WITHOUT the page's context, so it can
    never carry one person's data to another: a variable inside it renders empty."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}
        self.settings = _settings_changes[0]

    def render(self, context):
        if self.settings != _settings_changes[0]:  # a test changed the URLs or static files
            self.rendered, self.settings = {}, _settings_changes[0]
        key = (get_language(), get_script_prefix())
        html = self.rendered.get(key)
        if html is None:
            html = self.nodelist.render(context.new())  # an empty context
            self.rendered[key] = html
        return html


@register.simple_tag
def error_summary(*forms_shown):
    """{% error_summary form [other_form …] %}, first thing in a <form>: when any of the forms
    has errors, includes/error_summary.html ("There are N problems", a link to each wrong
    field's first input with its label and first error, and the forms' own errors), focused as
    the page loads; else nothing. A long form's errors are then never found far below."""
    problems = []
    for form in forms_shown:
        if not isinstance(form, forms.BaseForm) or not form.is_bound or not form.errors:
            continue
        visible = form.visible_fields()
        first = _anchor(visible[0]) if visible else ""
        problems += [{"anchor": first, "label": "", "error": e} for e in form.non_field_errors()]
        for bound in form:
            if bound.errors:
                anchor = "" if bound.is_hidden else _anchor(bound)
                problems.append({"anchor": anchor, "label": bound.label, "error": bound.errors[0]})
    if not problems:
        return ""
    return render_to_string("includes/error_summary.html", {"problems": problems})


def _anchor(bound) -> str:
    """The id of a field's first input: its label's target, or for a group of checkboxes or
    radio buttons and for a field of several inputs (whose labels target none) the first's."""
    widget = bound.field.widget
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
        first = next(iter(bound.subwidgets), None)
        if first is not None and first.data["attrs"].get("id"):
            return first.data["attrs"]["id"]
    id_ = widget.attrs.get("id") or bound.auto_id
    if isinstance(widget, forms.MultiWidget):
        return f"{id_}_0" if id_ else ""
    return bound.id_for_label or id_ or ""

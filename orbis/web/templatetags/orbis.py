"""`{% load orbis %}`: the tags and filters templates of every app use: `duration`, `day` (the
`date` filter, remembered for plain dates) and `static_fragment`."""

import datetime
import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date as date_filter
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

"""The shared template tags that save work on every page: `day` and `static_fragment`."""

import datetime

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.test import override_settings
from django.utils import timezone, translation

from orbis.web.templatetags.orbis import StaticFragmentNode, _day, day

DAYS = [datetime.date(2026, 12, 20), datetime.date(2027, 1, 4), datetime.date(2027, 2, 28)]
FORMATS = ["D j M", "D j M Y", "j M", "M Y", "DATE_FORMAT", "SHORT_DATE_FORMAT", None]


@pytest.mark.parametrize("language", ["en", "es", "fr", "ar", "uk"])
def test_day_writes_what_the_date_filter_writes_in_every_language(language):
    with translation.override(language):
        for value in DAYS:
            for fmt in FORMATS:
                assert day(value, fmt) == date_filter(value, fmt)
                assert day(value, fmt) == date_filter(value, fmt)  # the remembered one too


def test_day_remembers_per_language():
    value = DAYS[0]
    with translation.override("en"):
        english = day(value, "D j M")
    with translation.override("es"):
        spanish = day(value, "D j M")
    assert english != spanish
    with translation.override("en"):
        assert day(value, "D j M") == english


def test_day_leaves_datetimes_to_the_date_filter_in_the_readers_zone():
    moment = datetime.datetime(2027, 1, 4, 23, 30, tzinfo=datetime.UTC)
    page = Template("{% load orbis %}{{ moment|day:'D j M H:i' }}|{{ moment|date:'D j M H:i' }}")
    with timezone.override("Asia/Kolkata"):
        mine, django = page.render(Context({"moment": moment})).split("|")
    assert mine == django == "Tue 5 Jan 05:00"


FRAGMENT = Template(
    "{% load i18n orbis %}{% static_fragment %}<a href=\"{% url 'dashboard' %}\">"
    '{% translate "Dashboard" %}</a>{{ secret }}{% endstatic_fragment %}'
)


def test_a_static_fragment_is_rendered_once_per_language_without_the_pages_context():
    with translation.override("en"):
        first = FRAGMENT.render(Context({"secret": "Gisel's data"}))
        again = FRAGMENT.render(Context({"secret": "Jhansi's data"}))
    with translation.override("es"):
        spanish = FRAGMENT.render(Context({}))
    assert first == again == '<a href="/dashboard/">Dashboard</a>'
    assert "data" not in first + again  # it never sees the request's variables
    assert spanish.startswith('<a href="/dashboard/">') and spanish != first


def test_a_static_fragment_is_forgotten_when_settings_change():
    node = next(n for n in FRAGMENT.nodelist if isinstance(n, StaticFragmentNode))
    with translation.override("en"):
        FRAGMENT.render(Context({}))
        node.rendered = dict.fromkeys(node.rendered, "remembered")
        assert FRAGMENT.render(Context({})) == "remembered"
        with override_settings(STATIC_URL="/elsewhere/"):
            assert FRAGMENT.render(Context({})) == '<a href="/dashboard/">Dashboard</a>'


def test_day_forgets_when_settings_change():
    with translation.override("en"):
        day(DAYS[0], "j M")
    assert _day.cache_info().currsize
    with override_settings(DATE_FORMAT="Y"):
        assert _day.cache_info().currsize == 0

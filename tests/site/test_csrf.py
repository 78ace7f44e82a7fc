"""CSRF on every URL: no view is csrf_exempt; a request without a token is refused before any
view runs."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

# ---- CSRF on every URL -------------------------------------------------------------------------

# Values for URL arguments: a 403 for a missing CSRF token comes before the view, so the objects
# need not exist. The first candidate the converter accepts is used.
CANDIDATES = ["post", "abcdefghijkl", "execution", "activity", "how-a-collaboration-runs", "x"]


def _all_patterns(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _all_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry, prefix


def _value_for(converter) -> str:
    if isinstance(converter, IntConverter):
        return "987654"
    for value in CANDIDATES:
        if re.fullmatch(converter.regex, value):
            return value
    raise AssertionError(f"no sample value for {converter!r}")


def orbis_urls() -> list[str]:
    """One URL per pattern whose view is ours, with made-up arguments, plus the allauth and
    Django views a teacher posts to."""
    urls = set()
    for pattern, prefix in _all_patterns(get_resolver().url_patterns):
        if not pattern.callback.__module__.startswith("orbis."):
            continue
        route = prefix + str(pattern.pattern)
        converters = {**getattr(pattern.pattern, "converters", {})}
        url = "/" + re.sub(
            r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>",
            lambda m, converters=converters: _value_for(converters[m.group("name")]),
            route,
        )
        urls.add(url.replace("^", "").replace("$", ""))
    return sorted(urls)


EXTERNAL = ["account_login", "account_logout", "account_signup", "set_language"]


def test_the_walk_covers_the_project(db):
    urls = orbis_urls()
    assert len(urls) > 80
    assert any(url.startswith("/board/") for url in urls)
    assert any(url.startswith("/students/") or "/join" in url for url in urls)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_state_changing_request_needs_a_csrf_token(teacher, method):
    """No view is csrf_exempt: a request without a token is refused before any view runs."""
    teacher_browser = Client(enforce_csrf_checks=True)
    teacher_browser.force_login(teacher)
    urls = orbis_urls() + [reverse(name) for name in EXTERNAL]
    failures = []
    for url in urls:
        response = getattr(teacher_browser, method)(url)
        if response.status_code != 403:
            failures.append((url, response.status_code))
    assert failures == []


def test_csrf_failure_happens_before_the_view(teacher, classroom):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    name_before = classroom.name
    response = browser.post(reverse("classroom_edit", args=[classroom.pk]), {"name": "Hijacked"})
    assert response.status_code == 403
    classroom.refresh_from_db()
    assert classroom.name == name_before

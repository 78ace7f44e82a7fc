"""Hostile values in the path of every project-space URL: a 404, never a server error.

PostgreSQL refuses a NUL character in a query, so a token with one must never reach the
database: tokens are matched as slugs (what `secrets.token_urlsafe` makes) by the URLconf.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

HOSTILE_TOKENS = ["%00", "a%00b", "%27%20OR%201%3D1%20--", "x" * 300, "%C0%AF", "..%2F..%2Fetc"]


def token_routes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and "token>" in str(pattern.pattern):
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns)))


def concrete(route: str, token: str) -> str:
    path = route
    for name in ("token", "feed_token"):
        path = path.replace(f"<slug:{name}>", token)
    for converter, value in (("int", "1"), ("slug", "execution"), ("item", "post")):
        while f"<{converter}:" in path:
            start = path.index(f"<{converter}:")
            path = path[:start] + value + path[path.index(">", start) + 1 :]
    return "/" + path


@pytest.mark.django_db
@pytest.mark.parametrize("route", token_routes())
def test_hostile_tokens_are_not_found(route, teacher_client):
    assert "<str:" not in route
    for token in HOSTILE_TOKENS:
        url = concrete(route, token)
        # 405: a POST-only URL refuses GET before it looks anything up.
        assert teacher_client.get(url).status_code in (404, 405), url
        assert teacher_client.post(url).status_code in (404, 405), url

"""The URLs of Orbis in the rich world of tests/site/world.py: every named pattern, the
arguments each takes for the world's objects, and asking one without changing the world.

`kwargs_for(name, params, world, side)` builds a URL's arguments from the pattern's parameter
names: side "own" takes Gisel's objects, "outsider" the outsider's, "missing" ids nobody has.
A parameter it doesn't know raises UnknownParameter: the test lists it for the lead to add.
"""

import copy
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.site.world import World

# URL arguments that name no object: the same value on every side.
FIXED = {
    "kind": "activity",  # project_item_*: the plan's item kinds
    "phase": "execution",
    "step": "class",
}
FIXED_BY_NAME = {
    ("learn:guide", "slug"): "how-a-collaboration-runs",
}


class UnknownParameter(LookupError):
    """A URL parameter the world has no value for."""


# ---- URL patterns and their arguments -------------------------------------------------------

# The three allauth pages an anonymous visitor needs; the rest of allauth is its own business.
ALLAUTH_PUBLIC = {"account_login", "account_signup", "account_reset_password"}


@dataclass(frozen=True)
class Route:
    name: str  # as reverse takes it ("learn:guide")
    params: tuple[str, ...]
    pattern: URLPattern


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern, namespace


def project_routes() -> list[Route]:
    """Every named pattern of Orbis (not admin, not Django's, not allauth's except its three
    public pages), with its parameter names as its converters and regex groups declare them."""
    routes = {}
    for pattern, namespace in _walk(get_resolver().url_patterns):
        module = pattern.callback.__module__
        if namespace == "admin":
            continue
        if not module.startswith("orbis.") and pattern.name not in ALLAUTH_PUBLIC:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        params = tuple(pattern.pattern.converters) or tuple(pattern.pattern.regex.groupindex)
        routes.setdefault(name, Route(name, params, pattern))
    return sorted(routes.values(), key=lambda route: route.name)


def _value_key(name: str, param: str) -> str | None:
    """Which of the world's objects a URL parameter names, for this URL."""
    plain = name.split(":")[-1]
    if param == "token":
        return "done_token" if plain.startswith("showcase_") else "token"
    if param == "post_id":
        return "post"
    if param == "item_id":
        if plain.startswith("project_"):
            return "activity"
        return {
            "board_approve": "pending_post",
            "board_reject": "pending_post",
            "board_flag": "teacher_post",
            "board_flag_decide": "flagged_post",
        }.get(plain)
    if param == "attachment_id":
        return "showcase_attachment" if plain.startswith("showcase_") else "attachment"
    if param == "slug":
        if plain.startswith("showcase_"):
            return "showcase_slug"
        if plain.startswith("challenge_"):
            return "challenge_slug"
        return None
    if param == "classroom_id" and plain == "partner_classroom":
        return "partner_classroom"
    if param == "join_id" and plain == "project_join_withdraw":
        return "sent_join"
    if param == "entry_id" and plain == "challenge_entry_moderate":
        return "pending_entry"
    if param.endswith("_id"):
        return param[: -len("_id")]
    if param in ("feed_token", "ref"):
        return param
    return None


def kwargs_for(name: str, params, world: World, side: str = "own") -> dict:
    """The arguments of URL `name` (parameters `params`) for the world's objects of `side`."""
    kwargs = {}
    for param in params:
        if (name, param) in FIXED_BY_NAME:
            kwargs[param] = FIXED_BY_NAME[(name, param)]
            continue
        if param == "kind" and name.startswith(("board_", "moderation_")):
            kwargs[param] = "post"  # the item and target converters: posts (others alike)
            continue
        if param in FIXED:
            kwargs[param] = FIXED[param]
            continue
        key = _value_key(name, param)
        values = world.ids[side]
        if key is None or key not in values:
            raise UnknownParameter(f"{name}: <{param}>")
        kwargs[param] = values[key]
    return kwargs


def buildable(world: World) -> tuple[list[tuple[Route, str]], list[str]]:
    """(route, URL of Gisel's objects) for every route the world can fill, and the names of
    those it can't."""
    built, unknown = [], []
    for route in project_routes():
        try:
            kwargs = kwargs_for(route.name, route.params, world)
        except UnknownParameter as error:
            unknown.append(str(error))
        else:
            built.append((route, reverse(route.name, kwargs=kwargs)))
    return built, unknown


# Parameters that name a private object of somebody (not a public showcase, challenge, guide).
PRIVATE_PARAMS = {
    "ref",
    "report_id",
    "token",
    "post_id",
    "item_id",
    "attachment_id",
    "session_id",
    "prompt_id",
    "response_id",
    "entry_id",
    "notification_id",
    "classroom_id",
    "student_id",
    "term_id",
    "request_id",
    "suggestion_id",
    "join_id",
    "membership_id",
}


# ---- asking without changing the world ------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    status: int  # 500 when the view raised
    location: str
    body: bytes
    error: str = ""  # the exception a view raised, for the failure message

    @property
    def to_login(self) -> bool:
        return self.status == 302 and self.location.startswith(reverse("account_login"))


def ask(client: Client, method: str, url: str, data=None, **extra) -> Answer:
    """One request whose writes are rolled back (and whose cookie changes are forgotten), so
    that every role meets the same world. A view's exception is an answer of 500."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            try:
                response = getattr(client, method.lower())(url, data or {}, **extra)
            finally:
                transaction.set_rollback(True)
    except Exception as error:  # any exception is the server error we look for
        return Answer(500, "", b"", f"{type(error).__name__}: {error}"[:300])
    finally:
        client.cookies = cookies
    if getattr(response, "streaming", False):
        # Reading it to the end closes it the way the test client wants: closing it again
        # would close the database connection (request_finished) in the middle of the test.
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    return Answer(response.status_code, response.get("Location", ""), body)

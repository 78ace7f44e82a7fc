"""Random and hostile values posted to every form of Orbis by the user allowed to use it.

The forms are discovered, not listed: every page of the world (tests/site/world.py) is opened as
Gisel (owner), Puma (member student), the staff, Jhansi (partner) and an anonymous visitor, and
each <form> found is kept with its fields (and the htmx ones with their hx-post). URLs that
take a POST but show no form anywhere get the same treatment with made-up field names. Then
Hypothesis posts dictionaries mixing the form's own values with very long strings, NUL and
control characters, RTL overrides, emoji, SQL/HTML/template fragments, numbers out of range,
lists and files, with fields left out, with and without the HX-Request header.

What must hold, for every request:
- never a server error (5xx, or an exception out of the view);
- nothing half-saved. A request either succeeds or is refused, and a refused one leaves every
  table with exactly as many rows as before. Refused means: any 4xx, a GET (a search), a 200
  that is not htmx (Orbis answers a successful POST with a redirect, so a 200 re-renders the
  form with its errors), or an htmx 200 showing errors (Django's "errorlist", Orbis's
  class="errors"). Everything else is a success, which may write what it wants. Each request
  runs in a savepoint rolled back afterwards: every example meets the same world.
"""

import copy
import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from tests.samples import png
from tests.site.world import build_world
from tests.site.world_urls import ask, buildable

EXAMPLES = int(os.environ.get("ORBIS_FUZZ_EXAMPLES", "6"))
ROLES = ("owner", "member_student", "staff", "partner", "anonymous")
HX = {"HTTP_HX_REQUEST": "true"}

HOSTILE_TEXT = [
    "x" * 10_000,
    "a\x00b",
    "\x01\x02\x1b[31mred\x7f\x9b",
    "\u202eevil\u200b\ufeff",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE accounts_user; --",
    "1 OR 1=1",
    "{{ 7|add:7 }}{% debug %} %(name)s %s {0}",
    "99999999999999999999999999",
    "-1",
    "0",
    "1e309",
    "NaN",
    "2026-02-30",
    "9999-12-31T25:61",
    "ñandú ÁNGELA 🙂👩🏽‍🏫",
    "   ",
    "",
]
# Rows that change on any visit or refusal by design: sessions, login throttling.
BOOKKEEPING = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


# ---- the forms of the pages --------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    htmx: bool
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> values seen
    files: set[str] = field(default_factory=set)


class FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            hx = a.get("hx-post") or a.get("hx-get")
            action = a.get("action") or hx or self.page_url
            method = "post" if a.get("hx-post") else (a.get("method") or "get").lower()
            self.form = Form(action=action, method=method, htmx=bool(hx))
            self.forms.append(self.form)
            return
        if tag == "option" and self.form is not None and self.select:
            if a.get("value") is not None:
                self.form.fields[self.select].append(a["value"])
            return
        if self.form is None or not a.get("name"):
            return
        name = a["name"]
        if name == "csrfmiddlewaretoken":
            return
        values = self.form.fields.setdefault(name, [])
        if tag == "input":
            kind = a.get("type", "text")
            if kind == "file":
                self.form.files.add(name)
            elif kind in ("checkbox", "radio"):
                values.append(a.get("value", "on"))
            elif a.get("value") is not None:
                values.append(a["value"])
        elif tag == "button" and a.get("value") is not None:
            values.append(a["value"])
        elif tag == "textarea":
            self.textarea = name
        elif tag == "select":
            self.select = name

    def handle_data(self, data):
        if self.form is not None and self.textarea and data.strip():
            self.form.fields[self.textarea].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def forms_on(body: bytes, page_url: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(body.decode(errors="replace"))
    return parser.forms


def route_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


# ---- rows -------------------------------------------------------------------------------------


def counting_query() -> tuple[str, list[str]]:
    """One query counting the rows of every table a form could write."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in BOOKKEEPING and m._meta.managed and not m._meta.proxy
    ]
    quote = connection.ops.quote_name
    parts = [f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models]
    return "SELECT " + ", ".join(parts), [m._meta.label for m in models]


def row_counts(query: str, labels: list[str]) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(query)
        return dict(zip(labels, cursor.fetchone(), strict=True))


# ---- payloads ----------------------------------------------------------------------------------


def upload(kind: str):
    if kind == "picture":
        return SimpleUploadedFile("drawing.png", png(), content_type="image/png")
    if kind == "fake":
        return SimpleUploadedFile("cat.png", b"<html><script>alert(1)</script>", "image/png")
    if kind == "empty":
        return SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf")
    return SimpleUploadedFile("x" * 300 + ".exe", b"MZ\x90\x00", "application/octet-stream")


def value_strategy(seen: list[str]):
    plain = st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40)
    if seen:
        plain = st.sampled_from(seen) | st.sampled_from(seen) | plain
    numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)
    return plain | numbers | st.lists(plain, min_size=1, max_size=3)


def payload_strategy(form: Form):
    optional = {name: value_strategy(seen) for name, seen in form.fields.items()}
    for name in form.files:
        kinds = st.sampled_from(["picture", "fake", "empty", "named"])
        optional[name] = kinds.map(upload) | st.sampled_from(HOSTILE_TEXT)
    extra = st.dictionaries(st.sampled_from(["id", "pk", "project", "status", "__proto__"]),
                            st.sampled_from(HOSTILE_TEXT), max_size=2)  # fmt: skip
    return st.tuples(st.fixed_dictionaries({}, optional=optional), extra).map(
        lambda parts: parts[1] | parts[0]
    )


def valid_payload(form: Form) -> dict:
    """The form as the page shows it: its first values (what a person submitting it sends)."""
    data = {name: seen[0] for name, seen in form.fields.items() if seen}
    data |= {name: upload("picture") for name in form.files}
    return data


# ---- the fuzzing -------------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    role: str
    form: Form


def discover(world) -> tuple[dict[str, Target], list[str]]:
    """The forms of every page, keyed by the URL name they submit to and their fields; and the
    URL names that take a POST (from some role) but that no page shows a form for."""
    routes, _unknown = buildable(world)  # test_role_matrix.py names the unknown ones
    known = {route.name for route, _url in routes}
    # "<url name> <its fields>" -> the form and who submits it
    targets: dict[str, Target] = {}
    for role in ROLES:
        client = world.client(role)
        for _route, url in routes:
            response = client.get(url)
            if response.streaming:  # a file: read to the end, which closes it
                b"".join(response.streaming_content)
                continue
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response.content, url):
                name = route_name(form.action)
                # A URL may take different forms from different roles (a student's answer,
                # her teacher's class answer): each set of fields is a target.
                key = f"{name} {sorted(form.fields)}"
                if name in known and key not in targets:
                    targets[key] = Target(name, role, form)
    # The others: the first role whose empty POST is taken (not 405, 404, 403, nor sent to log
    # in). Pages of staff (GET only) refuse everyone's POST: they aren't form targets.
    clients = {role: world.client(role) for role in ROLES}
    formless = []
    found = {target.name for target in targets.values()}
    for route, url in routes:
        if route.name in found:
            continue
        for role in ROLES:
            with transaction.atomic():
                response = clients[role].post(url)
                transaction.set_rollback(True)
            login = response.get("Location", "").startswith(reverse("account_login"))
            if response.status_code in (200, 302) and not login:
                formless.append(route.name)
                targets[route.name] = Target(route.name, role, Form(url, "post", False))
                break
    return targets, formless


@pytest.mark.django_db
def test_every_form_takes_hostile_values_without_error_or_half_save():
    world = build_world()
    targets, formless = discover(world)
    query, labels = counting_query()
    clients = {role: world.client(role) for role in ROLES}
    problems: list[str] = []

    def check(target: Target, data: dict, hx: bool) -> None:
        client, form = clients[target.role], target.form
        cookies = copy.deepcopy(client.cookies)
        headers = HX if hx else {}
        try:
            with transaction.atomic():
                before = row_counts(query, labels)
                try:
                    response = getattr(client, form.method)(form.action, data, **headers)
                    after = row_counts(query, labels)
                finally:
                    transaction.set_rollback(True)
        except Exception as error:  # the server error we look for
            shown = {k: (v[:30] if isinstance(v, str) else v) for k, v in data.items()}
            raise AssertionError(
                f"{type(error).__name__}: {str(error)[:200]} for {shown} (htmx: {hx})"
            ) from error
        finally:
            client.cookies = cookies
        status = response.status_code
        shown = {k: (v[:30] + "…" if isinstance(v, str) and len(v) > 30 else v)
                 for k, v in data.items()}  # fmt: skip
        assert status < 500, f"answered {status} to {shown} (htmx: {hx})"
        streaming = getattr(response, "streaming", False)
        body = b"".join(response.streaming_content) if streaming else response.content
        refused = (
            400 <= status < 500
            or form.method == "get"
            or (status == 200 and not hx)
            or (status == 200 and (b"errorlist" in body or b'class="errors"' in body))
        )
        if refused:
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"refused ({status}) {shown} but rows changed: {changed}"

    def fuzzer(target: Target):
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            phases=(Phase.explicit, Phase.generate),  # no shrinking: the first failure is shown
            suppress_health_check=list(HealthCheck),
        )
        @given(data=payload_strategy(target.form), hx=st.booleans())
        @example(data=valid_payload(target.form), hx=False)
        @example(data={}, hx=True)
        def fuzz(data, hx):
            check(target, data, hx)

        return fuzz

    for key in sorted(targets):
        target = targets[key]
        fuzz = fuzzer(target)
        try:
            fuzz()
        except AssertionError as error:
            problems.append(f"{target.name} (as {target.role}, {target.form.action}): {error}")
    print("POST URLs without a form on any page (fuzzed with made-up fields):", formless)
    print("forms fuzzed:", len(targets))
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["board_react", "board_approve", "board_flag_decide"])
def test_a_next_that_is_not_a_path_of_the_site_goes_back_to_the_board(name):
    """The board's actions come back to `next`; a word ("board" is a URL name, which redirect()
    would try to reverse), a full URL elsewhere or garbage take the default page instead."""
    world = build_world()
    routes = {route.name: url for route, url in buildable(world)[0]}
    owner = world.client("owner")
    for target in ["board", "Öï", "https://evil.example/", "//evil.example/", "javascript:x"]:
        answer = ask(owner, "post", routes[name], {"next": target, "kind": "heart"})
        assert answer.status == 302, (target, answer)
        assert answer.location.startswith("/board/"), (target, answer.location)

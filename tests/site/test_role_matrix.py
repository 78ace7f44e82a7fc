"""Every URL of Orbis, asked by every role, with GET and with an empty POST.

This walks the whole URLconf (tests/site/routes.py and the apps' own matrices say precisely what
each role may do on each page; this test makes sure nothing escapes them): no answer is ever a
server error; an anonymous visitor is sent to log in (or gets 404) everywhere but the public
pages; a teacher outside Gisel's projects gets 404 for every URL naming one of Gisel's objects,
with the very same page as for an id nobody has; Gisel herself gets 404 when one of the
outsider's ids is put in her own URLs; public pages answer everyone; staff pages only staff.

URLs are discovered, not listed: a new URL whose parameters tests/site/world_urls.py can't fill
from tests/site/world.py makes test_every_url_can_be_built fail with its name, for the lead to add
it there.
"""

import re

import pytest
from django.urls import reverse

from tests.site.world import ROLES, build_world
from tests.site.world_urls import (
    PRIVATE_PARAMS,
    Answer,
    UnknownParameter,
    ask,
    buildable,
    kwargs_for,
    project_routes,
)

# Pages anyone may see, signed in or not (a signed-in visitor may be sent on to her space).
PUBLIC_NAMES = {
    "home",
    "ops_health",
    "conduct",
    "accessibility",
    "student_join",
    "learn:index",
    "learn:guide",
    "showcase_gallery",
    "showcase_public",
    "showcase_file",
    "showcase_product",
    "challenge_list",
    "challenge_detail",
    "challenge_media",
    "challenge_thumbnail",
    "privacy_notice",
    "live_calendar_feed",  # the secret feed link is the permission: calendar apps can't log in
    "account_login",
    "account_signup",
    "account_reset_password",
}
# Staff only: other teachers get 404 (403 accepted), visitors and students are sent to log in.
STAFF_NAMES = {
    "ops_status",
    "challenge_staff_list",
    "challenge_create",
    "challenge_edit",
    "moderation_queue",
    "moderation_audit",
    "moderation_report_detail",
    "moderation_decide",
    "school_verification",
    "school_verify",
}
# Public pages that send a signed-in teacher to her dashboard, a student to her space.
SENDS_SIGNED_IN_ON = {"home", "student_join", "account_login", "account_signup"}
# Actions open to anyone, harmless without a session (leaving the student space, sending the
# confirmation link of the sign-up waiting in the session again).
OPEN_ACTIONS = {"student_leave", "account_resend_confirmation"}
# URLs whose object any teacher may reach: a project holding its link once it isn't a draft
# (its page, calendar, asking to join; role and leave answer with a message on that page), a
# classroom looking for partners, a school to join.
LINK_OPEN = {
    "project_detail",
    "project_ics",
    "project_join",
    "project_member_role",
    "project_member_leave",
    "partner_classroom",
    "school_join",
}
# The project's link stays what it is when the other ids of those URLs are made up.
KEEP_TOKEN = {"project_detail", "project_ics", "project_join", "project_member_role",
              "project_member_leave"}  # fmt: skip
METHODS = ("GET", "POST")
AUTHORISED = ("owner", "co_editor", "partner", "member_student", "staff", "outsider")
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def world(db):
    return build_world()


def shown(answer: Answer) -> str:
    return answer.error or f"{answer.status} {answer.location}".strip()


def test_every_url_can_be_built(world):
    _built, unknown = buildable(world)
    assert not unknown, (
        "tests/site/world_urls.py can't build these URLs (add the parameter to its _value_key and "
        f"an object to build_world in tests/site/world.py): {unknown}"
    )
    stale = (PUBLIC_NAMES | STAFF_NAMES | LINK_OPEN | OPEN_ACTIONS | SENDS_SIGNED_IN_ON) - {
        route.name for route in project_routes()
    }
    assert not stale, f"Names in the tables of test_role_matrix.py that no URL has: {stale}"


def test_every_role_on_every_url(world):
    built, _unknown = buildable(world)
    clients = {role: world.client(role) for role in ROLES}
    answers = {
        (route.name, role, method): ask(clients[role], method, url)
        for route, url in built
        for role in ROLES
        for method in METHODS
    }
    problems = []

    def expect(ok: bool, name, role, method, rule):
        if not ok:
            answer = answers[name, role, method]
            problems.append(f"{name} {role} {method}: {shown(answer)} ({rule})")

    for route, url in built:
        name = route.name
        private = bool(PRIVATE_PARAMS & set(route.params)) and name not in LINK_OPEN
        accepts = {m for m in METHODS if any(answers[name, r, m].status != 405 for r in ROLES)}
        for role in ROLES:
            for method in METHODS:
                answer = answers[name, role, method]
                expect(answer.status < 500, name, role, method, "never a server error")
                if name in PUBLIC_NAMES or name in OPEN_ACTIONS:
                    continue
                if role == "anonymous":
                    expect(
                        answer.to_login
                        or answer.status in (404, 405)
                        or answer.location == reverse("student_join"),
                        name, role, method, "login, 404 or 405 for a visitor",
                    )  # fmt: skip
                if role == "stranger_student" and private:
                    expect(
                        answer.to_login or answer.status in (404, 405),
                        name, role, method, "another class's objects: 404 for a student",
                    )  # fmt: skip
                if role == "outsider" and private:
                    expect(
                        answer.status in (404, 405),
                        name, role, method, "another teacher's objects: 404",
                    )  # fmt: skip
        if name in PUBLIC_NAMES:
            expect(answers[name, "anonymous", "GET"].status == 200, name, "anonymous", "GET",
                   "a public page")  # fmt: skip
            for role in ROLES:
                answer = answers[name, role, "GET"]
                sent_on = name in SENDS_SIGNED_IN_ON and answer.location in (
                    reverse("dashboard"),
                    reverse("student_space"),
                )
                expect(answer.status == 200 or sent_on,
                       name, role, "GET", "a public page answers everyone")  # fmt: skip
        elif name in STAFF_NAMES:
            expect(answers[name, "staff", "GET"].status in (200, 302, 405), name, "staff", "GET",
                   "a staff page")  # fmt: skip
            for role in ROLES:
                for method in METHODS:
                    answer = answers[name, role, method]
                    if role == "staff":
                        continue
                    expect(answer.to_login or answer.status in (403, 404, 405),
                           name, role, method, "staff only")  # fmt: skip
        elif name not in OPEN_ACTIONS:
            reached = [
                (role, method)
                for role in AUTHORISED
                for method in accepts
                if answers[name, role, method].status in (200, 302)
                and not answers[name, role, method].to_login
            ]
            if not reached:
                problems.append(f"{name}: no teacher or member reaches it ({url})")
    assert not problems, "\n".join(problems)


def test_foreign_ids_answer_like_missing_ids(world):
    """The outsider asks for Gisel's objects and for ids nobody has: the same page, so she
    can't tell which exist. Gisel puts the outsider's ids in her own URLs: 404."""
    outsider, owner = world.client("outsider"), world.client("owner")
    problems = []
    for route in project_routes():
        private = PRIVATE_PARAMS & set(route.params)
        if not private or route.name in PUBLIC_NAMES or route.name in LINK_OPEN - KEEP_TOKEN:
            continue
        try:
            own = kwargs_for(route.name, route.params, world, "own")
            missing = kwargs_for(route.name, route.params, world, "missing")
            theirs = kwargs_for(route.name, route.params, world, "outsider")
        except UnknownParameter:
            continue  # test_every_url_can_be_built names it
        if route.name in KEEP_TOKEN:
            missing["token"] = own["token"]
            if missing == own:
                continue
        for method in METHODS:
            foreign = ask(outsider, method, reverse(route.name, kwargs=own))
            nobody = ask(outsider, method, reverse(route.name, kwargs=missing))
            same = (foreign.status, CSRF.sub(b"", foreign.body)) == (
                nobody.status,
                CSRF.sub(b"", nobody.body),
            )
            if not same:
                problems.append(
                    f"{route.name} {method}: Gisel's ids {shown(foreign)} but missing ids "
                    f"{shown(nobody)} (existence leaked)"
                )
            if route.name in LINK_OPEN:
                continue
            mixed = own | {k: v for k, v in theirs.items() if k != "token"}
            if mixed == own:
                continue
            answer = ask(owner, method, reverse(route.name, kwargs=mixed))
            if answer.status not in (404, 405):
                problems.append(
                    f"{route.name} {method}: Gisel with the outsider's ids got {shown(answer)}"
                )
    assert not problems, "\n".join(problems)

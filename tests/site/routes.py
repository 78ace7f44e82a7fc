"""Who may reach every URL of the project: the table of Orbis's own URLs and their access rules.

ROUTES lists every named pattern Orbis defines itself (except those an app's own matrix walks,
orbis/<app>/tests/test_<app>_permissions.py). A new pattern makes
test_every_project_url_is_known (tests/site/test_permissions.py) fail until it is added here,
with its access rule: the lead must decide, for each new page, who may see it.

The tests that ask every route as each kind of visitor are tests/site/test_permissions.py,
test_anonymous_and_student_access.py, test_teacher_own_objects.py and
test_teacher_foreign_objects.py, in the world of tests/site/route_world.py.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC, TEACHER, STUDENT = "public", "teacher", "student"


@dataclass(frozen=True)
class Route:
    access: str  # PUBLIC, TEACHER (a logged-in teacher) or STUDENT (a joined student)
    methods: frozenset[str]
    owns: str | None = None  # the object kind in the URL that must be the teacher's own


GET, POST, BOTH = frozenset({"GET"}), frozenset({"POST"}), frozenset({"GET", "POST"})

ROUTES: dict[str, Route] = {
    "home": Route(PUBLIC, GET),
    "dashboard": Route(TEACHER, GET),
    "conduct": Route(PUBLIC, GET),
    "accessibility": Route(PUBLIC, GET),
    "profile_edit": Route(TEACHER, BOTH),
    "school_detail": Route(TEACHER, GET),
    "school_create": Route(TEACHER, BOTH),
    "school_edit": Route(TEACHER, BOTH),
    "school_country_fields": Route(TEACHER, GET),
    "school_search": Route(TEACHER, GET),
    "school_join": Route(TEACHER, POST, owns="school"),
    "term_add": Route(TEACHER, POST),
    "term_delete": Route(TEACHER, POST, owns="term"),
    "classroom_list": Route(TEACHER, GET),
    "classroom_create": Route(TEACHER, BOTH),
    "classroom_detail": Route(TEACHER, GET, owns="classroom"),
    "classroom_edit": Route(TEACHER, BOTH, owns="classroom"),
    "classroom_delete": Route(TEACHER, BOTH, owns="classroom"),
    "classroom_students": Route(TEACHER, GET, owns="classroom"),
    "join_code_rotate": Route(TEACHER, POST, owns="classroom"),
    "join_code_disable": Route(TEACHER, POST, owns="classroom"),
    "join_code_custom": Route(TEACHER, POST, owns="classroom"),
    "student_rename": Route(TEACHER, POST, owns="student"),
    "student_reset": Route(TEACHER, POST, owns="student"),
    "student_remove": Route(TEACHER, POST, owns="student"),
    "student_join": Route(PUBLIC, BOTH),
    "student_space": Route(STUDENT, GET),
    "student_leave": Route(PUBLIC, POST),
    # "Send it again" on the check-your-email page: acts only on the sign-up waiting in the session.
    "account_resend_confirmation": Route(PUBLIC, POST),
    # Partners: another teacher's classroom is seen only while it looks for partners (or is
    # linked to one of hers by a request); requests are answered by either side's teacher.
    "partner_search": Route(TEACHER, GET),
    "partner_classroom": Route(TEACHER, BOTH, owns="partner_classroom"),
    "partner_requests": Route(TEACHER, GET),
    "partner_request_accept": Route(TEACHER, POST, owns="request"),
    "partner_request_decline": Route(TEACHER, POST, owns="request"),
    "partner_request_withdraw": Route(TEACHER, POST, owns="request"),
    "partner_suggestions": Route(TEACHER, GET),
    "partner_suggestion_decline": Route(TEACHER, POST, owns="suggestion"),
    "notification_list": Route(TEACHER, GET),
    "notification_open": Route(TEACHER, GET, owns="notification"),
    "notification_read_all": Route(TEACHER, POST),
    # Projects: the listing and the assistant are for every teacher. A project's page, its
    # calendar and joining it are for anyone holding its link once it is open, but a draft is
    # for its members only; editing is for the owner and co-editors (test_plan_editing_pages.py
    # tests these rules). The world's project is a draft: another teacher gets 404 from each.
    "project_list": Route(TEACHER, GET),
    "project_mine": Route(TEACHER, GET),
    "project_new": Route(TEACHER, GET),
    "project_assistant": Route(TEACHER, BOTH),
    "project_assistant_preview": Route(TEACHER, BOTH),
    "project_detail": Route(TEACHER, GET, owns="project"),
    "project_ics": Route(TEACHER, GET, owns="project"),
    "project_join": Route(TEACHER, POST, owns="project"),
    "project_edit": Route(TEACHER, BOTH, owns="project"),
    "project_status": Route(TEACHER, POST, owns="project"),
    "project_dates_shift": Route(TEACHER, POST, owns="project"),
    "project_phase_regenerate": Route(TEACHER, POST, owns="phase"),
    "project_item_add": Route(TEACHER, BOTH, owns="item_kind"),
    "project_item_edit": Route(TEACHER, BOTH, owns="project_item"),
    "project_item_delete": Route(TEACHER, POST, owns="project_item"),
    "project_activity_done": Route(TEACHER, POST, owns="activity"),
    "project_member_role": Route(TEACHER, POST, owns="membership"),
    "project_member_leave": Route(TEACHER, POST, owns="membership"),
    # Requests to join are answered by the project's editors, withdrawn by who sent them.
    "project_join_accept": Route(TEACHER, POST, owns="join"),
    "project_join_decline": Route(TEACHER, POST, owns="join"),
    "project_join_withdraw": Route(TEACHER, POST, owns="sent_join"),
    # Learn: guides for teachers, readable by anyone (also before signing up).
    "learn:index": Route(PUBLIC, GET),
    "learn:guide": Route(PUBLIC, GET),
}

# GET pages that answer their owner with a redirect (a notification goes where it points; the
# assistant starts at its first step, and its preview waits for the steps to be answered).
REDIRECTS = {"notification_open", "project_new", "project_assistant_preview"}

# URL arguments of routes that take one but own no object.
FIXED_KWARGS = {
    "learn:guide": {"slug": "how-a-collaboration-runs"},
    "project_assistant": {"step": "class"},
}

# The allauth pages an anonymous visitor needs; the rest of allauth is its own business.
ALLAUTH_PUBLIC = ["account_login", "account_signup", "account_reset_password"]

# Objects of a project in the URL: its link (token), and a phase, item, membership or request.
PROJECT_KINDS = {
    "project",
    "phase",
    "item_kind",
    "project_item",
    "activity",
    "membership",
    "join",
    "sent_join",
}
TEACHER_ROUTES = sorted(name for name, route in ROUTES.items() if route.access == TEACHER)
# partner_classroom is not here: other teachers' classrooms are what it shows (its visibility
# rules are tested in orbis/partners/tests/test_partner_request_*.py).
OBJECT_ROUTES = sorted(
    name
    for name, route in ROUTES.items()
    if route.owns
    in {
        "classroom",
        "student",
        "term",
        "request",
        "suggestion",
        "notification",
        *PROJECT_KINDS,
    }
)


def _project_patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _project_patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespace


def project_url_names() -> set[str]:
    """Named patterns whose view lives in the orbis package (not admin, allauth or Django),
    as `reverse` takes them: `namespace:name` inside an app with an app_name."""
    return {
        f"{namespace}:{pattern.name}" if namespace else pattern.name
        for pattern, namespace in _project_patterns(get_resolver().url_patterns)
        if pattern.name
        and namespace != "admin"
        and pattern.callback.__module__.startswith("orbis.")
    }


def kwargs_for(name: str, ids: dict[str, int]) -> dict[str, int | str]:
    if name in FIXED_KWARGS:
        return FIXED_KWARGS[name]
    owns = ROUTES[name].owns
    if owns == "classroom":
        return {"classroom_id": ids["classroom"]}
    if owns == "student":
        return {"classroom_id": ids["classroom"], "student_id": ids["student"]}
    if owns == "term":
        return {"term_id": ids["term"]}
    if owns == "school":
        return {"school_id": ids["school"]}
    if owns == "partner_classroom":
        return {"classroom_id": ids["partner_classroom"]}
    if owns in {"request", "suggestion", "notification"}:
        return {f"{owns}_id": ids[owns]}
    if owns == "project":
        return {"token": ids["project"]}
    if owns == "phase":
        return {"token": ids["project"], "phase": "execution"}
    if owns == "item_kind":
        return {"token": ids["project"], "kind": "activity"}
    if owns == "project_item":
        return {"token": ids["project"], "kind": "activity", "item_id": ids["activity"]}
    if owns == "activity":
        return {"token": ids["project"], "item_id": ids["activity"]}
    if owns == "membership":
        return {"token": ids["project"], "membership_id": ids["membership"]}
    if owns in {"join", "sent_join"}:
        return {"join_id": ids[owns]}
    return {}


def url_for(name: str, ids: dict[str, int]) -> str:
    return reverse(name, kwargs=kwargs_for(name, ids))


def request(client: Client, method: str, url: str, data: dict | None = None):
    """The method on the URL; the data goes in the body of a POST only."""
    if method == "POST":
        return client.post(url, data or {})
    return getattr(client, method.lower())(url)


def assert_login_redirect(response, url: str) -> None:
    assert response.status_code == 302, (url, response.status_code)
    location = urlsplit(response["Location"])
    assert location.path == reverse("account_login"), (url, response["Location"])
    assert parse_qs(location.query) == {"next": [url]}, response["Location"]

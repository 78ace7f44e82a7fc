"""Who may reach every URL of the project, and how each URL answers everyone else.

ROUTES lists every named pattern Orbis defines itself. A new pattern makes
test_every_project_url_is_known fail until it is added here, with its access rule: the lead
must decide, for each new page, who may see it.
"""

import importlib
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.projects.models import (
    Activity,
    JoinRequest,
    Membership,
    Milestone,
    Project,
    SuggestedSession,
    new_token,
)
from orbis.schools.models import SchoolTerm
from orbis.students.models import Student
from tests.factories import (
    ClassroomFactory,
    SchoolFactory,
    SchoolTermFactory,
    StudentFactory,
)

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
# rules are tested in test_partner_requests.py).
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


def project_start():
    return timezone.localdate() + timedelta(days=14)


def draft_project(owner, classroom, title="Water in our lives") -> Project:
    """A draft plan of the classroom's teacher with an activity, a milestone and a session."""
    start = project_start()
    project = Project.objects.create(
        owner=owner,
        title=title,
        central_question="Where does our water come from?",
        summary="Two classes measure the water they use.",
        approach="collaborate",
        project_type="joint-investigation",
        sdgs=[6],
        subjects=["science"],
        age_min=10,
        age_max=12,
        languages=["es", "en"],
        start_date=start,
        end_date=start + timedelta(days=27),
        duration_weeks=4,
        live_sessions_planned=1,
        final_product="report",
        exchange_mode="live",
    )
    Membership.objects.create(project=project, classroom=classroom, role=Membership.Role.OWNER)
    day = start + timedelta(days=7)
    Activity.objects.create(
        project=project, phase="execution", kind="exchange", title="Measure", due_date=day
    )
    Milestone.objects.create(project=project, phase="execution", title="Shared", due_date=day)
    SuggestedSession.objects.create(project=project, phase="execution", title="Meet", on_date=day)
    return project


def project_rows() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Project, Membership, JoinRequest, Activity, Milestone, SuggestedSession)
    }


@pytest.fixture
def world(teacher, classroom, student, partner_teacher):
    """Gisel's objects, a term of her school, Jhansi's classroom that asked hers to be
    partners (Gisel is the one to answer), a suggestion and a notification for Gisel.
    Projects: Gisel's draft plan, with Delhi as a partner class and another of Jhansi's
    classrooms asking to join (Gisel answers), and Jhansi's open project that Gisel's
    classroom asked to join (Gisel may withdraw)."""
    term = SchoolTermFactory(school=teacher.school, name="Primer cuatrimestre")
    delhi = ClassroomFactory(teacher=partner_teacher, name="Class of Delhi", languages=["en"])
    partner_request = PartnerRequest.objects.create(
        from_classroom=delhi, to_classroom=classroom, introduction="Namaste from Delhi, friends!"
    )
    suggestion = PartnerSuggestion.objects.create(classroom=classroom, partner=delhi, score=80)
    notification = Notification.objects.create(
        recipient=teacher,
        kind=Notification.Kind.PARTNER_REQUEST,
        params={
            "teacher": "Jhansi",
            "country": "India",
            "classroom": "6th grade B",
            "their_classroom": "Class of Delhi",
        },
        url=reverse("partner_requests"),
    )
    project = draft_project(teacher, classroom)
    partner = Membership.objects.create(project=project, classroom=delhi)
    asking = ClassroomFactory(teacher=partner_teacher, name="7th grade C", languages=["en"])
    join = JoinRequest.objects.create(project=project, classroom=asking, message="Hello!")
    theirs = draft_project(partner_teacher, delhi, title="Festivals of light")
    Project.objects.filter(pk=theirs.pk).update(status=Project.Status.OPEN)
    sent = JoinRequest.objects.create(project=theirs, classroom=classroom, message="Hola!")
    return {
        "classroom": classroom.pk,
        "student": student.pk,
        "term": term.pk,
        "school": teacher.school_id,
        "partner_classroom": delhi.pk,
        "request": partner_request.pk,
        "suggestion": suggestion.pk,
        "notification": notification.pk,
        "project": project.token,
        "activity": project.activities.get().pk,
        "membership": partner.pk,
        "join": join.pk,
        "sent_join": sent.pk,
    }


@pytest.fixture
def missing_ids(world):
    """Ids nobody has, and a project link nobody was given."""
    return {
        kind: new_token() if isinstance(value, str) else value + 10_000
        for kind, value in world.items()
    }


def hostile_payload(name: str, ids: dict[str, int]) -> dict:
    """A POST body that would succeed for the owner: so a 404 really is the permission."""
    if name == "join_code_custom":
        return {"code": "HACKED42"}
    if name == "student_rename":
        return {f"s{ids['student']}-nickname": "Hacked"}
    if name == "classroom_edit":
        return {
            "name": "Hacked",
            "grade_label": "X",
            "age_min": "10",
            "age_max": "11",
            "student_count": "3",
            "subjects": ["arts"],
            "languages": ["en"],
            "exchange_mode": "async",
        }
    if name == "project_edit":
        return {
            "title": "Hacked",
            "central_question": "Hacked?",
            "summary": "Hacked.",
            "approach": "collaborate",
            "project_type": "joint-investigation",
            "final_product": "report",
            "sdgs": ["6"],
            "subjects": ["science"],
            "age_min": "10",
            "age_max": "12",
            "languages": ["en"],
            "start_date": (project_start() + timedelta(days=7)).isoformat(),
            "duration_weeks": "4",
            "exchange_mode": "async",
            "live_sessions_planned": "0",
            "max_partners": "3",
            "visibility": "link",
        }
    if name in {"project_item_add", "project_item_edit"}:
        return {
            "phase": "reflection",
            "kind": "reflection",
            "title": "Hacked",
            "due_date": (project_start() + timedelta(days=3)).isoformat(),
        }
    if name == "project_status":
        return {"status": "archived"}
    if name == "project_member_role":
        return {"role": "co_editor"}
    if name == "project_activity_done":
        return {"done": "1"}
    if name == "project_join":
        return {"classroom": ids["classroom"], "message": "Hacked"}
    return {}


# ---- the list of URLs -------------------------------------------------------------------


def routes_walked_by_apps() -> dict[str, set[str]]:
    """URL names whose access rules an app's own matrix walks (the board, live sessions,
    reflection, showcase, challenges): orbis/<app>/tests/test_<app>_permissions.py lists them in
    ROUTE_NAMES and asks every role (anonymous, student, outsider, member, owner) of each."""
    walked = {}
    root = Path(__file__).resolve().parents[2]
    for path in sorted(root.glob("orbis/*/tests/test_*_permissions.py")):
        module = importlib.import_module(
            ".".join(path.relative_to(path.parents[3]).with_suffix("").parts)
        )
        walked[path.parts[-3]] = set(module.ROUTE_NAMES)
    return walked


def test_every_project_url_is_known():
    """A new URL pattern must be added to ROUTES (or an app's own matrix), with its access
    rule, before it ships."""
    names = project_url_names()
    walked = set().union(*routes_walked_by_apps().values())
    assert not walked & ROUTES.keys(), "A URL is in ROUTES and in an app's matrix"
    known = ROUTES.keys() | walked
    assert names - known == set(), "New URL names: add them to ROUTES or the app's ROUTE_NAMES"
    assert known - names == set(), "URL names gone: remove them from ROUTES or ROUTE_NAMES"


def test_every_known_route_reverses(world):
    for name in ROUTES:
        assert url_for(name, world).startswith("/")
    for name in ALLAUTH_PUBLIC:
        assert reverse(name).startswith("/accounts/")


def test_test_client_host_is_allowed_only_in_tests(client, settings):
    """Development settings allow 127.0.0.1 and localhost; pytest-django adds 'testserver'."""
    from orbis import settings as project_settings

    assert "testserver" in settings.ALLOWED_HOSTS
    assert "testserver" not in project_settings.ALLOWED_HOSTS
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


# ---- anonymous visitors -------------------------------------------------------------------


@pytest.mark.parametrize("name", TEACHER_ROUTES)
def test_anonymous_visitor_is_sent_to_login_from_teacher_pages(client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods | {"GET"}):
        assert_login_redirect(request(client, method, url), url)


def test_anonymous_posts_change_nothing(client, world, classroom, student, row_counts):
    before = row_counts(), project_rows()
    code = classroom.join_code
    for name in TEACHER_ROUTES:
        if "POST" in ROUTES[name].methods:
            client.post(url_for(name, world), hostile_payload(name, world))
    assert (row_counts(), project_rows()) == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert (classroom.join_code, classroom.name, student.nickname) == (code, "6th grade B", "Puma")


@pytest.mark.parametrize("name", ["home", "student_join", "learn:index", *ALLAUTH_PUBLIC])
def test_anonymous_visitor_sees_public_pages(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_anonymous_visitor_is_sent_to_join_from_student_space(client, db):
    response = client.get(reverse("student_space"))
    assert response.status_code == 302
    assert response["Location"] == reverse("student_join")


def test_anonymous_leave_is_harmless(client, db):
    response = client.post(reverse("student_leave"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


# ---- students ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", TEACHER_ROUTES)
def test_student_cannot_reach_teacher_pages(student_client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods):
        assert_login_redirect(
            request(student_client, method, url, hostile_payload(name, world)), url
        )
    # Still signed in as the student, and nothing of the class changed.
    assert student_client.get(reverse("student_space")).status_code == 200
    assert Student.objects.filter(pk=world["student"], nickname="Puma").exists()


def test_student_is_sent_to_their_space_from_home_and_join(student_client):
    for name in ["home", "student_join"]:
        response = student_client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"] == reverse("student_space")


# ---- teachers: their own objects -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(n for n in TEACHER_ROUTES if "GET" in ROUTES[n].methods))
def test_teacher_reaches_every_teacher_page_with_her_own_objects(teacher_client, world, name):
    response = teacher_client.get(url_for(name, world))
    if name in REDIRECTS:
        assert response.status_code == 302
        assert teacher_client.get(response["Location"]).status_code == 200
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(n for n in TEACHER_ROUTES if "GET" in ROUTES[n].methods))
def test_teacher_without_school_reaches_every_teacher_page_without_error(staff, login_client, name):
    """Staff (and a teacher whose school is gone) have no school: pages must still answer."""
    if ROUTES[name].owns:
        classroom = ClassroomFactory(teacher=staff)
        notification = Notification.objects.create(
            recipient=staff, kind=Notification.Kind.SUGGESTIONS, params={}, url="/dashboard/"
        )
        project = draft_project(staff, classroom)
        ids = {
            "classroom": classroom.pk,
            "partner_classroom": ClassroomFactory().pk,
            "notification": notification.pk,
            "project": project.token,
            "activity": project.activities.get().pk,
        }
    else:
        ids = {}
    response = login_client(staff).get(url_for(name, ids))
    assert response.status_code in {200, 302}


def test_teacher_visiting_join_is_sent_to_dashboard(teacher_client):
    response = teacher_client.get(reverse("student_join"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_teacher_visiting_home_is_sent_to_dashboard(teacher_client):
    response = teacher_client.get(reverse("home"))
    assert response["Location"] == reverse("dashboard")


# ---- teachers: somebody else's objects -----------------------------------------------------


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_teacher_gets_404_for_another_teachers_objects(outsider_client, world, name):
    url = url_for(name, world)
    for method in sorted(ROUTES[name].methods):
        response = request(outsider_client, method, url, hostile_payload(name, world))
        assert response.status_code == 404, (method, url)


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_foreign_id_answers_exactly_like_a_missing_id(outsider_client, world, missing_ids, name):
    """No existence leak: someone else's id and an id nobody has get the same answer, for
    every method (404 where the method is taken, 405 where it is not)."""
    for method in ["GET", "POST"]:
        foreign = request(
            outsider_client, method, url_for(name, world), hostile_payload(name, world)
        )
        missing = request(
            outsider_client, method, url_for(name, missing_ids), hostile_payload(name, missing_ids)
        )
        assert (foreign.status_code, foreign.content) == (missing.status_code, missing.content)
        assert foreign.status_code == (404 if method in ROUTES[name].methods else 405)


@pytest.mark.parametrize("name", OBJECT_ROUTES)
def test_owner_gets_404_for_missing_ids(teacher_client, missing_ids, name):
    for method in sorted(ROUTES[name].methods):
        response = request(teacher_client, method, url_for(name, missing_ids))
        assert response.status_code == 404


def test_another_teachers_posts_change_nothing(
    outsider_client, world, classroom, student, row_counts
):
    before = row_counts(), project_rows()
    code, secret, version = classroom.join_code, student.secret, student.session_version
    for name in OBJECT_ROUTES:
        if "POST" in ROUTES[name].methods:
            outsider_client.post(url_for(name, world), hostile_payload(name, world))
    assert (row_counts(), project_rows()) == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert classroom.join_code == code
    assert classroom.name == "6th grade B"
    assert classroom.exchange_mode == "live"
    assert AvailabilityPeriod.objects.filter(classroom=classroom).count() == 1
    assert (student.nickname, student.secret, student.session_version) == ("Puma", secret, version)
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()
    project = Project.objects.get(token=world["project"])
    assert (project.title, project.status, project.visibility) == (
        "Water in our lives",
        Project.Status.DRAFT,
        Project.Visibility.PUBLIC,
    )
    assert project.activities.get().title == "Measure"
    assert Membership.objects.get(pk=world["membership"]).role == Membership.Role.MEMBER
    assert set(JoinRequest.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.parametrize(
    "name",
    [
        "project_edit",
        "project_item_add",
        "project_item_edit",
        "project_status",
        "project_member_role",
    ],
)
def test_project_payloads_succeed_for_the_owner(teacher_client, world, name):
    """So the 404 another teacher gets for the same request really is the permission."""
    response = teacher_client.post(url_for(name, world), hostile_payload(name, world))
    assert response.status_code == 302, response.context and response.context["form"].errors
    project = Project.objects.get(token=world["project"])
    changed = {
        "project_edit": lambda: project.title == "Hacked",
        "project_item_add": lambda: project.activities.filter(title="Hacked").exists(),
        "project_item_edit": lambda: project.activities.get().title == "Hacked",
        "project_status": lambda: project.status == Project.Status.ARCHIVED,
        "project_member_role": lambda: (
            Membership.objects.get(pk=world["membership"]).role == Membership.Role.CO_EDITOR
        ),
    }
    assert changed[name](), name


def test_join_requests_are_answered_by_editors_and_withdrawn_by_the_sender(
    teacher_client, login_client, partner_teacher, world
):
    """Gisel answers the request to her project and withdraws hers; Jhansi can't do either
    in her place (404: the redirect would give away the project's link)."""
    jhansi = login_client(partner_teacher)
    assert jhansi.post(url_for("project_join_accept", world)).status_code == 404
    assert jhansi.post(url_for("project_join_withdraw", world)).status_code == 404
    assert teacher_client.post(url_for("project_join_decline", world)).status_code == 302
    assert teacher_client.post(url_for("project_join_withdraw", world)).status_code == 302
    assert JoinRequest.objects.get(pk=world["join"]).status == JoinRequest.Status.DECLINED
    assert JoinRequest.objects.get(pk=world["sent_join"]).status == JoinRequest.Status.WITHDRAWN


@pytest.mark.parametrize("name", ["student_rename", "student_reset", "student_remove"])
def test_teacher_cannot_reach_a_foreign_student_through_her_own_classroom(
    teacher_client, classroom, partner_teacher, name
):
    """The student id must belong to the classroom in the URL, not just exist."""
    foreign = StudentFactory(classroom=ClassroomFactory(teacher=partner_teacher), nickname="Tigre")
    ids = {"classroom": classroom.pk, "student": foreign.pk}
    response = teacher_client.post(url_for(name, ids), hostile_payload(name, ids))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.nickname == "Tigre"


@pytest.mark.parametrize("name", ["student_rename", "student_reset", "student_remove"])
def test_teacher_cannot_reach_her_own_student_through_a_foreign_classroom(
    outsider_client, outsider, student, name
):
    own_room = ClassroomFactory(teacher=outsider)
    ids = {"classroom": own_room.pk, "student": student.pk}
    assert outsider_client.post(url_for(name, ids), hostile_payload(name, ids)).status_code == 404
    assert Student.objects.filter(pk=student.pk, nickname="Puma").exists()


def test_school_join_of_a_missing_school_is_404(teacher_client, teacher, missing_ids):
    response = teacher_client.post(url_for("school_join", missing_ids))
    assert response.status_code == 404
    teacher.refresh_from_db()
    assert teacher.school.name == "Escuela Rosario"


def test_term_of_another_school_cannot_be_deleted(teacher, outsider_client, world):
    assert outsider_client.post(url_for("term_delete", world)).status_code == 404
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_teacher_without_school_cannot_delete_any_term(staff, login_client, world):
    assert login_client(staff).post(url_for("term_delete", world)).status_code == 404
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_colleague_at_the_same_school_may_delete_its_terms(teacher, login_client, world):
    """Terms belong to the school, not to the teacher who typed them."""
    from tests.factories import TeacherFactory

    colleague = TeacherFactory(school=teacher.school)
    response = login_client(colleague).post(url_for("term_delete", world))
    assert response.status_code == 302
    assert not SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_colleague_at_the_same_school_cannot_reach_her_classrooms(teacher, login_client, world):
    from tests.factories import TeacherFactory

    colleague = TeacherFactory(school=teacher.school)
    colleague_client = login_client(colleague)
    assert colleague_client.get(url_for("classroom_detail", world)).status_code == 404
    assert colleague_client.get(url_for("classroom_students", world)).status_code == 404


def test_classroom_list_shows_only_her_own_classrooms(teacher_client, classroom, partner_teacher):
    ClassroomFactory(teacher=partner_teacher, name="Class of Delhi")
    response = teacher_client.get(reverse("classroom_list"))
    assert "6th grade B" in response.text
    assert "Class of Delhi" not in response.text
    assert list(response.context["classrooms"]) == [classroom]


def test_dashboard_shows_only_her_own_classrooms(teacher_client, classroom, partner_teacher):
    ClassroomFactory(teacher=partner_teacher, name="Class of Delhi")
    response = teacher_client.get(reverse("dashboard"))
    assert [c.pk for c in response.context["classrooms"]] == [classroom.pk]
    assert "Class of Delhi" not in response.text


# ---- methods ----------------------------------------------------------------------------


@pytest.fixture
def as_owner(client, teacher, student, login_client):
    """A client allowed to use the route: Gisel, her student, or an anonymous visitor."""
    from orbis.students.middleware import SESSION_KEY

    def make(access: str) -> Client:
        if access == TEACHER:
            return login_client(teacher)
        if access == STUDENT:
            student_client = Client()
            session = student_client.session
            session[SESSION_KEY] = {"id": student.pk, "version": student.session_version}
            session.save()
            return student_client
        return Client()

    return make


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_url_refuses_the_methods_it_does_not_take(as_owner, world, name):
    route = ROUTES[name]
    owner = as_owner(route.access)
    url = url_for(name, world)
    for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - route.methods):
        response = request(owner, method, url)
        assert response.status_code == 405, (method, url, response.status_code)
    # Nothing was removed by a refused method.
    assert Classroom.objects.filter(pk=world["classroom"]).exists()
    assert Student.objects.filter(pk=world["student"]).exists()
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


@pytest.mark.parametrize("name", sorted(n for n, r in ROUTES.items() if r.methods == POST))
def test_post_only_endpoints_answer_405_to_get(teacher_client, world, name):
    assert teacher_client.get(url_for(name, world)).status_code == 405


def test_school_join_moves_nobody_else(teacher_client, teacher, partner_teacher):
    """Joining a school changes only the teacher who asks."""
    other_school = SchoolFactory(name="Liceo Roma", country="IT", time_zone="Europe/Rome")
    response = teacher_client.post(reverse("school_join", args=[other_school.pk]))
    assert response.status_code == 302
    teacher.refresh_from_db()
    partner_teacher.refresh_from_db()
    assert teacher.school == other_school
    assert partner_teacher.school.name == "Delhi Public School"

"""Who may reach every URL of the project, and how each URL answers everyone else.

ROUTES lists every named pattern Orbis defines itself. A new pattern makes
test_every_project_url_is_known fail until it is added here, with its access rule: the lead
must decide, for each new page, who may see it.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.factories import (
    ClassroomFactory,
    SchoolFactory,
    SchoolTermFactory,
    StudentFactory,
)
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, PartnerSuggestion
from orbis.schools.models import SchoolTerm
from orbis.students.models import Student

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
}

# GET pages that answer their owner with a redirect (a notification goes where it points).
REDIRECTS = {"notification_open"}

# The allauth pages an anonymous visitor needs; the rest of allauth is its own business.
ALLAUTH_PUBLIC = ["account_login", "account_signup", "account_reset_password"]

TEACHER_ROUTES = sorted(name for name, route in ROUTES.items() if route.access == TEACHER)
# partner_classroom is not here: other teachers' classrooms are what it shows (its visibility
# rules are tested in test_partner_requests.py).
OBJECT_ROUTES = sorted(
    name
    for name, route in ROUTES.items()
    if route.owns in {"classroom", "student", "term", "request", "suggestion", "notification"}
)


def _project_patterns(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _project_patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield pattern, namespace


def project_url_names() -> set[str]:
    """Named patterns whose view lives in the orbis package (not admin, allauth or Django)."""
    return {
        pattern.name
        for pattern, namespace in _project_patterns(get_resolver().url_patterns)
        if pattern.name
        and namespace != "admin"
        and pattern.callback.__module__.startswith("orbis.")
    }


def kwargs_for(name: str, ids: dict[str, int]) -> dict[str, int]:
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


@pytest.fixture
def world(teacher, classroom, student, partner_teacher):
    """Gisel's objects, a term of her school, Jhansi's classroom that asked hers to be
    partners (Gisel is the one to answer), a suggestion and a notification for Gisel."""
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
    return {
        "classroom": classroom.pk,
        "student": student.pk,
        "term": term.pk,
        "school": teacher.school_id,
        "partner_classroom": delhi.pk,
        "request": partner_request.pk,
        "suggestion": suggestion.pk,
        "notification": notification.pk,
    }


@pytest.fixture
def missing_ids(world):
    return {kind: pk + 10_000 for kind, pk in world.items()}


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
    return {}


# ---- the list of URLs -------------------------------------------------------------------


def test_every_project_url_is_known():
    """A new URL pattern must be added to ROUTES, with its access rule, before it ships."""
    names = project_url_names()
    assert names - ROUTES.keys() == set(), "New URL names: add them to ROUTES"
    assert ROUTES.keys() - names == set(), "URL names gone: remove them from ROUTES"


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
    before = row_counts()
    code = classroom.join_code
    for name in TEACHER_ROUTES:
        if "POST" in ROUTES[name].methods:
            client.post(url_for(name, world), hostile_payload(name, world))
    assert row_counts() == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert (classroom.join_code, classroom.name, student.nickname) == (code, "6th grade B", "Puma")


@pytest.mark.parametrize("name", ["home", "student_join", *ALLAUTH_PUBLIC])
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
        ids = {
            "classroom": classroom.pk,
            "partner_classroom": ClassroomFactory().pk,
            "notification": notification.pk,
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
    before = row_counts()
    code, secret, version = classroom.join_code, student.secret, student.session_version
    for name in OBJECT_ROUTES:
        if "POST" in ROUTES[name].methods:
            outsider_client.post(url_for(name, world), hostile_payload(name, world))
    assert row_counts() == before
    classroom.refresh_from_db()
    student.refresh_from_db()
    assert classroom.join_code == code
    assert classroom.name == "6th grade B"
    assert classroom.exchange_mode == "live"
    assert AvailabilityPeriod.objects.filter(classroom=classroom).count() == 1
    assert (student.nickname, student.secret, student.session_version) == ("Puma", secret, version)
    assert SchoolTerm.objects.filter(pk=world["term"]).exists()


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
    from orbis.factories import TeacherFactory

    colleague = TeacherFactory(school=teacher.school)
    response = login_client(colleague).post(url_for("term_delete", world))
    assert response.status_code == 302
    assert not SchoolTerm.objects.filter(pk=world["term"]).exists()


def test_colleague_at_the_same_school_cannot_reach_her_classrooms(teacher, login_client, world):
    from orbis.factories import TeacherFactory

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

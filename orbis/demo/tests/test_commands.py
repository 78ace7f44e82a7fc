"""`orbis demo`, `orbis seed` and the loader behind them."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.commands import runserver

from orbis.accounts.models import User
from orbis.classrooms.codes import display_code
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.core.world import DEMO_TEACHER_EMAIL, build_world
from orbis.demo.loader import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_world
from orbis.ops.management.commands import serve
from orbis.schools.models import School, SchoolTerm
from orbis.students.models import Student
from tests.factories import ClassroomFactory

pytestmark = pytest.mark.django_db

MODELS = (School, SchoolTerm, User, EmailAddress, Classroom, AvailabilityPeriod, Student)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def demo_counts(world) -> dict[str, int]:
    """The world's rows and the demo's staff account (a user with a confirmed address)."""
    expected = world_counts(world)
    return {**expected, "User": expected["User"] + 1, "EmailAddress": expected["EmailAddress"] + 1}


def world_counts(world) -> dict[str, int]:
    return {
        "School": len(world.schools),
        "SchoolTerm": sum(len(school.terms) for school in world.schools),
        "User": len(world.teachers),
        "EmailAddress": len(world.teachers),
        "Classroom": len(world.classrooms),
        "AvailabilityPeriod": sum(len(classroom.periods) for classroom in world.classrooms),
        "Student": len(world.students),
    }


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_loads_the_default_world_once_and_says_how_to_log_in():
    first_output = run("demo", "--no-serve")
    assert counts() == demo_counts(build_world())

    output = run("demo", "--no-serve")
    assert counts() == demo_counts(build_world())
    assert "nothing new" in output
    for text in (first_output, output):
        classroom = Classroom.objects.get(teacher__email=DEMO_TEACHER_EMAIL, name="6th grade B")
        puma = classroom.students.get(nickname="Puma")
        assert "http://127.0.0.1:8000" in text
        assert DEMO_TEACHER_EMAIL in text
        assert DEMO_PASSWORD in text
        assert display_code(classroom.join_code) in text
        assert "Puma" in text and puma.secret in text


def test_a_demo_teacher_logs_in_with_the_demo_password(client):
    run("demo", "--no-serve")
    response = client.post(
        "/accounts/login/", {"login": DEMO_TEACHER_EMAIL, "password": "orbis-demo"}
    )
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    assert client.get("/dashboard/").status_code == 200


def test_a_demo_student_comes_back_with_the_printed_code_nickname_and_secret(client):
    run("demo", "--no-serve")
    classroom = Classroom.objects.get(teacher__email=DEMO_TEACHER_EMAIL, name="6th grade B")
    puma = classroom.students.get(nickname="Puma")
    response = client.post(
        "/join/",
        {"code": display_code(classroom.join_code), "nickname": "Puma", "secret": puma.secret},
    )
    assert response.status_code == 302
    assert response.url == "/student/"


def serve_without_listening(monkeypatch) -> list:
    """Run the demo's server up to the moment it listens: it calls on_bind, then returns."""
    binds, clocks = [], []

    def listen(addr, port, handler, *, on_bind, **options):
        binds.append((addr, port))
        on_bind(port)

    monkeypatch.setattr(runserver, "run", listen)
    monkeypatch.setattr(serve, "start_in_background", lambda: clocks.append("started"))
    return binds, clocks


def test_demo_serves_on_the_address_it_prints(monkeypatch):
    binds, clocks = serve_without_listening(monkeypatch)
    output = run("demo", "--addrport", "0.0.0.0:8123")
    assert clocks == ["started"]  # reminders and digests go out with no extra process
    assert binds == [("0.0.0.0", 8123)]
    assert "http://127.0.0.1:8123/accounts/login/" in output


# runserver closes every connection after its migration check: inside a test's transaction that
# leaves PostgreSQL's connection closed for the queries after the command, so no transaction here.
@pytest.mark.django_db(transaction=True)
def test_demo_prints_the_logins_last_once_the_server_listens(monkeypatch):
    serve_without_listening(monkeypatch)
    output = run("demo")
    serving = output.index("Orbis demo serving at http://127.0.0.1:8000/")
    assert output.index("Starting development server at") < serving
    assert output.index("Demo data loaded") < serving
    logins = output[serving:]
    assert "Ctrl-C" in logins.splitlines()[0]
    assert len(logins.splitlines()) <= 25  # a short block
    for teacher in build_world().teachers:  # every demo teacher's login
        local, domain = teacher.email.split("@")
        assert local in logins and domain in logins
    classroom = Classroom.objects.get(teacher__email=DEMO_TEACHER_EMAIL, name="6th grade B")
    puma = classroom.students.get(nickname="Puma")
    for text in (DEMO_TEACHER_EMAIL, DEMO_PASSWORD, display_code(classroom.join_code), "Puma"):
        assert text in logins
    assert puma.secret in logins
    assert DEMO_STAFF_EMAIL in logins
    assert logins.rstrip().endswith("/ops/status/)")  # nothing after the block


def test_the_demo_staff_account_logs_in_and_moderates(client):
    run("demo", "--no-serve")
    response = client.post(
        "/accounts/login/", {"login": DEMO_STAFF_EMAIL, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/moderation/").status_code == 200
    staff = User.objects.get(email=DEMO_STAFF_EMAIL)
    assert staff.is_staff and not staff.is_superuser


def test_seed_creates_the_requested_world():
    output = run("seed", "--teachers", "300")
    world = build_world(teachers=300)
    assert counts() == world_counts(world)
    assert "300 teachers" in output
    assert f"{len(world.schools)} schools" in output

    run("seed", "--teachers", "300")
    assert counts() == world_counts(world)


def test_seed_after_demo_adds_only_the_new_teachers():
    run("demo", "--no-serve")
    run("seed", "--teachers", "100")
    assert counts() == demo_counts(build_world(teachers=100))


def test_loading_twice_creates_nothing_new():
    world = build_world(teachers=120, seed=5)
    first = load_world(world, password="secret words")
    assert first.teachers == 120 and first.created == sum(world_counts(world).values())
    before = counts()

    again = load_world(world, password="secret words")
    assert again.created == 0
    assert counts() == before


def test_loading_keeps_what_people_changed():
    world = build_world(teachers=5)
    load_world(world, password=DEMO_PASSWORD)
    gisel = User.objects.get(email=DEMO_TEACHER_EMAIL)
    gisel.display_name = "Gisel C."
    gisel.save()
    classroom = gisel.classrooms.get(name="6th grade B")
    classroom.availability.all().delete()
    classroom.students.filter(nickname="Puma").update(secret="newsecret10")

    report = load_world(world, password="another password")
    gisel.refresh_from_db()
    assert gisel.display_name == "Gisel C."
    assert gisel.check_password(DEMO_PASSWORD)
    assert not classroom.availability.exists()
    assert classroom.students.get(nickname="Puma").secret == "newsecret10"
    assert report.created == 0


def test_a_join_code_someone_else_uses_is_replaced():
    world = build_world(teachers=3)
    taken = world.classrooms[0].join_code
    ClassroomFactory(join_code=taken)

    report = load_world(world, password=DEMO_PASSWORD)
    assert report.join_codes_replaced == 1
    mine = Classroom.objects.get(teacher__email=DEMO_TEACHER_EMAIL, name=world.classrooms[0].name)
    assert mine.join_code not in (None, taken)

"""`orbis demo`: one command from a fresh checkout to a running Orbis full of demo classes.

The demo's logins come last, once the server listens, so they are the last thing on the screen
(emails sent meanwhile are one line each, orbis/mail.py)."""

import textwrap

from django.contrib.staticfiles.management.commands.runserver import (
    Command as RunserverCommand,
)
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from orbis.classrooms.codes import display_code
from orbis.classrooms.models import Classroom
from orbis.core.world import DEMO_TEACHER_EMAIL, EMAIL_DOMAIN, build_world
from orbis.demo.collaboration import load_collaboration
from orbis.demo.loader import DEMO_PASSWORD, DEMO_STAFF_EMAIL, load_staff, load_world
from orbis.demo.projects import load_demo_projects
from orbis.ops.management.commands.serve import DEFAULT_ADDRPORT, site_url, start_clock
from orbis.students.models import Student

WIDTH = 79
INDENT = " " * 12


class DemoServer(RunserverCommand):
    """Django's development server (with its CSS and JavaScript, even if DEBUG was turned off),
    printing the demo's logins once it listens."""

    def __init__(self, logins: str, **kwargs):
        super().__init__(**kwargs)
        self.logins = logins

    def on_bind(self, server_port):
        super().on_bind(server_port)
        self.stdout.write(self.logins)


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo schools, teachers, classes and students (again: "
        "nothing is duplicated), serve on http://127.0.0.1:8000 and print how to log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help="Set up the demo data but don't serve it."
        )
        parser.add_argument(
            "--addrport",
            default=DEFAULT_ADDRPORT,
            help=f"Address and port to serve on (default {DEFAULT_ADDRPORT}).",
        )

    def handle(self, *args, **options):
        call_command("migrate", verbosity=0, interactive=False)
        world = build_world()
        report = load_world(world, password=DEMO_PASSWORD)
        load_staff(DEMO_PASSWORD)
        projects = load_demo_projects(timezone.localdate())
        if projects:
            self.stdout.write(f"Demo projects opened for partners: {projects}.")
        for story in load_collaboration(timezone.localdate()):
            self.stdout.write(f"Demo collaboration: {story}.")
        if report.created:
            self.stdout.write(f"Demo data loaded: {report.summary()}.")
        else:
            self.stdout.write("Demo data already loaded: nothing new to create.")
        self.stdout.write(
            f"{len(world.teachers)} demo teachers, {len(world.classrooms)} classes, "
            f"{len(world.countries())} countries."
        )
        url = site_url(options["addrport"])
        if options["no_serve"]:
            heading = f"Orbis demo ready: `orbis serve` serves it at {url}/"
            self.stdout.write(self.logins(world, url, heading))
            return
        start_clock(reloading=False)
        heading = f"Orbis demo serving at {url}/ (it keeps running until you press Ctrl-C)"
        server = DemoServer(
            self.logins(world, url, heading), stdout=self.stdout, stderr=self.stderr
        )
        call_command(server, options["addrport"], use_reloader=False, insecure_serving=True)

    def logins(self, world, url: str, heading: str) -> str:
        """The short block that says how to log in as every demo teacher, a student and staff."""
        teacher = world.teacher(DEMO_TEACHER_EMAIL)
        lines = [
            "",
            self.style.SUCCESS(heading),
            "",
            f"  Teachers  log in at {url}/accounts/login/, password {DEMO_PASSWORD}",
            f"{INDENT}{teacher.email}   ({teacher.display_name})",
            *self._other_teachers(world),
            *self._student(world, url),
            f"  Staff     log in at {url}/accounts/login/, password {DEMO_PASSWORD}",
            f"{INDENT}{DEMO_STAFF_EMAIL}   (moderation, challenges, /ops/status/)",
        ]
        return "\n".join([*lines, ""])

    def _other_teachers(self, world) -> list[str]:
        others = [spec.email for spec in world.teachers if spec.email != DEMO_TEACHER_EMAIL]
        suffix = f"@{EMAIL_DOMAIN}"
        if not all(email.endswith(suffix) for email in others):
            return textwrap.wrap(", ".join(others), WIDTH, initial_indent=INDENT,
                                 subsequent_indent=INDENT)  # fmt: skip
        names = ", ".join(email.removesuffix(suffix) for email in others)
        return [
            f"{INDENT}and {len(others)} more, each <name>{suffix}:",
            *textwrap.wrap(names, WIDTH, initial_indent=INDENT + "  ",
                           subsequent_indent=INDENT + "  ", break_on_hyphens=False),
        ]  # fmt: skip

    def _student(self, world, url: str) -> list[str]:
        teacher = world.teacher(DEMO_TEACHER_EMAIL)
        spec = world.classrooms_of(DEMO_TEACHER_EMAIL)[0]
        nickname = world.students_of(spec.key)[0].nickname
        # The database, not the world: the demo teacher may have changed the code or the secret.
        classroom = Classroom.objects.filter(
            teacher__email=DEMO_TEACHER_EMAIL, name=spec.name
        ).first()
        student = (
            Student.objects.filter(classroom=classroom, nickname__iexact=nickname).first()
            if classroom
            else None
        )
        if not (classroom and classroom.join_code and student):
            return [f"  Student   {teacher.display_name} turned joining off for {spec.name}."]
        return [
            f"  Student   join at {url}/join/",
            f"{INDENT}class code   {display_code(classroom.join_code)}   "
            f"({classroom.name}, {teacher.display_name}'s class)",
            f"{INDENT}nickname     {student.nickname}",
            f"{INDENT}secret word  {student.secret}",
        ]

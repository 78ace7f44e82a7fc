"""`orbis demo`: one command from a fresh checkout to a running Orbis full of demo classes."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from orbis.classrooms.codes import display_code
from orbis.classrooms.models import Classroom
from orbis.core.world import DEMO_TEACHER_EMAIL, build_world
from orbis.demo.collaboration import load_collaboration
from orbis.demo.loader import DEMO_PASSWORD, load_world
from orbis.demo.projects import load_demo_projects
from orbis.ops.management.commands.serve import DEFAULT_ADDRPORT, site_url, start_clock
from orbis.students.models import Student


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo schools, teachers, classes and students (again: "
        "nothing is duplicated), print how to log in, and serve on http://127.0.0.1:8000."
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
        self._print_login(world, site_url(options["addrport"]))
        if not options["no_serve"]:
            start_clock(reloading=False)
            # The demo serves its own CSS and JavaScript even if DEBUG was turned off.
            call_command(
                "runserver", options["addrport"], use_reloader=False, insecure_serving=True
            )

    def _print_login(self, world, url: str) -> None:
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
        lines = [
            "",
            self.style.SUCCESS(f"Orbis demo: open {url}/"),
            "",
            f"  Teacher   log in at {url}/accounts/login/",
            f"            email        {teacher.email}   ({teacher.display_name})",
            f"            password     {DEMO_PASSWORD}   (every demo teacher has it)",
        ]
        if classroom and classroom.join_code and student:
            lines += [
                f"  Student   join at {url}/join/",
                f"            class code   {display_code(classroom.join_code)}   "
                f"({classroom.name}, {teacher.display_name}'s class)",
                f"            nickname     {student.nickname}",
                f"            secret word  {student.secret}",
            ]
        else:
            lines.append(f"  Student   {teacher.display_name} turned joining off for {spec.name}.")
        self.stdout.write("\n".join([*lines, ""]))

from django.core.management.base import BaseCommand, CommandError

from orbis.classrooms.models import Classroom
from orbis.partners.matching import match_all, run_matching

BACKGROUND_ABOVE = 5000  # classrooms: larger runs go to the background worker


class Command(BaseCommand):
    help = "Match every classroom looking for partners and store the suggestions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--group-size",
            type=int,
            default=2,
            help="2 for pairs (default); up to 6 for groups of classes.",
        )
        parser.add_argument(
            "--background", action="store_true", help="Enqueue the run for the background worker."
        )
        parser.add_argument("--now", action="store_true", help="Run here even for a large network.")

    def handle(self, *args, group_size, background, now, **options):
        if not 2 <= group_size <= 6:
            raise CommandError("--group-size must be between 2 and 6.")
        looking = Classroom.objects.filter(looking_for_partners=True).count()
        if background or (looking > BACKGROUND_ABOVE and not now):
            result = match_all.enqueue(group_size=group_size)
            self.stdout.write(
                f"{looking} classrooms: the run is enqueued for the background worker "
                f"(task {result.id})."
            )
            return
        report = run_matching(group_size=group_size)
        self.stdout.write(
            f"Matched {report.matched} of {report.classrooms} classrooms looking for partners; "
            f"{report.new_suggestions} new suggestions."
        )
        for room, reason in report.skipped:
            name = f"{room.name} ({room.teacher.email})" if room else "unknown classroom"
            self.stdout.write(f"  skipped {name}: {reason}")

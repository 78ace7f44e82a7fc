from django.core.management.base import BaseCommand

from orbis.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Delete what the retention settings say must go (unconfirmed sign-ups, inactive "
    "teachers after a warning, inactive classrooms). Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be done; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        report = apply_retention(dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(("would " if dry_run else "") + line)
        self.stdout.write(f"{'would do' if dry_run else 'done'}: {report.total}")

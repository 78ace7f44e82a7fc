"""`orbis restore`: put back a database and media files saved by `orbis backup`."""

import sys

from django.core.management.base import BaseCommand, CommandError

from orbis.ops.backup import BackupError, database_is_empty
from orbis.ops.restore import check_compatible, compare_counts, restore, verify


class Command(BaseCommand):
    help = (
        "Check an archive written by `orbis backup` (manifest, checksums, engine), then replace "
        "the database with it, write its media files over the storage's (other files are kept), "
        "migrate if it predates this code, and compare row counts with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive (.tar or .tar.gz).")
        parser.add_argument(
            "--yes", action="store_true", help="Replace a database that is not empty."
        )

    def handle(self, *args, **options):
        try:
            checked = verify(options["path"])
            check_compatible(checked)
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        if not options["yes"] and not database_is_empty():
            self._confirm()
        try:
            done = restore(checked)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = checked.manifest
        self.stdout.write(
            f"Restored {checked.path} (made {manifest['created_at']} by Orbis "
            f"{manifest['orbis_version']}): {done['media']} media files"
            + (", then migrated to this code's schema." if done["migrated"] else ".")
        )
        differ = 0
        for label, expected, actual in compare_counts(
            manifest["counts"], done["counts"], checked.format
        ):
            if not expected and not actual:
                continue
            mark = "" if (expected or 0) == actual else "  <- differs"
            differ += bool(mark)
            self.stdout.write(f"  {label:40} {expected!s:>8} {actual!s:>8}{mark}")
        self.stdout.write(
            "Row counts match the manifest."
            if not differ
            else f"{differ} models differ from the manifest (migrations may have changed them)."
        )

    def _confirm(self) -> None:
        if not sys.stdin.isatty():
            raise CommandError(
                "Nothing was restored: the database is not empty. Pass --yes to replace its "
                "content with the archive's."
            )
        answer = input(
            "The database is not empty: replace its content with the archive's? Type 'yes': "
        )
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing was restored.")

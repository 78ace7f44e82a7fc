"""`orbis backup`: the database and the media files in one archive (see orbis/ops/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from orbis.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write orbis-backup-<UTC time>.tar with a manifest, the database (SQLite online backup, "
        "or pg_dump) and every media file. --format json makes a portable dump that restores "
        "into SQLite or PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="A directory (default var/backups) or an archive path ending in .tar or .tar.gz.",
        )
        parser.add_argument(
            "--format",
            choices=["native", "json"],
            default="native",
            help="native: SQLite copy or pg_dump (default); json: Django's dumpdata.",
        )
        parser.add_argument("--gzip", action="store_true", help="Compress the archive (.tar.gz).")

    def handle(self, *args, **options):
        fmt = "json" if options["format"] == "json" else None
        try:
            manifest = backup(options["output"], fmt=fmt, gzip=options["gzip"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backup written: {manifest['path']} ({manifest['database']['format']} database, "
            f"{rows} rows, {manifest['media_files']} media files)."
        )

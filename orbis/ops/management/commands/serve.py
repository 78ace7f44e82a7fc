"""`orbis serve [addrport]`: the development server, on http://127.0.0.1:8000 by default.

`orbis serve --production [addrport]` creates the cache table, collects the static files and
then becomes gunicorn (the process is replaced, so systemd's signals reach gunicorn's master
directly): SIGHUP reloads the code gracefully, SIGTERM stops after the requests in flight. It
does not run the clock: in production `orbis clock` is its own process
(deploy/systemd/orbis-clock.service).
"""

import os
import shlex
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from orbis.ops.clock import start_in_background

DEFAULT_ADDRPORT = "127.0.0.1:8000"


def site_url(addrport: str) -> str:
    """The address a browser opens for a server listening on `addrport` ("8000",
    "0.0.0.0:8000", "[::1]:8000")."""
    host, _, port = addrport.rpartition(":")
    if host in ("", "0", "0.0.0.0", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def gunicorn_bind(addrport: str) -> str:
    """gunicorn's --bind for runserver's addrport: "8000" listens on loopback, as runserver
    does; "unix:/run/orbis/web.sock" is passed through."""
    if addrport.startswith("unix:"):
        return addrport
    host, _, port = addrport.rpartition(":")
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(f"{addrport!r} is not an address and port such as 127.0.0.1:8000.")
    return f"{host or '127.0.0.1'}:{port}"


def gunicorn_command(addrport: str) -> list[str]:
    """The gunicorn command line for Orbis, from settings (WEB_CONCURRENCY, WEB_THREADS,
    WEB_TIMEOUT)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "orbis.wsgi:application",
        "--bind",
        gunicorn_bind(addrport),
        "--workers",
        str(settings.WEB_CONCURRENCY),
        "--threads",
        str(settings.WEB_THREADS),
        "--timeout",
        str(settings.WEB_TIMEOUT),
        "--graceful-timeout",
        "30",
        "--keep-alive",
        "5",
        # A process is replaced after about ten thousand requests, so memory stays bounded; the
        # spread keeps processes that took equal shares from being replaced all at once (each
        # new one imports Django and builds its partner search index again, about 2 s).
        # (No --preload: `systemctl reload`, SIGHUP, must load new code.)
        "--max-requests",
        "10000",
        "--max-requests-jitter",
        "3000",
        # Heartbeat files in memory, not on a possibly slow disk.
        "--worker-tmp-dir",
        "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp",
        "--no-control-socket",
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = (
        "Run the development server (Django's runserver) on http://127.0.0.1:8000, or with "
        "--production the production web server (gunicorn, WEB_CONCURRENCY processes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default=DEFAULT_ADDRPORT,
            help=f"Address and port to listen on (default {DEFAULT_ADDRPORT}).",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="use_reloader",
            help="Don't restart the server when the code changes.",
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help=(
                "Collect the static files, then run gunicorn (no clock: run `orbis clock` "
                "and `orbis worker` beside it)."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="With --production: print the gunicorn command and stop.",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_false",
            dest="collectstatic",
            help="With --production: don't run `collectstatic` first.",
        )

    def handle(self, *args, **options):
        if options["production"]:
            self.serve_production(options)
            return
        if options["dry_run"]:
            raise CommandError("--dry-run goes with --production.")
        start_clock(reloading=options["use_reloader"])
        call_command("runserver", options["addrport"], use_reloader=options["use_reloader"])

    def serve_production(self, options):
        command = gunicorn_command(options["addrport"])
        if options["dry_run"]:
            self.stdout.write(shlex.join(command))
            return
        # Both are quick when there is nothing new, and safe to run on every start.
        call_command("createcachetable")
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)


def start_clock(*, reloading: bool) -> None:
    """Reminders and digests with no extra process. With the autoreloader, only the serving
    child runs the clock (the watching parent runs this command too)."""
    if not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
        start_in_background()

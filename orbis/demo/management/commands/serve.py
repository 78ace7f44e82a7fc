"""`orbis serve [addrport]`: the development server, on http://127.0.0.1:8000 by default."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from orbis.clock import start_in_background

DEFAULT_ADDRPORT = "127.0.0.1:8000"


def site_url(addrport: str) -> str:
    """The address a browser opens for a server listening on `addrport` ("8000",
    "0.0.0.0:8000", "[::1]:8000")."""
    host, _, port = addrport.rpartition(":")
    if host in ("", "0", "0.0.0.0", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Run the development server (Django's runserver) on http://127.0.0.1:8000."

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

    def handle(self, *args, **options):
        start_clock(reloading=options["use_reloader"])
        call_command("runserver", options["addrport"], use_reloader=options["use_reloader"])


def start_clock(*, reloading: bool) -> None:
    """Reminders and digests with no extra process. With the autoreloader, only the serving
    child runs the clock (the watching parent runs this command too)."""
    if not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
        start_in_background()

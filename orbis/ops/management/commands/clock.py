"""`orbis clock`: live-session reminders every minute and the daily digest, in one process."""

import threading

from django.core.management.base import BaseCommand

from orbis.ops.clock import Clock, run_forever


class Command(BaseCommand):
    help = (
        "Send due live-session reminders every minute and the daily email digest (at "
        "DIGEST_HOUR_UTC). Run one next to the web server and the worker; `orbis serve` and "
        "`orbis demo` run it by themselves. --once runs what is due now and stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the due jobs once.")
        parser.add_argument(
            "--every", type=float, default=60.0, help="Seconds between ticks (default 60)."
        )

    def handle(self, *args, **options):
        clock = Clock()
        if options["once"]:
            done = clock.tick()
            self.stdout.write(", ".join(f"{job}: {count}" for job, count in done.items()))
            return
        try:
            run_forever(clock, every=options["every"], stop=threading.Event())
        except KeyboardInterrupt:
            self.stdout.write("Clock stopped.")

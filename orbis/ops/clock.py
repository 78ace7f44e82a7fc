"""Work that runs on the clock: live-session reminders every minute, the daily email digest,
the daily retention sweep (orbis/privacy/retention.py).

In production `orbis clock` runs as its own small process (or cron/systemd timers run
`orbis send_reminders` and `orbis send_digests`). `orbis serve` and `orbis demo` start the
same loop in a background thread, so the embedded default sends reminders with no extra
process. The jobs are idempotent: two clocks, or a clock and a timer, do nothing twice.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

logger = logging.getLogger(__name__)


def _send_reminders() -> int:
    from orbis.live.tasks import send_due

    return send_due()


def _send_digests() -> int:
    from orbis.notifications.tasks import send_digests

    return send_digests.call()


def _apply_retention() -> int:
    from orbis.privacy.tasks import apply_retention_task

    return apply_retention_task.call()


@dataclass
class Clock:
    """Decides which jobs are due; `tick` runs them. The digest goes once a day, at or after
    DIGEST_HOUR_UTC; reminders on every tick."""

    digest_hour: int = field(default_factory=lambda: settings.DIGEST_HOUR_UTC)
    reminders: Callable[[], int] = _send_reminders
    digests: Callable[[], int] = _send_digests
    last_digest_day: date | None = None
    # The retention sweep (orbis/privacy/retention.py), once a day from RETENTION_HOUR_UTC.
    retention_hour: int = field(default_factory=lambda: settings.RETENTION_HOUR_UTC)
    retention: Callable[[], int] = _apply_retention
    last_retention_day: date | None = None

    def due(self, now: datetime) -> list[str]:
        jobs = ["reminders"]
        if now.hour >= self.digest_hour and self.last_digest_day != now.date():
            jobs.append("digests")
        if now.hour >= self.retention_hour and self.last_retention_day != now.date():
            jobs.append("retention")
        return jobs

    def tick(self, now: datetime | None = None) -> dict[str, int]:
        now = now or timezone.now()
        done = {}
        for job in self.due(now):
            try:
                done[job] = getattr(self, job)()
            except Exception:  # one failing job must not stop the clock; it is tried again
                logger.exception("The %s job failed; it runs again on the next tick.", job)
                continue
            if job == "digests":
                self.last_digest_day = now.date()
            elif job == "retention":
                self.last_retention_day = now.date()
        return done


def _ops_beat() -> None:
    """The clock's heartbeat, pinging the task workers and requeueing the tasks of workers
    killed mid-job (orbis/ops/heartbeat.py), on every tick of a running clock."""
    from orbis.ops.heartbeat import clock_beat

    try:
        clock_beat()
    except Exception:  # like a failing job, it must not stop the clock
        logger.exception("The heartbeat failed; it runs again on the next tick.")


def run_forever(clock: Clock, *, every: float, stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        clock.tick()
        _ops_beat()
        close_old_connections()
        stop.wait(every)


def start_in_background(every: float = 60.0) -> threading.Event:
    """Start the clock in a daemon thread (for the development server); returns its stop."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(Clock(),), kwargs={"every": every, "stop": stop}, daemon=True
    )
    thread.start()
    return stop

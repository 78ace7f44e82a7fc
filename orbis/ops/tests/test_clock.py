"""The clock: reminders on every tick, the digest once a day at its hour, no job stopping it."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from orbis.ops.clock import Clock


def counting_clock(**options):
    runs = {"reminders": 0, "digests": 0}

    def job(name):
        def run():
            runs[name] += 1
            return runs[name]

        return run

    clock = Clock(digest_hour=6, reminders=job("reminders"), digests=job("digests"), **options)
    return clock, runs


def test_reminders_every_tick_and_the_digest_once_a_day_from_its_hour():
    clock, runs = counting_clock()
    clock.tick(datetime(2026, 12, 1, 5, 59, tzinfo=UTC))
    assert runs == {"reminders": 1, "digests": 0}
    clock.tick(datetime(2026, 12, 1, 6, 0, tzinfo=UTC))
    clock.tick(datetime(2026, 12, 1, 23, 0, tzinfo=UTC))
    assert runs == {"reminders": 3, "digests": 1}
    clock.tick(datetime(2026, 12, 2, 7, 30, tzinfo=UTC))  # started late: still today's digest
    assert runs == {"reminders": 4, "digests": 2}


def test_a_failing_job_is_logged_and_tried_again_on_the_next_tick(caplog):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("SMTP server down")
        return 3

    clock, _runs = counting_clock()
    clock.digests = flaky
    assert clock.tick(datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) == {"reminders": 1}
    assert "digests job failed" in caplog.text
    assert clock.tick(datetime(2026, 12, 1, 8, 1, tzinfo=UTC)) == {"reminders": 2, "digests": 3}
    assert clock.tick(datetime(2026, 12, 1, 8, 2, tzinfo=UTC)) == {"reminders": 3}


@pytest.mark.django_db
def test_orbis_clock_once_runs_the_real_jobs(settings):
    settings.DIGEST_HOUR_UTC = 0
    settings.RETENTION_HOUR_UTC = 0
    out = StringIO()
    call_command("clock", "--once", stdout=out)
    assert out.getvalue().strip() == "reminders: 0, digests: 0, retention: 0"

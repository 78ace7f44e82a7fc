"""The retention sweep, moved through time with time-machine."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command

from orbis.accounts.models import User
from orbis.classrooms.models import Classroom
from orbis.projects.models import Project
from orbis.students.models import Student
from tests.builders import build_project
from tests.factories import ClassroomFactory, StudentFactory, TeacherFactory

from ..models import RetentionNotice
from ..retention import apply_retention
from ..services import PLACEHOLDER_EMAIL

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def at(days: int):
    return time_machine.travel(START + timedelta(days=days), tick=False)


@pytest.fixture
def settings_defaults(settings):
    settings.RETENTION_INACTIVE_TEACHER_DAYS = 730
    settings.RETENTION_WARNING_DAYS = 30
    settings.RETENTION_INACTIVE_CLASSROOM_DAYS = 540
    settings.RETENTION_UNCONFIRMED_DAYS = 14
    return settings


def signed_in(user, days: int):
    User.objects.filter(pk=user.pk).update(last_login=START + timedelta(days=days))


def test_unconfirmed_sign_ups_go_after_their_period(db, settings_defaults):
    with at(0):
        waiting = TeacherFactory(email="waiting@school.test")
        EmailAddress.objects.filter(user=waiting).update(verified=False)
        confirmed = TeacherFactory(email="confirmed@school.test")
        signed_in(confirmed, 0)
    with at(13):
        assert apply_retention().unconfirmed == []
    with at(15):
        assert apply_retention(dry_run=True).unconfirmed == [str(waiting.pk)]
        assert User.objects.filter(pk=waiting.pk).exists()
        apply_retention()
    assert not User.objects.filter(pk=waiting.pk).exists()
    assert User.objects.filter(pk=confirmed.pk).exists()


def test_inactive_teachers_are_warned_then_deleted_anonymised(db, settings_defaults):
    with at(0):
        sleeper = TeacherFactory(email="sleeper@school.test", display_name="Sleeper")
        signed_in(sleeper, 0)
        awake = TeacherFactory(email="awake@school.test")
        signed_in(awake, 0)
        staff = TeacherFactory(email="ops@school.test", is_staff=True)
        signed_in(staff, 0)
    with at(699):
        assert apply_retention().warned == []
    with at(701):
        report = apply_retention()
        assert set(report.warned) == {str(sleeper.pk), str(awake.pk)}
        assert len(mail.outbox) == 2
        assert "will be deleted" in mail.outbox[0].subject
        assert apply_retention().total == 0  # idempotent: no second email
        assert len(mail.outbox) == 2
    with at(710):
        signed_in(awake, 710)  # signing in cancels the warning
    with at(731):
        report = apply_retention()
        assert report.deleted == [str(sleeper.pk)]
    assert not User.objects.filter(pk=sleeper.pk).exists()
    assert User.objects.filter(pk=awake.pk).exists()
    assert not RetentionNotice.objects.filter(user=awake).exists()
    assert User.objects.filter(pk=staff.pk).exists()


def test_a_late_warning_still_gives_the_full_notice(db, settings_defaults):
    """If the sweep didn't run for a while, the account still gets its warning days."""
    with at(0):
        sleeper = TeacherFactory()
        signed_in(sleeper, 0)
    with at(800):
        assert apply_retention().warned == [str(sleeper.pk)]
    with at(820):
        assert apply_retention().deleted == []
    with at(831):
        assert apply_retention().deleted == [str(sleeper.pk)]


def test_the_placeholder_is_never_swept(db, settings_defaults):
    from ..services import former_member

    with at(0):
        former_member()
    with at(2000):
        apply_retention()
    assert User.objects.filter(email=PLACEHOLDER_EMAIL).exists()


def test_inactive_classrooms_go_with_their_students(db, settings_defaults):
    with at(0):
        owner = TeacherFactory()
        signed_in(owner, 0)
        idle = ClassroomFactory(teacher=owner, name="Idle")
        StudentFactory(classroom=idle, nickname="Quiet")
        seen = ClassroomFactory(teacher=owner, name="Seen")
        student = StudentFactory(classroom=seen, nickname="Busy")
        running = ClassroomFactory(teacher=owner, name="Running")
        project = build_project(running, status=Project.Status.RUNNING)
    with at(400):
        Student.objects.filter(pk=student.pk).update(last_seen_at=START + timedelta(days=400))
        signed_in(owner, 400)
    with at(541):
        assert apply_retention(dry_run=True).classrooms == [str(idle.pk)]
        assert Classroom.objects.filter(pk=idle.pk).exists()
        apply_retention()
    assert not Classroom.objects.filter(pk=idle.pk).exists()
    assert not Student.objects.filter(nickname="Quiet").exists()
    assert set(Classroom.objects.values_list("name", flat=True)) == {"Seen", "Running"}
    with at(1000):
        Project.objects.filter(pk=project.pk).update(status=Project.Status.COMPLETED)
        signed_in(owner, 1000)
        apply_retention()
    assert not Classroom.objects.exists()


def test_the_command_has_a_dry_run(db, settings_defaults):
    with at(0):
        waiting = TeacherFactory()
        EmailAddress.objects.filter(user=waiting).update(verified=False)
    with at(20):
        out = StringIO()
        call_command("apply_retention", "--dry-run", stdout=out)
        assert f"would delete unconfirmed sign-up: user {waiting.pk}" in out.getvalue()
        assert User.objects.filter(pk=waiting.pk).exists()
        out = StringIO()
        call_command("apply_retention", stdout=out)
        assert "done: 1" in out.getvalue()
    assert not User.objects.filter(pk=waiting.pk).exists()


def test_the_clock_runs_the_sweep_once_a_day():
    from orbis.ops.clock import Clock

    runs = []
    clock = Clock(
        digest_hour=6,
        retention_hour=3,
        reminders=lambda: 0,
        digests=lambda: 0,
        retention=lambda: runs.append(1) or 0,
    )
    clock.tick(datetime(2026, 12, 1, 2, 0, tzinfo=UTC))
    assert runs == []
    clock.tick(datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    clock.tick(datetime(2026, 12, 1, 4, 0, tzinfo=UTC))
    assert runs == [1]
    clock.tick(datetime(2026, 12, 2, 3, 5, tzinfo=UTC))
    assert runs == [1, 1]

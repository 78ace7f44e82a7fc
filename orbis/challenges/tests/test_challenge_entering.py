"""Classes enter a creation while the challenge is open; a student's entry waits for her
teacher (when her class's setting says so); a refused file leaves no row and no file."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from orbis.challenges import services
from orbis.challenges.models import Challenge, ChallengeEntry, ChallengeMedia
from orbis.notifications.models import Notification
from tests.builders import enter, open_challenge
from tests.factories import ClassroomFactory, StudentFactory
from tests.samples import hostile_upload, pdf_upload, png_upload

from .conftest import stored_files


def entry_rows():
    return ChallengeEntry.objects.count(), ChallengeMedia.objects.count()


def test_teacher_enters_her_class_and_the_entry_is_in_the_gallery(
    teacher_client, challenge, classroom
):
    url = reverse("challenge_enter", args=[challenge.slug])
    form = teacher_client.get(url)
    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.content.decode()
    response = teacher_client.post(
        url,
        {
            "classroom": classroom.pk,
            "title": "Our paper city",
            "description": "We built it\nfrom boxes.",
            "files": [png_upload(), pdf_upload()],
        },
    )
    assert response.status_code == 302
    entry = ChallengeEntry.objects.get()
    assert (entry.status, entry.author_teacher, entry.show_faces) == (
        "approved",
        classroom.teacher,
        False,
    )
    assert [m.kind for m in entry.media.all()] == ["image", "pdf"]
    assert len(stored_files()) >= 2
    gallery = teacher_client.get(reverse("challenge_detail", args=[challenge.slug]))
    assert "Our paper city" in gallery.content.decode()


def test_teacher_cannot_enter_another_teachers_class(
    teacher_client, challenge, classroom, partner_teacher
):
    theirs = ClassroomFactory(teacher=partner_teacher)
    response = teacher_client.post(
        reverse("challenge_enter", args=[challenge.slug]),
        {"classroom": theirs.pk, "title": "Hacked", "files": [png_upload()]},
    )
    assert response.status_code == 200
    assert entry_rows() == (0, 0)
    assert stored_files() == []


def test_student_entry_waits_then_appears_once_approved(
    student_client, student, classroom, challenge, login_client
):
    url = reverse("challenge_enter", args=[challenge.slug])
    assert student_client.get(url).status_code == 200
    response = student_client.post(url, {"title": "Puma's maze", "files": [pdf_upload()]})
    assert response.status_code == 302
    entry = ChallengeEntry.objects.get()
    assert (entry.status, entry.author_student, entry.classroom) == ("pending", student, classroom)
    notification = Notification.objects.get(recipient=classroom.teacher)
    assert notification.kind == Notification.Kind.CHALLENGE_ENTRY
    assert notification.params == {"classroom": "6th grade B", "challenge": challenge.title}
    detail = reverse("challenge_detail", args=[challenge.slug])
    assert (
        "Puma&#x27;s maze"
        not in login_client(classroom.teacher).get(reverse("challenge_list")).content.decode()
    )
    assert "No creation is shown yet." in student_client.get(detail).content.decode()

    teacher = login_client(classroom.teacher)
    mine = teacher.get(reverse("challenge_entries_mine")).content.decode()
    assert "Puma&#x27;s maze" in mine
    teacher.post(reverse("challenge_entry_moderate", args=[entry.pk]), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == "approved"
    assert "Puma&#x27;s maze" in student_client.get(detail).content.decode()


def test_student_entry_is_approved_at_once_when_her_class_needs_no_approval(
    student, classroom, challenge
):
    classroom.student_posts_need_approval = False
    classroom.save(update_fields=["student_posts_need_approval"])
    entry = enter(challenge, classroom, student=student)
    assert entry.status == "approved"
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "options",
    [
        {"status": Challenge.Status.CLOSED},
        {"starts_on": date(2030, 1, 1), "ends_on": date(2030, 1, 2)},  # not started
        {"starts_on": date(2020, 1, 1), "ends_on": date(2020, 1, 2)},  # over
    ],
)
def test_no_entry_outside_an_open_challenges_dates(teacher_client, classroom, options):
    challenge = open_challenge(**options)
    url = reverse("challenge_enter", args=[challenge.slug])
    response = teacher_client.post(
        url, {"classroom": classroom.pk, "title": "Late", "files": [png_upload()]}, follow=True
    )
    assert (
        "This challenge does not accept entries now: it is open from" in response.content.decode()
    )
    assert teacher_client.get(url).status_code == 302
    assert entry_rows() == (0, 0)
    assert stored_files() == []
    with pytest.raises(services.ChallengeError, match="does not accept entries now"):
        enter(challenge, classroom)


def test_a_challenge_is_open_on_its_dates_in_every_time_zone(classroom):
    challenge = open_challenge(starts_on=date(2026, 6, 11), ends_on=date(2026, 6, 11))
    # The 11th begins first at UTC+14 (10:00 UTC on the 10th), ends last at UTC-12.
    assert not challenge.accepts_entries(datetime(2026, 6, 10, 9, 59, tzinfo=UTC))
    assert challenge.accepts_entries(datetime(2026, 6, 10, 10, 0, tzinfo=UTC))
    assert challenge.accepts_entries(datetime(2026, 6, 12, 11, 59, tzinfo=UTC))
    assert not challenge.accepts_entries(datetime(2026, 6, 12, 12, 0, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 6, 12, 11, 0, tzinfo=UTC), tick=False):
        assert enter(challenge, classroom).status == "approved"


def test_a_refused_file_stores_nothing(teacher_client, challenge, classroom):
    response = teacher_client.post(
        reverse("challenge_enter", args=[challenge.slug]),
        {"classroom": classroom.pk, "title": "Sneaky", "files": [png_upload(), hostile_upload()]},
    )
    assert response.status_code == 200
    assert 'class="errors"' in response.content.decode()
    assert entry_rows() == (0, 0)
    assert stored_files() == []


def test_a_failure_after_storing_removes_the_stored_files(challenge, classroom, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "notify", broken)  # a student's entry notifies her teacher
    student = StudentFactory(classroom=classroom)
    with pytest.raises(RuntimeError):
        enter(challenge, classroom, student=student, files=[png_upload(), pdf_upload()])
    assert entry_rows() == (0, 0)
    assert stored_files() == []


def test_a_creation_needs_one_to_five_files(teacher_client, challenge, classroom):
    url = reverse("challenge_enter", args=[challenge.slug])
    none = teacher_client.post(url, {"classroom": classroom.pk, "title": "Nothing"})
    assert "Add your creation: at least one file." in none.content.decode()
    six = teacher_client.post(
        url, {"classroom": classroom.pk, "title": "Many", "files": [png_upload() for _ in range(6)]}
    )
    assert "Add at most 5 files." in six.content.decode()
    assert entry_rows() == (0, 0)
    assert stored_files() == []


def test_anonymous_visitors_log_in_to_enter(client, challenge):
    url = reverse("challenge_enter", args=[challenge.slug])
    response = client.post(url, {"title": "x", "files": [png_upload()]})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert entry_rows() == (0, 0)


def test_a_teacher_without_classes_is_told_to_add_one(login_client, outsider, challenge):
    response = login_client(outsider).get(reverse("challenge_enter", args=[challenge.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("classroom_create")


def test_the_teacher_sees_pending_entries_first(classroom, student, challenge, login_client):
    earlier = enter(challenge, classroom, title="Teacher's own")
    ChallengeEntry.objects.filter(pk=earlier.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    enter(challenge, classroom, title="Waiting", student=student)
    enter(challenge, classroom, title="Newest, approved")
    page = login_client(classroom.teacher).get(reverse("challenge_entries_mine"))
    titles = [entry.title for entry in page.context["page"]]
    assert titles == ["Waiting", "Newest, approved", "Teacher's own"]

"""`orbis match`: every classroom looking for partners matched at once, the proposals stored as
suggestions for both sides, never duplicated, never re-proposed once declined; classrooms the
engine cannot use are reported and skipped. Then the Suggested partners page.

The world is a few classes in four countries built with factories (the demo world is slower and
tested in orbis/demo). Time is frozen so the matched week is fixed.
"""

from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from orbis.classrooms.models import Classroom
from orbis.notifications.models import Notification
from orbis.partners.models import PartnerRequest, Partnership, PartnerSuggestion
from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolFactory,
    TeacherFactory,
)

FROZEN = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # a Tuesday, before Europe's clock change

pytestmark = pytest.mark.usefixtures("frozen_time")


@pytest.fixture
def frozen_time():
    with time_machine.travel(FROZEN, tick=False):
        yield


def run_match(*args) -> str:
    out = StringIO()
    call_command("match", *args, stdout=out)
    return out.getvalue()


def school_teacher(country: str, zone: str, email: str):
    school = SchoolFactory(country=country, city=f"City of {country}", time_zone=zone)
    return TeacherFactory(school=school, email=email, display_name=email.split("@")[0])


def live_class(teacher, name: str, weekday: int, start: int, end: int, **fields):
    fields.setdefault("languages", ["en", "es"])
    room = ClassroomFactory(teacher=teacher, name=name, **fields)
    AvailabilityPeriodFactory(classroom=room, weekday=weekday, start_minute=start, end_minute=end)
    return room


@pytest.fixture
def network(classroom, partner_teacher):
    """Gisel's class (Tue 16:00–17:10 UTC) and five classes in three other countries, all
    available Tuesday 15:00–18:00 UTC or so, all speaking English."""
    paris = school_teacher("FR", "Europe/Paris", "paris@school.test")  # UTC+1 in March
    nairobi = school_teacher("KE", "Africa/Nairobi", "nairobi@school.test")  # UTC+3
    rooms = [
        classroom,
        live_class(partner_teacher, "Delhi A", 1, 20 * 60 + 30, 23 * 60),  # 15:00–17:30 UTC
        live_class(partner_teacher, "Delhi B", 1, 20 * 60 + 30, 23 * 60),
        live_class(paris, "Paris A", 1, 16 * 60, 19 * 60),  # 15:00–18:00 UTC
        live_class(paris, "Paris B", 1, 16 * 60, 19 * 60),
        live_class(nairobi, "Nairobi A", 1, 18 * 60, 21 * 60),  # 15:00–18:00 UTC
    ]
    return {room.name: room for room in rooms}


def open_pairs() -> set[tuple[int, int]]:
    return set(
        PartnerSuggestion.objects.filter(status=PartnerSuggestion.Status.OPEN).values_list(
            "classroom_id", "partner_id"
        )
    )


def country_of(room_id: int) -> str:
    return str(
        Classroom.objects.select_related("teacher__school").get(pk=room_id).teacher.school.country
    )


# ---- the run ------------------------------------------------------------------------------------


def test_match_stores_suggestions_for_both_sides_across_countries(network):
    output = run_match()
    suggestions = list(PartnerSuggestion.objects.all())
    assert suggestions, output
    pairs = {(s.classroom_id, s.partner_id) for s in suggestions}
    for own, other in pairs:
        assert (other, own) in pairs  # both sides see it
        assert country_of(own) != country_of(other)
    for suggestion in suggestions:
        assert suggestion.status == PartnerSuggestion.Status.OPEN
        assert suggestion.score > 0
    # partners_wanted is 1 everywhere: nobody gets more than one proposal in a run.
    per_room = [s.classroom_id for s in suggestions]
    assert len(per_room) == len(set(per_room))
    assert "Matched " in output and "6 classrooms looking for partners" in output
    assert f"{len(suggestions)} new suggestions" in output


def test_the_demo_world_is_matched_across_countries_once(db):
    call_command("demo", "--no-serve", stdout=StringIO())
    output = run_match()
    pairs = set(PartnerSuggestion.objects.values_list("classroom_id", "partner_id"))
    assert len(pairs) >= 20, output
    countries = dict(Classroom.objects.values_list("pk", "teacher__school__country"))
    for own, other in pairs:
        assert (other, own) in pairs
        assert countries[own] != countries[other]
    assert f"{len(pairs)} new suggestions" in output
    assert Notification.objects.filter(kind=Notification.Kind.SUGGESTIONS).count() == len(
        {own for own, _ in pairs}
    )
    again = run_match()
    assert "0 new suggestions" in again
    assert PartnerSuggestion.objects.count() == len(pairs)


def test_rerunning_creates_no_duplicate_and_no_new_notification(network):
    run_match()
    before = set(PartnerSuggestion.objects.values_list("classroom_id", "partner_id", "status"))
    notes = Notification.objects.count()
    output = run_match()
    after = set(PartnerSuggestion.objects.values_list("classroom_id", "partner_id", "status"))
    assert after == before
    assert PartnerSuggestion.objects.count() == len(before)
    assert Notification.objects.count() == notes
    assert "0 new suggestions" in output


def test_each_teacher_is_notified_once_per_classroom_with_suggestions(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_match()
    rooms_with = Classroom.objects.filter(suggestions__isnull=False).distinct()
    notes = Notification.objects.filter(kind=Notification.Kind.SUGGESTIONS)
    assert notes.count() == rooms_with.count()
    assert sorted((n.recipient_id, n.params["classroom"]) for n in notes) == sorted(
        (room.teacher_id, room.name) for room in rooms_with
    )
    # One email per notification (Jhansi, with two classrooms, gets two).
    assert sorted(email.to[0] for email in mail.outbox) == sorted(n.recipient.email for n in notes)
    for note in notes:
        assert note.url == reverse("partner_suggestions")
        assert note.params["count"] == 1
        room = note.params["classroom"]
        # (messages.py has one form for every count: "1 suggested partner classes".)
        assert note.text.startswith("Orbis found 1 suggested partner class")
        assert note.text.endswith(f" for {room}.")


def test_a_declined_suggestion_is_never_proposed_again(network, teacher_client, classroom):
    run_match()
    mine = PartnerSuggestion.objects.get(classroom=classroom)
    response = teacher_client.post(reverse("partner_suggestion_decline", args=[mine.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("partner_suggestions")
    mine.refresh_from_db()
    assert mine.status == PartnerSuggestion.Status.DECLINED
    page = teacher_client.get(reverse("partner_suggestions"))
    assert mine not in [suggestion for suggestion, _ in page.context["rows"]]

    for _ in range(2):
        run_match()
        mine.refresh_from_db()
        assert mine.status == PartnerSuggestion.Status.DECLINED
        assert (classroom.pk, mine.partner_id) not in open_pairs()
        assert not PartnerSuggestion.objects.filter(
            classroom=classroom, partner=mine.partner, status=PartnerSuggestion.Status.OPEN
        ).exists()


def test_another_teachers_suggestion_cannot_be_declined(network, outsider_client, classroom):
    run_match()
    mine = PartnerSuggestion.objects.get(classroom=classroom)
    response = outsider_client.post(reverse("partner_suggestion_decline", args=[mine.pk]))
    missing = outsider_client.post(reverse("partner_suggestion_decline", args=[mine.pk + 1000]))
    assert response.status_code == 404
    assert (response.status_code, response.content) == (missing.status_code, missing.content)
    mine.refresh_from_db()
    assert mine.status == PartnerSuggestion.Status.OPEN


def test_partners_and_pending_requests_are_not_proposed(network, classroom):
    delhi_a, delhi_b = network["Delhi A"], network["Delhi B"]
    paris_a = network["Paris A"]
    Partnership.objects.create(classroom_a=classroom, classroom_b=delhi_a)  # Gisel has hers
    PartnerRequest.objects.create(
        from_classroom=delhi_b, to_classroom=paris_a, introduction="Hello from Delhi, Paris!"
    )
    run_match()
    pairs = set(PartnerSuggestion.objects.values_list("classroom_id", "partner_id"))
    assert not PartnerSuggestion.objects.filter(classroom=classroom).exists()
    assert not PartnerSuggestion.objects.filter(partner=classroom).exists()
    assert (delhi_b.pk, paris_a.pk) not in pairs and (paris_a.pk, delhi_b.pk) not in pairs


def test_classes_not_looking_for_partners_are_left_alone(network):
    Classroom.objects.exclude(name="6th grade B").update(looking_for_partners=False)
    output = run_match()
    assert not PartnerSuggestion.objects.exists()
    assert not Notification.objects.exists()
    assert "of 1 classrooms looking for partners" in output


def test_match_on_an_empty_network_says_so(db):
    output = run_match()
    assert "Matched 0 of 0 classrooms looking for partners; 0 new suggestions." in output


def test_group_size_out_of_range_is_refused(db):
    from django.core.management.base import CommandError

    for size in ["1", "7", "-2"]:
        with pytest.raises(CommandError, match="between 2 and 6"):
            run_match("--group-size", size)


# ---- classrooms the engine cannot use --------------------------------------------------------


def force(room, **values) -> None:
    """Write values the forms and the database constraints refuse, as old or imported data
    could hold them (SQLite can be told to ignore CHECK constraints)."""
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite can switch its CHECK constraints off")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        try:
            Classroom.objects.filter(pk=room.pk).update(**values)
        finally:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")


@pytest.fixture
def broken(network):
    """Three classes the engine must skip: each is reported with its reason."""
    lima = school_teacher("PE", "America/Lima", "lima@school.test")
    no_timetable = ClassroomFactory(
        teacher=lima, name="Live without timetable", exchange_mode="live", languages=["en"]
    )
    bad_ages = live_class(lima, "Impossible ages", 1, 11 * 60, 13 * 60)
    force(bad_ages, age_min=14, age_max=9)
    unknown_language = live_class(lima, "Unknown language", 1, 11 * 60, 13 * 60)
    # Free text from an old import, not an ISO 639-1 code.
    Classroom.objects.filter(pk=unknown_language.pk).update(languages=["English"])
    return {"timetable": no_timetable, "ages": bad_ages, "language": unknown_language}


def test_unusable_classrooms_are_reported_and_skipped(broken):
    output = run_match()
    lines = [line for line in output.splitlines() if "skipped" in line]
    for problem, room in broken.items():
        [line] = [line for line in lines if room.name in line]
        assert "lima@school.test" in line
        assert line.split(": ", 1)[1].strip(), line  # a reason is given
        assert not PartnerSuggestion.objects.filter(classroom=room).exists(), problem
        assert not PartnerSuggestion.objects.filter(partner=room).exists(), problem
    # The others are matched as usual.
    assert PartnerSuggestion.objects.filter(classroom__name="6th grade B").exists()


def test_the_reasons_say_what_is_wrong(broken):
    output = run_match()
    for line in [
        "  skipped Live without timetable (lima@school.test): empty timetable",
        "  skipped Impossible ages (lima@school.test): impossible age range",
        "  skipped Unknown language (lima@school.test): unknown language",
    ]:
        assert line in output.splitlines()


def test_a_classroom_whose_teacher_lost_her_school_is_skipped(network):
    homeless = TeacherFactory(school=None, email="homeless@school.test")
    ClassroomFactory(teacher=homeless, name="Nowhere class", exchange_mode="async")
    output = run_match()
    assert "skipped Nowhere class (homeless@school.test): no school" in output


# ---- the Suggested partners page -------------------------------------------------------------


def test_suggested_partners_page_lists_them_with_reasons(network, teacher_client, classroom):
    run_match()
    mine = PartnerSuggestion.objects.select_related("partner").get(classroom=classroom)
    response = teacher_client.get(reverse("partner_suggestions"))
    assert response.status_code == 200
    [(suggestion, why)] = response.context["rows"]
    assert suggestion == mine
    assert why[0] == "shares English, Spanish"
    assert why[1] == "ages 11–12 and 11–12"
    assert "a week overlap" in why[2] and why[2].endswith("your time")
    assert mine.partner.name in response.text
    assert " · ".join(why) in response.text
    assert "For 6th grade B" in response.text


def test_send_a_request_link_opens_the_request_form_for_that_classroom(
    network, teacher_client, classroom
):
    run_match()
    mine = PartnerSuggestion.objects.get(classroom=classroom)
    link = f"{reverse('partner_classroom', args=[mine.partner_id])}?from={classroom.pk}"
    page = teacher_client.get(reverse("partner_suggestions"))
    assert f'href="{link}"' in page.text
    form_page = teacher_client.get(link)
    assert form_page.status_code == 200
    assert form_page.context["other"].pk == mine.partner_id
    assert form_page.context["form"]["from_classroom"].value() == str(classroom.pk)
    sent = teacher_client.post(
        link,
        {
            "from_classroom": classroom.pk,
            "introduction": "Hello! We would love to be partners with your class.",
        },
    )
    assert sent.status_code == 302
    assert PartnerRequest.objects.filter(
        from_classroom=classroom, to_classroom=mine.partner_id
    ).exists()
    mine.refresh_from_db()
    assert mine.status == PartnerSuggestion.Status.REQUESTED
    assert list(teacher_client.get(reverse("partner_suggestions")).context["rows"]) == []


def test_the_page_shows_only_her_open_suggestions(network, teacher_client, outsider):
    run_match()
    page = teacher_client.get(reverse("partner_suggestions"))
    assert {s.classroom.teacher.email for s, _ in page.context["rows"]} == {"gisel@school.test"}


def test_no_suggestion_yet_points_to_search(teacher_client, classroom):
    page = teacher_client.get(reverse("partner_suggestions"))
    assert "No suggestion right now." in page.text
    assert reverse("partner_search") in page.text


def test_dashboard_points_to_the_suggestions(network, teacher_client):
    run_match()
    items = [
        (item.message, item.url)
        for item in teacher_client.get(reverse("dashboard")).context["attention"]
    ]
    assert ("Orbis suggests 1 partner class for you.", reverse("partner_suggestions")) in items


def test_after_a_decline_the_next_run_proposes_another_free_class(
    classroom, partner_teacher, teacher_client
):
    """Declining is asking for someone else. Delhi (English only) and Paris (Spanish and French)
    share no language, so each fits only Gisel's class: once she declines one, the other is
    free and fits her, and the next run must propose it."""
    paris = school_teacher("FR", "Europe/Paris", "paris@school.test")
    live_class(partner_teacher, "Delhi A", 1, 20 * 60 + 30, 23 * 60, languages=["en"])
    live_class(paris, "Paris A", 1, 16 * 60, 19 * 60, languages=["es", "fr"])
    run_match()
    first = PartnerSuggestion.objects.get(classroom=classroom)
    teacher_client.post(reverse("partner_suggestion_decline", args=[first.pk]))
    output = run_match()
    others = PartnerSuggestion.objects.filter(
        classroom=classroom, status=PartnerSuggestion.Status.OPEN
    ).exclude(partner=first.partner)
    assert others.exists(), output


def test_every_send_a_request_link_on_the_page_works(network, teacher_client, classroom):
    """A suggested class that has since stopped looking for partners must not stay on the
    page with a link that answers 404."""
    run_match()
    mine = PartnerSuggestion.objects.get(classroom=classroom)
    Classroom.objects.filter(pk=mine.partner_id).update(looking_for_partners=False)
    page = teacher_client.get(reverse("partner_suggestions"))
    for suggestion, _why in page.context["rows"]:
        link = reverse("partner_classroom", args=[suggestion.partner_id])
        assert teacher_client.get(link).status_code == 200, suggestion.partner.name

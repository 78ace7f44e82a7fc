"""Classrooms: the form's rules, the database constraints, and the weekly timetable."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from orbis.classrooms import services
from orbis.classrooms.forms import ClassroomForm, TimetableForm
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.core.timetable import Period
from tests.factories import AvailabilityPeriodFactory, ClassroomFactory, SchoolFactory

# ModelForm validation checks the CheckConstraints with a query.
pytestmark = pytest.mark.django_db


def periods_of(classroom) -> list[tuple[int, int, int]]:
    return list(
        AvailabilityPeriod.objects.filter(classroom=classroom)
        .order_by("weekday", "start_minute")
        .values_list("weekday", "start_minute", "end_minute")
    )


def create(client, data):
    return client.post(reverse("classroom_create"), data)


# ---- creating ----------------------------------------------------------------------------


def test_creating_a_live_classroom_with_its_timetable(teacher_client, teacher, classroom_data):
    response = create(
        teacher_client, classroom_data(day_0="09:00-10:30, 13:00-14:10", day_1="", day_3="8-9")
    )
    room = Classroom.objects.get(name="7th grade A")
    assert response.status_code == 302
    assert response["Location"] == reverse("classroom_detail", args=[room.pk])
    assert room.teacher == teacher
    assert (room.age_min, room.age_max, room.student_count) == (12, 13, 25)
    assert room.subjects == ["geography", "history"]
    assert room.languages == ["es", "en"]
    assert room.sdgs == [4, 13]
    assert periods_of(room) == [(0, 540, 630), (0, 780, 850), (3, 480, 540)]


def test_new_classroom_gets_a_join_code_students_can_use(teacher_client, classroom_data, client):
    """Classroom.join_code is None only "when the teacher turned joining off" (models.py):
    a class just created through the form must have a code to share."""
    create(teacher_client, classroom_data())
    room = Classroom.objects.get(name="7th grade A")
    assert room.join_code, "a new classroom has joining turned off"
    roster = teacher_client.get(reverse("classroom_students", args=[room.pk]))
    assert "Joining is turned off" not in roster.text


def test_classroom_detail_shows_its_timetable(teacher_client, classroom):
    response = teacher_client.get(reverse("classroom_detail", args=[classroom.pk]))
    assert "13:00–14:10" in response.text
    assert "1 h 10 min" in response.text
    assert "America/Argentina/Cordoba" in response.text


def test_classroom_create_sends_a_teacher_without_school_to_add_it(client, login_client, staff):
    staff_client = login_client(staff)
    response = staff_client.get(reverse("classroom_create"))
    assert response["Location"] == reverse("school_detail")
    response = staff_client.post(reverse("classroom_create"), {"name": "X"})
    assert response["Location"] == reverse("school_detail")
    assert not Classroom.objects.exists()


def test_timetable_offers_only_the_schools_days(teacher, partner_teacher):
    argentina = TimetableForm(school=teacher.school)
    india = TimetableForm(school=partner_teacher.school)
    assert list(argentina.fields) == ["day_0", "day_1", "day_2", "day_3", "day_4"]
    assert list(india.fields) == ["day_0", "day_1", "day_2", "day_3", "day_4", "day_5"]
    dhaka = SchoolFactory.build(country="BD", time_zone="Asia/Dhaka", weekend_days=[4, 5])
    assert list(TimetableForm(school=dhaka).fields) == ["day_0", "day_1", "day_2", "day_3", "day_6"]


def test_periods_on_weekend_days_are_ignored(teacher_client, classroom_data):
    create(teacher_client, classroom_data(day_5="09:00-10:00", day_6="09:00-10:00"))
    assert periods_of(Classroom.objects.get(name="7th grade A")) == [(1, 780, 850)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9-10", [(540, 600)]),
        ("09.00 to 10.30", [(540, 630)]),
        ("13h00–14h10", [(780, 850)]),
        ("13:00 — 14:10", [(780, 850)]),
        ("13:00-14:10; 08:00-09:00", [(480, 540), (780, 850)]),
        ("08:00-09:00\n10:00-11:00", [(480, 540), (600, 660)]),
        ("08:00-09:00, 09:00-10:00", [(480, 540), (540, 600)]),
        ("00:00-24:00", [(0, 1440)]),
        (" , ,", []),
    ],
)
def test_timetable_accepts_the_ways_people_write_periods(teacher, text, expected):
    form = TimetableForm(data={"day_2": text}, school=teacher.school)
    assert form.is_valid(), form.errors
    assert [(p.start, p.end) for p in form.periods()] == expected


# ---- refused timetables: nothing saved -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("14:00-13:00", "14:00–13:00 ends before it starts."),
        ("13:00-13:00", "13:00–13:00 ends before it starts."),
        ("09:00-10:30, 10:00-11:00", "09:00–10:30 and 10:00–11:00 overlap."),
        ("09:00-12:00, 10:00-11:00", "09:00–12:00 and 10:00–11:00 overlap."),
        ("lunch time", "Write each period as 09:00-10:30, not “lunch time”."),
        ("9:00", "Write each period as 09:00-10:30, not “9:00”."),
        ("25:00-26:00", "“25:00-26:00” is not a time of day."),
        ("10:60-11:00", "“10:60-11:00” is not a time of day."),
        ("23:00-24:30", "“23:00-24:30” is not a time of day."),
    ],
)
def test_wrong_timetable_is_refused_with_a_message_and_nothing_saved(
    teacher_client, classroom_data, row_counts, text, message
):
    before = row_counts()
    response = create(teacher_client, classroom_data(day_2=text))
    assert response.status_code == 200
    assert response.context["timetable_form"].errors["day_2"] == [message]
    assert row_counts() == before


def test_each_wrong_day_gets_its_own_message(teacher):
    form = TimetableForm(data={"day_0": "x", "day_4": "10-9"}, school=teacher.school)
    assert not form.is_valid()
    assert set(form.errors) == {"day_0", "day_4"}


def test_live_classroom_with_an_empty_timetable_is_refused(
    teacher_client, classroom_data, row_counts
):
    before = row_counts()
    response = create(teacher_client, classroom_data(day_1=""))
    assert response.status_code == 200
    assert response.context["timetable_form"].non_field_errors() == [
        "Add at least one period when your class could meet live, "
        "or choose asynchronous exchange only."
    ]
    assert row_counts() == before


def test_async_classroom_without_a_timetable_is_accepted(teacher_client, classroom_data):
    response = create(teacher_client, classroom_data(day_1="", exchange_mode="async"))
    assert response.status_code == 302
    room = Classroom.objects.get(name="7th grade A")
    assert room.exchange_mode == "async"
    assert periods_of(room) == []


# ---- ages and the other classroom fields --------------------------------------------------


def test_youngest_older_than_oldest_is_refused_on_the_oldest_field(
    teacher_client, classroom_data, row_counts
):
    before = row_counts()
    response = create(teacher_client, classroom_data(age_min="14", age_max="12"))
    assert response.status_code == 200
    assert response.context["form"].errors["age_max"] == [
        "The oldest students can't be younger than the youngest."
    ]
    assert row_counts() == before


def test_one_age_class_is_allowed(classroom_data):
    form = ClassroomForm(data=classroom_data(age_min="9", age_max="9"))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("age_min", "age_max", "field", "message"),
    [
        ("2", "10", "age_min", "Ensure this value is greater than or equal to 3."),
        ("10", "20", "age_max", "Ensure this value is less than or equal to 19."),
        ("-1", "10", "age_min", "Ensure this value is greater than or equal to 0."),
        ("ten", "12", "age_min", "Enter a whole number."),
        ("", "12", "age_min", "This field is required."),
    ],
)
def test_ages_outside_3_to_19_are_refused(
    teacher_client, classroom_data, row_counts, age_min, age_max, field, message
):
    before = row_counts()
    response = create(teacher_client, classroom_data(age_min=age_min, age_max=age_max))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert row_counts() == before


@pytest.mark.parametrize("count", ["0", "201", "-3", "2.5"])
def test_student_count_must_be_1_to_200(classroom_data, count):
    form = ClassroomForm(data=classroom_data(student_count=count))
    assert not form.is_valid()
    assert "student_count" in form.errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("subjects", ["astrology"]),
        ("subjects", []),
        ("languages", ["xx"]),
        ("languages", []),
        ("languages", ["en", "es", "fr", "de", "it", "pt", "hi"]),
        ("sdgs", ["18"]),
        ("sdgs", ["zero"]),
        ("approaches", ["conquer"]),
        ("exchange_mode", "telepathy"),
        ("english_level", "D9"),
    ],
)
def test_choices_outside_the_vocabulary_are_refused(classroom_data, field, value):
    form = ClassroomForm(data=classroom_data(**{field: value}))
    assert not form.is_valid()
    assert field in form.errors


@pytest.mark.parametrize("field", ["name", "grade_label"])
def test_name_and_grade_of_only_spaces_or_controls_are_refused(classroom_data, field):
    form = ClassroomForm(data=classroom_data(**{field: "  \x1b\x07 "}))
    assert not form.is_valid()
    assert form.errors[field] == ["This field is required."]


# ---- the database keeps the rules even when a form is bypassed -------------------------------


@pytest.mark.parametrize(("age_min", "age_max"), [(12, 11), (2, 10), (10, 20), (0, 0), (19, 3)])
def test_database_refuses_bad_age_ranges(teacher, age_min, age_max):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClassroomFactory(teacher=teacher, age_min=age_min, age_max=age_max)
    assert not Classroom.objects.exists()


def test_database_refuses_an_age_range_broken_by_an_update(classroom):
    with pytest.raises(IntegrityError), transaction.atomic():
        Classroom.objects.filter(pk=classroom.pk).update(age_min=15, age_max=12)
    classroom.refresh_from_db()
    assert (classroom.age_min, classroom.age_max) == (11, 12)


@pytest.mark.parametrize(("weekday", "start", "end"), [(1, 600, 600), (1, 600, 540), (7, 540, 600)])
def test_database_refuses_bad_periods(classroom, weekday, start, end):
    before = AvailabilityPeriod.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        AvailabilityPeriodFactory(
            classroom=classroom, weekday=weekday, start_minute=start, end_minute=end
        )
    assert AvailabilityPeriod.objects.count() == before


def test_join_codes_are_unique_in_the_database(classroom, outsider):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClassroomFactory(teacher=outsider, join_code=classroom.join_code)


def test_many_classrooms_may_have_joining_turned_off(teacher):
    ClassroomFactory.create_batch(3, teacher=teacher, join_code=None)
    assert Classroom.objects.filter(join_code=None).count() == 3


# ---- editing -----------------------------------------------------------------------------


def test_edit_form_shows_the_current_timetable(teacher_client, classroom):
    response = teacher_client.get(reverse("classroom_edit", args=[classroom.pk]))
    assert response.status_code == 200
    assert response.context["timetable_form"]["day_1"].value() == "13:00-14:10"


def test_editing_replaces_the_timetable(teacher_client, classroom, classroom_data):
    response = teacher_client.post(
        reverse("classroom_edit", args=[classroom.pk]),
        classroom_data(name="6th grade B", day_0="09:00-10:00", day_1="", day_4="11:00-12:00"),
    )
    assert response.status_code == 302
    assert periods_of(classroom) == [(0, 540, 600), (4, 660, 720)]
    classroom.refresh_from_db()
    assert classroom.age_min == 12


def test_refused_edit_keeps_the_old_classroom_and_timetable(
    teacher_client, classroom, classroom_data, row_counts
):
    before = row_counts()
    response = teacher_client.post(
        reverse("classroom_edit", args=[classroom.pk]),
        classroom_data(name="Renamed", day_0="09:00-10:00, 09:30-11:00", day_1=""),
    )
    assert response.status_code == 200
    assert row_counts() == before
    classroom.refresh_from_db()
    assert classroom.name == "6th grade B"
    assert periods_of(classroom) == [(1, 780, 850)]


def test_edit_to_live_without_periods_is_refused(teacher_client, teacher, classroom_data):
    room = ClassroomFactory(teacher=teacher, exchange_mode="async", name="Club")
    response = teacher_client.post(
        reverse("classroom_edit", args=[room.pk]), classroom_data(name="Club", day_1="")
    )
    assert response.status_code == 200
    room.refresh_from_db()
    assert room.exchange_mode == "async"


def test_timetable_update_is_atomic_when_writing_the_periods_fails(classroom, monkeypatch):
    """If the new periods can't be written, the classroom keeps its old fields and periods."""

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AvailabilityPeriod.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        services.classroom_update(
            classroom=classroom,
            data={"name": "Half saved?"},
            periods=[Period(0, 540, 600)],
        )
    classroom.refresh_from_db()
    assert classroom.name == "6th grade B"
    assert periods_of(classroom) == [(1, 780, 850)]


def test_timetable_update_refuses_overlaps_even_past_the_form(classroom):
    from orbis.core.timetable import TimetableError

    with pytest.raises(TimetableError):
        services.classroom_update(
            classroom=classroom,
            data={"name": "Bypassed"},
            periods=[Period(0, 540, 600), Period(0, 570, 630)],
        )
    classroom.refresh_from_db()
    assert classroom.name == "6th grade B"
    assert periods_of(classroom) == [(1, 780, 850)]


def test_create_is_atomic_when_writing_the_periods_fails(teacher, monkeypatch):
    monkeypatch.setattr(
        AvailabilityPeriod.objects,
        "bulk_create",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("disk full")),
    )
    data = {
        "name": "Ghost",
        "grade_label": "1",
        "age_min": 6,
        "age_max": 7,
        "student_count": 20,
        "subjects": ["arts"],
        "languages": ["es"],
    }
    with pytest.raises(RuntimeError):
        services.classroom_create(teacher=teacher, data=data, periods=[Period(0, 540, 600)])
    assert not Classroom.objects.filter(name="Ghost").exists()


# ---- deleting ----------------------------------------------------------------------------


def test_delete_asks_first(teacher_client, classroom):
    response = teacher_client.get(reverse("classroom_delete", args=[classroom.pk]))
    assert response.status_code == 200
    assert "Delete 6th grade B?" in response.text
    assert Classroom.objects.filter(pk=classroom.pk).exists()


def test_delete_removes_the_classroom_its_timetable_and_students(
    teacher_client, classroom, student
):
    response = teacher_client.post(reverse("classroom_delete", args=[classroom.pk]))
    assert response["Location"] == reverse("classroom_list")
    assert not Classroom.objects.exists()
    assert not AvailabilityPeriod.objects.exists()
    assert not type(student).objects.exists()

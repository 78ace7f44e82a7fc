"""The teacher's profile and the dashboard: onboarding checklist and what needs attention."""

import pytest
from django.urls import reverse

from tests.factories import (
    AvailabilityPeriodFactory,
    ClassroomFactory,
    SchoolTermFactory,
    StudentFactory,
    TeacherFactory,
)


def profile_data(**overrides) -> dict:
    data = {
        "display_name": "Gisel Fernández",
        "languages": ["es", "en", "pt"],
        "subjects": ["geography", "history"],
        "bio": "Geografía en Rosario.",
        "open_to_partnerships": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# ---- profile -----------------------------------------------------------------------------


def test_profile_page_shows_the_login_email(teacher_client):
    response = teacher_client.get(reverse("profile_edit"))
    assert response.status_code == 200
    assert "gisel@school.test" in response.text


def test_saving_the_profile(teacher_client, teacher):
    response = teacher_client.post(reverse("profile_edit"), profile_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    teacher.refresh_from_db()
    assert teacher.display_name == "Gisel Fernández"
    assert teacher.languages == ["es", "en", "pt"]
    assert teacher.subjects == ["geography", "history"]
    assert teacher.bio == "Geografía en Rosario."
    assert teacher.open_to_partnerships is True


def test_unticked_partnerships_box_saves_false(teacher_client, teacher):
    teacher_client.post(reverse("profile_edit"), profile_data(open_to_partnerships=None))
    teacher.refresh_from_db()
    assert teacher.open_to_partnerships is False


def test_profile_form_cannot_change_email_school_or_staff(teacher_client, teacher, outsider):
    teacher_client.post(
        reverse("profile_edit"),
        profile_data(
            email="evil@x.test", school=outsider.school_id, is_staff="on", is_superuser="on"
        ),
    )
    teacher.refresh_from_db()
    assert teacher.email == "gisel@school.test"
    assert teacher.school.name == "Escuela Rosario"
    assert not teacher.is_staff and not teacher.is_superuser


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "\x1b\x07"}, "display_name"),
        ({"display_name": "x" * 81}, "display_name"),
        ({"languages": []}, "languages"),
        ({"languages": ["klingon"]}, "languages"),
        (
            {
                "languages": [
                    "en",
                    "es",
                    "fr",
                    "de",
                    "it",
                    "pt",
                    "hi",
                    "ar",
                    "zh",
                    "ja",
                    "ko",
                    "ru",
                    "tr",
                ]
            },
            "languages",
        ),
        ({"subjects": []}, "subjects"),
        ({"subjects": ["alchemy"]}, "subjects"),
        ({"bio": "b" * 601}, "bio"),
    ],
)
def test_refused_profile_changes_nothing(teacher_client, teacher, overrides, field):
    response = teacher_client.post(reverse("profile_edit"), profile_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    teacher.refresh_from_db()
    assert teacher.display_name == "Gisel"
    assert teacher.languages == ["es", "en"]


def test_twelve_languages_are_allowed(teacher_client, teacher):
    twelve = ["en", "es", "fr", "de", "it", "pt", "hi", "ar", "zh", "ja", "ko", "ru"]
    assert (
        teacher_client.post(reverse("profile_edit"), profile_data(languages=twelve)).status_code
        == 302
    )


def test_control_characters_are_stripped_from_name_and_bio(teacher_client, teacher):
    teacher_client.post(
        reverse("profile_edit"),
        profile_data(display_name=" Gi\x1bsel ", bio="Line one\nLine\x07 two\t!"),
    )
    teacher.refresh_from_db()
    assert teacher.display_name == "Gisel"
    assert teacher.bio == "Line one\nLine two\t!"


# ---- dashboard: the onboarding checklist ------------------------------------------------------


def next_step(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response, response.context["next_step"]


def test_incomplete_profile_is_the_next_step(login_client, db):
    newcomer = TeacherFactory(display_name="", school=None, languages=[], subjects=[])
    response, step = next_step(login_client(newcomer))
    assert step.label == "Complete your profile"
    assert step.url == reverse("profile_edit")
    assert f'href="{reverse("profile_edit")}">Next: Complete your profile' in response.text


def test_after_the_profile_the_next_step_is_the_school(login_client, db):
    newcomer = TeacherFactory(school=None)
    _, step = next_step(login_client(newcomer))
    assert step.label == "Add your school"
    assert step.url == reverse("school_detail")


def test_after_the_school_the_next_step_is_a_classroom(teacher_client, teacher):
    response, step = next_step(teacher_client)
    assert step.label == "Add a classroom and its timetable"
    assert step.url == reverse("classroom_create")
    labels = [(s.label, s.done) for s in response.context["steps"]]
    assert labels[:4] == [
        ("Confirm your email", True),
        ("Complete your profile", True),
        ("Add your school", True),
        ("Add a classroom and its timetable", False),
    ]


def test_checklist_moves_along_as_the_teacher_completes_it(login_client, db):
    newcomer = TeacherFactory(display_name="", school=None, languages=[], subjects=[])
    client = login_client(newcomer)
    assert next_step(client)[1].label == "Complete your profile"
    client.post(reverse("profile_edit"), profile_data())
    assert next_step(client)[1].label == "Add your school"
    client.post(
        reverse("school_create"),
        {"name": "Liceo", "country": "IT", "city": "Roma", "time_zone": ""},
    )
    assert next_step(client)[1].label == "Add a classroom and its timetable"


def test_a_live_classroom_without_timetable_does_not_complete_the_classroom_step(
    teacher_client, teacher
):
    ClassroomFactory(teacher=teacher, exchange_mode="live")
    assert next_step(teacher_client)[1].label == "Add a classroom and its timetable"


@pytest.mark.parametrize("mode", ["live", "async"])
def test_a_ready_classroom_completes_the_classroom_step(teacher_client, teacher, mode):
    room = ClassroomFactory(teacher=teacher, exchange_mode=mode)
    if mode == "live":
        AvailabilityPeriodFactory(classroom=room)
    _, step = next_step(teacher_client)
    assert step.label == "Find a partner class"
    assert step.url == reverse("partner_search")


# ---- dashboard: what needs attention ----------------------------------------------------------


def attention(client) -> list[tuple[str, str]]:
    response = client.get(reverse("dashboard"))
    return [(item.message, item.url) for item in response.context["attention"]]


def test_live_classroom_without_timetable_needs_attention(teacher_client, teacher):
    room = ClassroomFactory(teacher=teacher, name="Club de ciencias", exchange_mode="live")
    items = attention(teacher_client)
    assert (
        "Club de ciencias wants live sessions but has no timetable.",
        reverse("classroom_edit", args=[room.pk]),
    ) in items
    response = teacher_client.get(reverse("dashboard"))
    assert "Club de ciencias wants live sessions but has no timetable." in response.text


def test_async_classroom_without_timetable_needs_no_timetable(teacher_client, teacher):
    ClassroomFactory(teacher=teacher, name="Club", exchange_mode="async")
    assert not any("timetable" in message for message, _ in attention(teacher_client))


def test_classroom_without_students_asks_to_share_the_code(teacher_client, classroom):
    assert (
        "No student of 6th grade B has joined yet: share the class code.",
        reverse("classroom_students", args=[classroom.pk]),
    ) in attention(teacher_client)


def test_classroom_with_a_student_and_timetable_needs_nothing(teacher_client, classroom, student):
    assert not any("6th grade B" in message for message, _ in attention(teacher_client))


def test_school_without_terms_asks_for_them(teacher_client, teacher):
    items = attention(teacher_client)
    assert (
        "Add your school's terms and breaks so partners can plan with you.",
        reverse("school_detail") + "#terms",
    ) in items
    SchoolTermFactory(school=teacher.school)
    assert not any("terms" in message for message, _ in attention(teacher_client))


def test_teacher_without_school_is_asked_to_add_it(login_client, db):
    newcomer = TeacherFactory(school=None)
    assert (
        "Tell partner classes where you teach: add your school.",
        reverse("school_detail"),
    ) in attention(login_client(newcomer))


def test_attention_names_are_escaped(teacher_client, teacher):
    ClassroomFactory(teacher=teacher, name="<script>alert(1)</script>", exchange_mode="live")
    response = teacher_client.get(reverse("dashboard"))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_students_of_other_classes_do_not_count(teacher_client, classroom, partner_teacher):
    StudentFactory(classroom=ClassroomFactory(teacher=partner_teacher))
    assert any("No student of 6th grade B" in message for message, _ in attention(teacher_client))

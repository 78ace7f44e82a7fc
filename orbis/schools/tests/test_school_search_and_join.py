"""Finding a school by name, city or country, and joining it with one's classrooms."""

import pytest
from django.urls import reverse

from orbis.schools.models import School
from tests.factories import SchoolFactory, TeacherFactory


@pytest.fixture
def schools(teacher, partner_teacher):
    SchoolFactory(name="Liceo Galilei", country="IT", city="Roma", time_zone="Europe/Rome")
    SchoolFactory(name="Escuela Belgrano", country="AR", city="Córdoba")
    return School.objects.all()


def found(response) -> list[str]:
    return [school.name for school in response.context["page"].object_list]


def test_search_without_words_lists_every_school(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"))
    assert found(response) == sorted(s.name for s in schools)


def test_search_by_name_ignores_case(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "galilei"})
    assert found(response) == ["Liceo Galilei"]


def test_search_by_city(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "Delhi"})
    assert found(response) == ["Delhi Public School"]


def test_search_by_country(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"country": "AR"})
    assert found(response) == ["Escuela Belgrano", "Escuela Rosario"]


def test_search_by_words_and_country(teacher_client, schools):
    response = teacher_client.get(reverse("school_search"), {"q": "escuela", "country": "IT"})
    assert found(response) == []
    assert "No school matches" in response.text


def test_search_counts_teachers(teacher_client, schools, teacher):
    TeacherFactory(school=teacher.school)
    response = teacher_client.get(reverse("school_search"), {"q": "Rosario"})
    assert [s.teacher_count for s in response.context["page"].object_list] == [2]


def test_search_pages_by_twenty(teacher_client, db):
    SchoolFactory.create_batch(25, name="Escuela Test")
    first = teacher_client.get(reverse("school_search"), {"q": "test"})
    second = teacher_client.get(reverse("school_search"), {"q": "test", "page": "2"})
    assert len(first.context["page"].object_list) == 20
    assert len(second.context["page"].object_list) == 5
    garbage = teacher_client.get(reverse("school_search"), {"q": "test", "page": "zzz"})
    assert garbage.status_code == 200


def test_her_own_school_is_marked_not_joinable(teacher_client, teacher):
    response = teacher_client.get(reverse("school_search"), {"q": "Rosario"})
    assert "Your school" in response.text
    assert reverse("school_join", args=[teacher.school_id]) not in response.text


def test_joining_a_school_moves_the_teacher_and_her_classrooms(
    teacher_client, teacher, classroom, partner_teacher
):
    school = partner_teacher.school
    response = teacher_client.post(reverse("school_join", args=[school.pk]))
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.school == school
    classroom.refresh_from_db()
    assert classroom.teacher.school == school
    page = teacher_client.get(reverse("school_detail"))
    assert "Gisel" in page.text and "Jhansi" in page.text

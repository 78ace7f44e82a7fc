"""The partner search index each web process holds (orbis/partners/index.py): every write the
search depends on makes it out of date, bulk writes included; nothing else does."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from orbis.classrooms.services import classroom_update
from orbis.moderation.tests.test_decisions import decide, make_report
from orbis.partners import index
from orbis.privacy.services import account_delete
from orbis.schools.services import school_set_verified
from tests.factories import AvailabilityPeriodFactory, ClassroomFactory, SchoolFactory


@pytest.fixture
def delhi(delhi):
    """Jhansi's class, free Tuesday 21:00–23:00 in Delhi: 70 minutes shared with Gisel's."""
    AvailabilityPeriodFactory(classroom=delhi, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    return delhi


def found(client, **params) -> list[str]:
    response = client.get(reverse("partner_search"), params)
    assert response.status_code == 200
    page = response.context["page"]
    return [result.classroom.name for result, _why in page.object_list]


def generation():
    return cache.get(index.GENERATION_KEY)


def test_an_edited_classroom_is_searched_as_it_is_now(teacher_client, classroom, delhi):
    assert found(teacher_client) == ["Class of Delhi"]
    classroom_update(classroom=delhi, data={"age_min": 16, "age_max": 17}, periods=delhi.periods())
    assert found(teacher_client) == []  # five years apart now
    classroom_update(classroom=delhi, data={"age_min": 10, "age_max": 11}, periods=[])
    assert found(teacher_client) == []  # wants live, no timetable left
    AvailabilityPeriodFactory(classroom=delhi, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    assert found(teacher_client) == ["Class of Delhi"]


def test_a_new_classroom_and_a_verified_school_are_seen_at_once(
    teacher_client, classroom, delhi, staff
):
    assert found(teacher_client, verified_only="on") == []
    school_set_verified(school=delhi.teacher.school, verified=True, by=staff)
    assert found(teacher_client, verified_only="on") == ["Class of Delhi"]
    school = SchoolFactory(country="KE", time_zone="Africa/Nairobi")
    nairobi = ClassroomFactory(teacher__school=school, name="Nairobi", languages=["en"])
    AvailabilityPeriodFactory(
        classroom=nairobi, weekday=1, start_minute=19 * 60, end_minute=20 * 60
    )
    assert "Nairobi" in found(teacher_client)


def test_a_suspended_or_deleted_teachers_classes_leave_the_search(
    teacher_client, classroom, delhi, partner_teacher, staff, login_client
):
    """Suspension and anonymisation write with queryset updates, which send no signal."""
    staff_client = login_client(staff)
    assert found(teacher_client) == ["Class of Delhi"]
    decide(staff_client, make_report(teacher_client, "profile", partner_teacher.pk), "suspend")
    assert found(teacher_client) == []

    other = ClassroomFactory(teacher__school=delhi.teacher.school, name="Lviv", languages=["en"])
    AvailabilityPeriodFactory(classroom=other, weekday=1, start_minute=21 * 60, end_minute=23 * 60)
    assert found(teacher_client) == ["Lviv"]
    account_delete(user=other.teacher, anonymise=True)
    assert found(teacher_client) == []


def test_a_login_does_not_rebuild_the_index(teacher, partner_teacher):
    before = generation()
    partner_teacher.last_login = timezone.now()
    partner_teacher.save(update_fields=["last_login"])
    assert generation() == before
    partner_teacher.only_verified_partners = True
    partner_teacher.save(update_fields=["only_verified_partners"])
    assert generation() != before


def test_one_transaction_says_so_once_more_when_it_commits(classroom, delhi):
    before = generation()
    for age in (12, 13, 14):
        delhi.age_max = age
        delhi.save()
    assert generation() != before  # at once: this process sees it
    # ...and every process once more after the commit (pytest-django's test transaction).
    waiting = transaction.get_connection().run_on_commit
    assert [func for _savepoints, func, _robust in waiting].count(index._new_generation) == 1


def test_an_old_index_is_rebuilt_whatever_the_cache_says(teacher_client, classroom, delhi):
    """The safety net for a write that neither a signal nor `invalidate` saw."""
    assert found(teacher_client) == ["Class of Delhi"]
    type(delhi).objects.filter(pk=delhi.pk).update(looking_for_partners=False)
    assert found(teacher_client) == ["Class of Delhi"]  # not seen yet...
    built = index._built
    index._built = built.__class__(built.generation, built.monday, -1e9, built.index)
    assert found(teacher_client) == []  # ...until the index is too old


def test_a_classroom_deleted_after_the_index_was_built_drops_out_of_the_page(
    teacher_client, classroom, delhi
):
    assert found(teacher_client) == ["Class of Delhi"]
    type(delhi).objects.filter(pk=delhi.pk).delete()  # no rebuild: the page must cope
    cache.set(index.GENERATION_KEY, index._built.generation, None)
    assert found(teacher_client) == []

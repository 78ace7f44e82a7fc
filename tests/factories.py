"""Factories for tests: the personas every test reuses (see conftest.py)."""

import factory
from allauth.account.models import EmailAddress

from orbis.accounts.models import User
from orbis.classrooms.codes import new_join_code
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.schools.models import School, SchoolTerm
from orbis.students.codes import new_secret_word
from orbis.students.models import Student


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    country = "AR"
    city = "Rosario"
    time_zone = "America/Argentina/Cordoba"
    weekend_days = factory.LazyFunction(lambda: [5, 6])


class SchoolTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolTerm

    school = factory.SubFactory(SchoolFactory)
    name = "First term"
    starts_on = "2026-03-02"
    ends_on = "2026-07-10"


class TeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"teacher{n}@school.test")
    display_name = factory.Sequence(lambda n: f"Teacher {n}")
    school = factory.SubFactory(SchoolFactory)
    languages = factory.LazyFunction(lambda: ["es", "en"])
    subjects = factory.LazyFunction(lambda: ["geography"])
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Teachers have confirmed their email unless built with verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class ClassroomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Classroom

    teacher = factory.SubFactory(TeacherFactory)
    name = factory.Sequence(lambda n: f"Class {n}")
    grade_label = "Grade 6"
    age_min = 11
    age_max = 12
    student_count = 24
    subjects = factory.LazyFunction(lambda: ["geography"])
    languages = factory.LazyFunction(lambda: ["es", "en"])
    join_code = factory.LazyFunction(new_join_code)


class AvailabilityPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AvailabilityPeriod

    classroom = factory.SubFactory(ClassroomFactory)
    weekday = 1
    start_minute = 13 * 60
    end_minute = 14 * 60 + 10


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    classroom = factory.SubFactory(ClassroomFactory)
    nickname = factory.Sequence(lambda n: f"Star {n}")
    nickname_key = factory.LazyAttribute(lambda student: Student.key_for(student.nickname))
    secret = factory.LazyFunction(new_secret_word)

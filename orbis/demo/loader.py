"""Write a generated World (orbis.core.world) to the database, idempotently.

Rows are matched by their natural keys (schools by name, country and city; teachers by email;
classrooms by teacher and name; students by classroom and nickname), and only the missing ones
are inserted, in bulk, so loading twice creates nothing new and 10,000 teachers load in seconds.
Existing rows are never changed: a demo teacher who edited her classroom keeps her edits.
Terms and timetables are created with their new school or classroom only.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction

from orbis.accounts.models import User
from orbis.classrooms.codes import new_join_code
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.core.world import EMAIL_DOMAIN, World
from orbis.partners import index as partner_index
from orbis.schools.models import School, SchoolTerm
from orbis.students.models import Student

DEMO_PASSWORD = "orbis-demo"
DEMO_STAFF_EMAIL = f"moderator@{EMAIL_DOMAIN}"
BATCH_SIZE = 2000
# Rows looked up per `IN (…)` query: below SQLite's historical limit of 999 parameters.
LOOKUP_SIZE = 900

T = TypeVar("T")


@dataclass
class LoadReport:
    """How many rows of each kind load_world created."""

    schools: int = 0
    terms: int = 0
    teachers: int = 0
    email_addresses: int = 0
    classrooms: int = 0
    periods: int = 0
    students: int = 0
    # New classrooms whose join code another classroom already had got a fresh one.
    join_codes_replaced: int = 0

    @property
    def created(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self) if f.name != "join_codes_replaced")

    def summary(self) -> str:
        parts = [
            f"{getattr(self, f.name)} {f.name.replace('_', ' ')}"
            for f in fields(self)
            if f.name != "join_codes_replaced"
        ]
        return "created " + ", ".join(parts)


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _bulk_create(model, rows: list) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def load_staff(password: str) -> User:
    """The demo's staff account (moderation queue, challenges, school verification,
    /ops/status/), with a confirmed email; made once, never changed afterwards."""
    staff, created = User.objects.get_or_create(
        email=DEMO_STAFF_EMAIL, defaults={"display_name": "Orbis moderator", "is_staff": True}
    )
    if created:
        staff.set_password(password)
        staff.save(update_fields=["password"])
        EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    return staff


def load_world(world: World, *, password: str) -> LoadReport:
    """Create the schools, teachers (who can log in with `password`), classrooms and students of
    `world` that the database does not have yet."""
    report = LoadReport()
    with transaction.atomic():
        school_ids = _load_schools(world, report)
        teacher_ids = _load_teachers(world, school_ids, make_password(password), report)
        _load_email_addresses(world, teacher_ids, report)
        classroom_ids = _load_classrooms(world, teacher_ids, report)
        _load_students(world, classroom_ids, report)
        partner_index.invalidate()  # bulk inserts send no signals
    return report


def _load_schools(world: World, report: LoadReport) -> dict[str, int]:
    """School ids by world key; new schools get their terms."""

    def existing() -> dict[tuple[str, str, str], int]:
        found: dict[tuple[str, str, str], int] = {}
        names = sorted({spec.name for spec in world.schools})
        for batch in _chunks(names, LOOKUP_SIZE):
            rows = School.objects.filter(name__in=batch).order_by("pk")
            for pk, name, country, city in rows.values_list("pk", "name", "country", "city"):
                found.setdefault((name, str(country), city), pk)
        return found

    before = existing()
    new = [spec for spec in world.schools if (spec.name, spec.country, spec.city) not in before]
    _bulk_create(
        School,
        [
            School(
                name=spec.name,
                country=spec.country,
                city=spec.city,
                time_zone=spec.time_zone,
                weekend_days=list(spec.weekend_days),
            )
            for spec in new
        ],
    )
    report.schools = len(new)
    ids = existing() if new else before
    school_ids = {spec.key: ids[(spec.name, spec.country, spec.city)] for spec in world.schools}

    terms = [
        SchoolTerm(
            school_id=school_ids[spec.key],
            kind=term.kind,
            name=term.name,
            starts_on=term.starts_on,
            ends_on=term.ends_on,
        )
        for spec in new
        for term in spec.terms
    ]
    _bulk_create(SchoolTerm, terms)
    report.terms = len(terms)
    return school_ids


def _ids_by_email(emails: Sequence[str]) -> dict[str, int]:
    found = {}
    for batch in _chunks(emails, LOOKUP_SIZE):
        for pk, email in User.objects.filter(email__in=batch).values_list("pk", "email"):
            found[email] = pk
    return found


def _load_teachers(
    world: World, school_ids: dict[str, int], password_hash: str, report: LoadReport
) -> dict[str, int]:
    """Teacher ids by email. Every new teacher gets the same, once-computed password hash."""
    emails = [spec.email for spec in world.teachers]
    before = _ids_by_email(emails)
    new = [spec for spec in world.teachers if spec.email not in before]
    _bulk_create(
        User,
        [
            User(
                email=spec.email,
                password=password_hash,
                display_name=spec.display_name,
                school_id=school_ids[spec.school_key],
                languages=list(spec.languages),
                subjects=list(spec.subjects),
                bio=spec.bio,
                open_to_partnerships=spec.open_to_partnerships,
            )
            for spec in new
        ],
    )
    report.teachers = len(new)
    return _ids_by_email(emails) if new else before


def _load_email_addresses(world: World, teacher_ids: dict[str, int], report: LoadReport) -> None:
    """A verified primary address for each teacher who has no address row yet (allauth requires
    a verified address to log in)."""
    has_address: set[int] = set()
    taken: set[str] = set()
    emails = [spec.email for spec in world.teachers]
    for batch in _chunks(emails, LOOKUP_SIZE):
        ids = [teacher_ids[email] for email in batch]
        has_address.update(
            EmailAddress.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
        )
        taken.update(
            email.lower()
            for email in EmailAddress.objects.filter(email__in=batch).values_list(
                "email", flat=True
            )
        )
    rows = [
        EmailAddress(user_id=teacher_ids[email], email=email, verified=True, primary=True)
        for email in emails
        if teacher_ids[email] not in has_address and email.lower() not in taken
    ]
    _bulk_create(EmailAddress, rows)
    report.email_addresses = len(rows)


def _classroom_ids(teacher_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    found: dict[tuple[int, str], int] = {}
    for batch in _chunks(sorted(set(teacher_ids)), LOOKUP_SIZE):
        rows = Classroom.objects.filter(teacher_id__in=batch).order_by("pk")
        for pk, teacher_id, name in rows.values_list("pk", "teacher_id", "name"):
            found.setdefault((teacher_id, name), pk)
    return found


def _taken_codes(codes: Sequence[str]) -> set[str]:
    taken: set[str] = set()
    for batch in _chunks(codes, LOOKUP_SIZE):
        taken.update(
            Classroom.objects.filter(join_code__in=batch).values_list("join_code", flat=True)
        )
    return taken


def _load_classrooms(
    world: World, teacher_ids: dict[str, int], report: LoadReport
) -> dict[str, int]:
    """Classroom ids by world key; new classrooms get their timetables."""
    before = _classroom_ids(teacher_ids.values())
    new = [
        spec
        for spec in world.classrooms
        if (teacher_ids[spec.teacher_email], spec.name) not in before
    ]
    taken = _taken_codes([spec.join_code for spec in new])
    in_use = taken | {spec.join_code for spec in world.classrooms}
    rows = []
    for spec in new:
        code = spec.join_code
        if code in taken:
            # Someone else's classroom has it (an edited demo, another seed): draw a fresh one.
            while code in in_use:
                code = new_join_code()
            in_use.add(code)
            report.join_codes_replaced += 1
        rows.append(
            Classroom(
                teacher_id=teacher_ids[spec.teacher_email],
                name=spec.name,
                grade_label=spec.grade_label,
                age_min=spec.age_min,
                age_max=spec.age_max,
                student_count=spec.student_count,
                subjects=list(spec.subjects),
                languages=list(spec.languages),
                english_level=spec.english_level,
                sdgs=list(spec.sdgs),
                approaches=list(spec.approaches),
                exchange_mode=spec.exchange_mode,
                looking_for_partners=spec.looking_for_partners,
                join_code=code,
            )
        )
    _bulk_create(Classroom, rows)
    report.classrooms = len(rows)
    ids = _classroom_ids(teacher_ids.values()) if new else before
    classroom_ids = {
        spec.key: ids[(teacher_ids[spec.teacher_email], spec.name)] for spec in world.classrooms
    }

    periods = [
        AvailabilityPeriod(
            classroom_id=classroom_ids[spec.key],
            weekday=period.weekday,
            start_minute=period.start,
            end_minute=period.end,
        )
        for spec in new
        for period in spec.periods
    ]
    _bulk_create(AvailabilityPeriod, periods)
    report.periods = len(periods)
    return classroom_ids


def _load_students(world: World, classroom_ids: dict[str, int], report: LoadReport) -> None:
    existing: set[tuple[int, str]] = set()
    for batch in _chunks(sorted(set(classroom_ids.values())), LOOKUP_SIZE):
        rows = Student.objects.filter(classroom_id__in=batch)
        existing.update(rows.values_list("classroom_id", "nickname_key"))
    new = []
    for spec in world.students:
        key = (classroom_ids[spec.classroom_key], Student.key_for(spec.nickname))
        if key not in existing:
            existing.add(key)
            new.append(
                Student(
                    classroom_id=key[0],
                    nickname=spec.nickname,
                    nickname_key=key[1],
                    secret=spec.secret,
                )
            )
    _bulk_create(Student, new)
    report.students = len(new)

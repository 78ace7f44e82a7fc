"""The partner search index: every classroom's matching profile, held by each web process.

Scoring thousands of classrooms per search from database rows costs more than half a second;
from the index (orbis.core.matching.search) it costs milliseconds. Each process builds the index
on its first search and again when it is out of date:

- any save or delete of a classroom, a school or a teacher's matching fields (signals, see
  apps.py), and the bulk writes that bypass signals (they call `invalidate`), put a new
  generation token in the shared cache; every search reads the token (one cache read) and
  rebuilds when it differs from the one its index was built at;
- the token is written at once and again when the transaction commits, so a process that
  rebuilt in between, from rows not yet committed, rebuilds once more;
- a new week (daylight-saving rules differ) and an index older than MAX_AGE_SECONDS, the
  safety net for a write no signal saw, also rebuild it.
"""

import gc
import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save

from orbis.accounts.models import User, is_verified_at_school
from orbis.classrooms.models import AvailabilityPeriod, Classroom
from orbis.classrooms.selectors import weekly_timetables
from orbis.core.matching.search import IndexEntry, SearchIndex, build_index
from orbis.core.matching.weeks import monday_of
from orbis.schools.models import School

from .profiles import classroom_profile

GENERATION_KEY = "partners:index-generation"
MAX_AGE_SECONDS = 300
USER_FIELDS = frozenset(
    {"is_active", "school", "school_id", "school_confirmed", "only_verified_partners"}
)


@dataclass(frozen=True)
class _Built:
    generation: str | None
    monday: date
    built_at: float
    index: SearchIndex


_lock = threading.Lock()
_built: _Built | None = None


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate() -> None:
    """Every process rebuilds its index before its next search."""
    _new_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _new_generation for _savepoints, func, _robust in connection.run_on_commit
    ):
        return  # once more at the commit is enough
    transaction.on_commit(_new_generation)


def _saved(sender, update_fields=None, **kwargs) -> None:
    if sender is User and update_fields is not None and not USER_FIELDS & set(update_fields):
        return  # a login, a language: nothing the search looks at
    invalidate()


def _deleted(sender, **kwargs) -> None:
    invalidate()


def connect_signals() -> None:
    """Saves that change what the search sees (apps.py calls this once)."""
    for model in (Classroom, AvailabilityPeriod, School, User):
        post_save.connect(_saved, sender=model, dispatch_uid=f"partner-index-{model.__name__}")
    # A deleted classroom's periods go with it: the classroom's signal is enough.
    for model in (Classroom, School, User):
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"partner-index-{model.__name__}")


def forget() -> None:
    """Drop this process's index (tests: each starts from its own database)."""
    global _built
    with _lock:
        _built = None
    gc.unfreeze()  # what the searches froze can be collected again


def entries():
    """Every classroom of an active teacher with a school, as the search index sees it."""
    indexed = Classroom.objects.filter(teacher__is_active=True, teacher__school__isnull=False)
    timetables = weekly_timetables(indexed)
    # The lists come as JSON text, decoded once per distinct text: most classrooms share them.
    decoded: dict[str, frozenset] = {}

    def values(text: str) -> frozenset:
        found = decoded.get(text)
        if found is None:
            found = decoded[text] = frozenset(json.loads(text))
        return found

    lists = ("languages", "subjects", "sdgs", "approaches")
    classrooms = indexed.annotate(
        **{f"{name}_text": Cast(name, TextField()) for name in lists}
    ).values_list(
        "pk",
        "teacher_id",
        "looking_for_partners",
        "exchange_mode",
        "age_min",
        "age_max",
        *(f"{name}_text" for name in lists),
        "partners_wanted",
        "teacher__school__country",
        "teacher__school__time_zone",
        "teacher__school__verified",
        "teacher__school_confirmed",
        "teacher__only_verified_partners",
    )
    for row in classrooms.order_by():
        (pk, teacher, looking, mode, age_min, age_max, languages, subjects, sdgs, approaches,
         wanted, country, zone, verified, confirmed, only_verified) = row  # fmt: skip
        profile = classroom_profile(
            pk=pk,
            country=country,
            time_zone=zone,
            periods=timetables.get(pk, ()),
            age_min=age_min,
            age_max=age_max,
            languages=values(languages),
            subjects=values(subjects),
            sdgs=values(sdgs),
            approaches=values(approaches),
            exchange_mode=mode,
            partners_wanted=wanted,
            verified=is_verified_at_school(school_confirmed=confirmed, school_verified=verified),
            only_verified=only_verified,
        )
        yield IndexEntry(profile=profile, owner=teacher, searchable=looking, exchange_mode=mode)


def current(week_of: date) -> SearchIndex:
    """This process's index for the week of `week_of`, rebuilt when out of date."""
    global _built
    generation = cache.get(GENERATION_KEY)
    monday = monday_of(week_of)
    with _lock:
        built = _built
        if (
            built is None
            or built.generation != generation
            or built.monday != monday
            or time.monotonic() - built.built_at > MAX_AGE_SECONDS
        ):
            started = time.monotonic()
            built = _Built(generation, monday, started, build_index(entries(), monday))
            _built = built
            # The index lives until the next change: out of the garbage collector's full
            # passes, which would walk its ~90,000 objects (15 ms more a pass) for nothing.
            gc.freeze()
        return built.index

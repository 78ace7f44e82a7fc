"""Synthetic classrooms for tests and benchmarks, and profiles from a demo world.

`synthetic_profiles(n, seed)` draws n classrooms with numpy (fast enough for millions) from the
demo world's country table: real weekends, school hours, zones and languages, with more
classrooms in some countries than in others, so some regions and zones are sparse.
`world_profiles(world)` turns `orbis.core.world.build_world` classrooms into profiles.
"""

import numpy as np

from orbis.core.codes import APPROACHES, SDGS
from orbis.core.codes import SECONDARY_SUBJECTS as SUBJECTS
from orbis.core.matching.profiles import ClassroomProfile
from orbis.core.regions import region_of
from orbis.core.timetable import Period
from orbis.core.world import COUNTRIES, World
from orbis.core.world.vocabularies import PRIMARY_EXTRAS

# Relative numbers of classrooms: many in a few countries, few in the sparse ones.
SHARE = {"US": 8, "IN": 8, "BR": 5, "MX": 4, "DE": 3, "FR": 3, "ES": 3, "IT": 3, "NG": 3}
SPARSE = {"UY": 0.4, "NZ": 0.4, "JO": 0.5, "IR": 0.5, "FI": 0.6, "GH": 0.8, "CL": 0.8}
ENGLISH = {"native": 1.0, "medium": 1.0, "strong": 0.6, "foreign": 0.35}
PERIOD_MINUTES = (45, 60, 80, 90, 120, 150)  # lessons and longer windows for live meetings


def _interned(cache: dict, key, make):
    value = cache.get(key)
    if value is None:
        value = cache[key] = make()
    return value


def _period(cache: dict, weekday: int, start: int, minutes: int) -> Period:
    key = (weekday, start, minutes)
    period = cache.get(key)
    if period is None:
        period = cache[key] = Period(weekday, start, start + minutes)
    return period


def _bits(mask: int, values) -> frozenset:
    return frozenset(value for position, value in enumerate(values) if mask >> position & 1)


def synthetic_profiles(
    n: int,
    seed: int = 0,
    *,
    partners: tuple[float, ...] = (0.8, 0.15, 0.05),
    live_share: float = 0.8,
    first_id: int = 1,
) -> list[ClassroomProfile]:
    """n random classrooms; partners[k] is the share wanting k + 1 partners."""
    rng = np.random.default_rng(seed)
    codes = [c.code for c in COUNTRIES]
    share = np.array([SHARE.get(code, SPARSE.get(code, 1.0)) for code in codes])
    country = rng.choice(len(COUNTRIES), size=n, p=share / share.sum())
    city = (rng.random(n) * np.array([len(c.cities) for c in COUNTRIES])[country]).astype(int)

    # Languages: the country's (a second one of two, half the time), English by country.
    language_list = sorted({lang for c in COUNTRIES for lang in c.languages} | {"en"})
    bit = {lang: k for k, lang in enumerate(language_list)}
    main = np.array([1 << bit[c.languages[0]] for c in COUNTRIES], dtype=np.int64)
    second = np.array([1 << bit[c.languages[-1]] for c in COUNTRIES], dtype=np.int64)
    english = np.array([ENGLISH[c.english] for c in COUNTRIES])
    languages = main[country] | np.where(rng.random(n) < 0.5, second[country], 0)
    languages |= np.where(rng.random(n) < english[country], 1 << bit["en"], 0)

    age_min = rng.integers(5, 18, size=n)
    age_max = np.minimum(18, age_min + rng.choice([0, 1, 1, 2], size=n))
    primary = age_max <= 10
    extra = rng.integers(0, len(PRIMARY_EXTRAS), size=n)
    first_subject = rng.integers(0, len(SUBJECTS), size=n)
    second_subject = np.where(
        rng.random(n) < 0.5, rng.integers(0, len(SUBJECTS), size=n), first_subject
    )
    sdg_mask = np.zeros(n, dtype=np.int64)
    for _draw in range(3):
        take = rng.random(n) < 0.7
        sdg_mask |= np.where(take, 1 << rng.integers(0, 17, size=n), 0)
    sdg_mask = np.where(sdg_mask == 0, 1 << rng.integers(0, 17, size=n), sdg_mask)
    approach_mask = (rng.random((n, 3)) < 0.6) @ np.array([1, 2, 4])
    approach_mask = np.where(approach_mask == 0, 1, approach_mask)
    live = rng.random(n) < live_share
    wanted = rng.choice(np.arange(1, len(partners) + 1), size=n, p=np.array(partners))

    # Periods: two to four school days, one shift, lengths and starts on 5-minute steps.
    weekend = np.zeros((len(COUNTRIES), 7), dtype=bool)
    for k, c in enumerate(COUNTRIES):
        weekend[k, list(c.weekend_days)] = True
    keys = rng.random((n, 7)) + weekend[country] * 2.0
    day_count = rng.integers(2, 5, size=n)
    chosen = np.argsort(keys, axis=1)[:, :4]
    chosen = np.sort(np.where(np.arange(4) < day_count[:, None], chosen, 9), axis=1)
    shift_options = [c.hours for c in COUNTRIES]
    which = (rng.random(n) * np.array([len(h) for h in shift_options])[country]).astype(int)
    shift_start = np.array([[h[min(j, len(h) - 1)][0] for j in range(2)] for h in shift_options])
    shift_end = np.array([[h[min(j, len(h) - 1)][1] for j in range(2)] for h in shift_options])
    s_start, s_end = shift_start[country, which], shift_end[country, which]
    length = np.array(PERIOD_MINUTES)[rng.integers(0, len(PERIOD_MINUTES), size=(n, 4))]
    slack = (s_end - s_start)[:, None] - length
    start = s_start[:, None] + 5 * (rng.random((n, 4)) * (slack // 5 + 1)).astype(int)

    zones = [[zone for _city, zone in c.cities] for c in COUNTRIES]
    regions = [region_of(code) for code in codes]
    period_cache: dict = {}
    set_cache: dict = {}
    profiles = []
    columns = zip(
        country.tolist(),
        city.tolist(),
        languages.tolist(),
        age_min.tolist(),
        age_max.tolist(),
        primary.tolist(),
        extra.tolist(),
        first_subject.tolist(),
        second_subject.tolist(),
        sdg_mask.tolist(),
        approach_mask.tolist(),
        live.tolist(),
        wanted.tolist(),
        chosen.tolist(),
        start.tolist(),
        length.tolist(),
        strict=True,
    )
    for i, (c, z, lang, lo, hi, prim, ex, s1, s2, sdg, appr, lv, want, days, st, ln) in enumerate(
        columns
    ):
        if lv:
            periods = tuple(
                _period(period_cache, d, begin, minutes)
                for d, begin, minutes in zip(days, st, ln, strict=True)
                if d < 7
            )
        else:
            periods = ()
        subjects = ("primary", PRIMARY_EXTRAS[ex]) if prim else (SUBJECTS[s1], SUBJECTS[s2])
        profiles.append(
            ClassroomProfile(
                id=first_id + i,
                country=codes[c],
                time_zone=zones[c][z],
                periods=periods,
                age_min=lo,
                age_max=hi,
                languages=_interned(set_cache, ("l", lang), lambda m=lang: _bits(m, language_list)),
                subjects=_interned(set_cache, subjects, lambda s=subjects: frozenset(s)),
                sdgs=_interned(set_cache, ("g", sdg), lambda m=sdg: _bits(m, SDGS)),
                approaches=_interned(set_cache, ("a", appr), lambda m=appr: _bits(m, APPROACHES)),
                wants_live=lv,
                partners_wanted=want,
                region=regions[c],
            )
        )
    return profiles


def world_profiles(world: World, *, only_open: bool = True) -> list[ClassroomProfile]:
    """The world's classrooms as profiles (ids 1, 2, … in world order)."""
    school_of = {t.email: t.school_key for t in world.teachers}
    schools = {s.key: s for s in world.schools}
    profiles = []
    for number, room in enumerate(world.classrooms, start=1):
        if only_open and not room.looking_for_partners:
            continue
        school = schools[school_of[room.teacher_email]]
        profiles.append(
            ClassroomProfile(
                id=number,
                country=school.country,
                time_zone=school.time_zone,
                periods=tuple(room.periods),
                age_min=room.age_min,
                age_max=room.age_max,
                languages=frozenset(room.languages),
                subjects=frozenset(room.subjects),
                sdgs=frozenset(room.sdgs),
                approaches=frozenset(room.approaches),
                wants_live=room.exchange_mode == "live",
                region=region_of(school.country),
            )
        )
    return profiles

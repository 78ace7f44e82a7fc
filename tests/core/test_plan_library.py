"""The template library: strict loading, broken files reported by name, the real library."""

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import orbis.core.plans
from orbis.core.codes import APPROACHES
from orbis.core.plans import library as library_module
from orbis.core.plans.library import (
    DEFAULT_DIR,
    TemplateError,
    load_library,
    load_template,
)
from orbis.core.plans.types import Template
from orbis.core.plans.vocabulary import LANGUAGES, PHASES

FIXTURES = Path(__file__).with_name("plan_templates")
VALID = (FIXTURES / "hello-partners.toml").read_text(encoding="utf-8")


def broken(tmp_path, old: str, new: str, name: str = "broken.toml") -> Path:
    """The valid fixture with one change, written to tmp_path/name."""
    assert old in VALID, old  # the change must apply, or the test proves nothing
    path = tmp_path / name
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    return path


def test_fixtures_load():
    templates = load_library(FIXTURES)
    assert (
        list(templates)
        == sorted(templates)
        == [
            "city-of-tomorrow",
            "hello-partners",
            "water-watch",
        ]
    )
    hello = templates["hello-partners"]
    assert isinstance(hello, Template)
    assert hello.approach == "connect"
    assert hello.ages == (6, 12) and hello.weeks == (0, 2)
    assert hello.sdgs == (4, 10)
    assert hello.final_products[0] == "digital-poster"
    assert hello.texts["es"].title == "Hello partners (es)"
    assert len(hello.texts["en"].reflection_prompts) == 3
    call = hello.activities[2]
    assert (call.key, call.live, call.minutes) == ("meet-call", True, 45)
    assert call.texts["en"].async_instructions == "Without a call: meet-call in en."
    assert hello.activities[1].texts["es"].milestone == "Milestone prepare (es)"
    assert [a.key for a in hello.phase_activities("definition")] == ["greeting", "prepare"]


def test_optional_activity_flags_default_to_false(tmp_path):
    path = broken(
        tmp_path, "share = 1\nlive = false\nmilestone = false\nminutes = 0\n", "share = 1\n"
    )
    greeting = load_template(path).activities[0]
    assert (greeting.live, greeting.milestone, greeting.minutes) == (False, False, 0)


# (change in the valid file, the reason reported after "broken.toml: ")
BROKEN = [
    ('approach = "connect"', 'colour = "red"\napproach = "connect"', "unknown key 'colour'"),
    ('project_type = "explore-cultures"\n', "", "missing 'project_type'"),
    ('approach = "connect"', 'approach = "conect"', "approach: unknown code 'conect'"),
    ('kind = "icebreaker"', 'kind = "party"', "activities[0].kind: unknown code 'party'"),
    ("ages = [6, 12]", 'ages = "6-12"', "ages: must be a pair [low, high]"),
    ('modes = ["live", "async"]', 'modes = "live"', "modes: must be a list"),
    ('modes = ["live", "async"]', "modes = []", "modes: must not be empty"),
    ('modes = ["live", "async"]', 'modes = ["live", "live"]', "modes: has duplicates"),
    ("ages = [6, 12]", "ages = [12, 6]", "ages: inverted range [12, 6]"),
    ("ages = [6, 12]", "ages = [3, 12]", "ages[0]: 3 is outside 5..19"),
    ("weeks = [0, 2]", "weeks = [0, 14]", "weeks[1]: 14 is outside 0..12"),
    ("weeks = [0, 2]", "weeks = [2, 0]", "weeks: inverted range [2, 0]"),
    ("sdgs = [4, 10]", "sdgs = [4, 18]", "sdgs[1]: 18 is outside 1..17"),
    ("sdgs = [4, 10]", "sdgs = []", "sdgs: must be a non-empty list of SDG numbers"),
    ("share = 3", "share = true", "activities[2].share: must be an integer"),
    ("share = 3", "share = 6", "activities[2].share: 6 is outside 1..5"),
    (
        'phase = "dissemination"',
        'phase = "reflection"',
        "activities: no activity in phase 'dissemination'",
    ),
    ('phase = "dissemination"', 'phase = "wrap-up"', "activities[4].phase: unknown code 'wrap-up'"),
    ('key = "compare"', 'key = "prepare"', "activities: duplicate key 'prepare'"),
    ('key = "compare"', 'key = "Compare it"', "activities[3].key: 'Compare it' is not a key"),
    (
        'objectives = ["es objective one", "es objective two"]',
        'objectives = ["es objective one", "es objective two", "es objective three"]',
        "es.objectives: has 3 items, en.objectives has 2",
    ),
    (
        'reflection_prompts = ["en prompt one?", "en prompt two?", "en prompt three?"]',
        'reflection_prompts = ["en prompt one?", "en prompt two?"]',
        "en.reflection_prompts: has 2 items, 3..6 expected",
    ),
    ('title = "Hello partners"\n', 'title = ""\n', "en.title: must not be empty"),
    ('title = "Hello partners"\n', 'title = "   "\n', "en.title: must not be empty"),
    ('title = "Hello partners"\n', f'title = "{"x" * 121}"\n', "en.title: is 121 characters"),
    ('title = "Hello partners"\n', "title = 7\n", "en.title: must be a string"),
    ("minutes = 45", "minutes = 15", "activities[2].minutes: 15 is outside 30..120"),
    ("minutes = 45", "minutes = 180", "activities[2].minutes: 180 is outside 30..120"),
    (
        'key = "compare"\nphase = "reflection"\nkind = "reflection"\nshare = 1\nlive = false\n'
        "milestone = false",
        'key = "compare"\nphase = "reflection"\nkind = "reflection"\nshare = 1\nlive = false\n'
        "milestone = true",
        "activities[3].en: missing 'milestone'",
    ),
    ('evidence = "Evidence of meet-call in es."\n', "", "activities[2].es: missing 'evidence'"),
    (
        'evidence = "Evidence of greeting in en."\n',
        'evidence = "Evidence of greeting in en."\nhint = "x"\n',
        "activities[0].en: unknown key 'hint'",
    ),
    (
        'evidence = "Evidence of greeting in en."\n',
        'evidence = "Evidence of greeting in en."\nasync_instructions = "x"\n',
        "activities[0].en: unknown key 'async_instructions'",  # only live activities have one
    ),
    ("live = false", 'live = "no"', "activities[0].live: must be true or false"),
    ('approach = "connect"', "approach = connect", "not valid TOML"),
]


@pytest.mark.parametrize(("old", "new", "reason"), BROKEN, ids=[r for *_, r in BROKEN])
def test_broken_template_is_reported_by_name_with_its_reason(tmp_path, old, new, reason):
    with pytest.raises(TemplateError) as raised:
        load_template(broken(tmp_path, old, new))
    assert f"broken.toml: {reason}" in str(raised.value)
    assert all(line.startswith("broken.toml: ") for line in str(raised.value).splitlines())


def test_missing_evidence_message_is_exact(tmp_path):
    path = broken(tmp_path, 'evidence = "Evidence of meet-call in es."\n', "", "my-school.toml")
    with pytest.raises(
        TemplateError, match=r"^my-school.toml: activities\[2\].es: missing 'evidence'$"
    ):
        load_template(path)


def test_template_error_is_a_value_error_with_problems(tmp_path):
    path = broken(tmp_path, "ages = [6, 12]", "ages = [12, 6]")
    with pytest.raises(ValueError) as raised:
        load_template(path)
    assert raised.value.problems == ["broken.toml: ages: inverted range [12, 6]"]


def test_a_missing_key_is_reported_once(tmp_path):
    with pytest.raises(TemplateError) as raised:
        load_template(broken(tmp_path, "weeks = [0, 2]\n", ""))
    assert raised.value.problems == ["broken.toml: missing 'weeks'"]


def test_approach_needs_its_minimum_weeks(tmp_path):
    path = broken(tmp_path, 'approach = "connect"', 'approach = "create"')
    with pytest.raises(
        TemplateError, match=r"broken.toml: weeks: a create template needs at least 4"
    ):
        load_template(path)


def test_file_name_must_be_a_key(tmp_path):
    path = tmp_path / "My School.toml"
    path.write_text(VALID, encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^My School.toml: the file name must be a key"):
        load_template(path)


def test_subjects_are_checked_against_the_given_codes(tmp_path):
    path = broken(tmp_path, "x", "x")
    assert load_template(path, subjects=("social-studies", "languages", "primary"))
    with pytest.raises(TemplateError, match=r"subjects\[0\]: unknown code 'social-studies'"):
        load_template(path, subjects=("arts", "languages", "primary"))


def test_library_lists_every_broken_file_by_name(tmp_path):
    broken(tmp_path, "ages = [6, 12]", "ages = [12, 6]", "first.toml")
    broken(tmp_path, 'kind = "icebreaker"', 'kind = "party"', "second.toml")
    broken(tmp_path, "x", "x", "fine.toml")
    (tmp_path / "notes.md").write_text("not a template")
    with pytest.raises(TemplateError) as raised:
        load_library(tmp_path)
    message = str(raised.value)
    assert "first.toml: ages: inverted range" in message
    assert "second.toml: activities[0].kind: unknown code 'party'" in message
    assert "fine.toml" not in message


def test_empty_directory_is_an_empty_library(tmp_path):
    assert load_library(tmp_path) == {}


def test_core_plans_do_not_import_django():
    """The plan core stays pure: the generator, its tests and benchmarks run without Django."""
    for info in pkgutil.iter_modules(orbis.core.plans.__path__):
        module = importlib.import_module(f"orbis.core.plans.{info.name}")
        imported = set()
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
        assert not {name for name in imported if name.split(".")[0] == "django"}, info.name


# The real library (written alongside the code): complete, varied and bilingual.

REAL_FILES = sorted(DEFAULT_DIR.glob("*.toml"))


@pytest.fixture(scope="module")
def real_library():
    from orbis.vocabulary import Subject

    return load_library(DEFAULT_DIR, subjects=Subject.values)


def test_real_library_loads_every_file(real_library):
    assert sorted(real_library) == [path.stem for path in REAL_FILES]


def test_real_library_is_complete_and_varied(real_library):
    assert len(real_library) >= 12
    assert {"my-school", "hobbies-sports-and-free-time"} <= set(real_library)
    assert {t.approach for t in real_library.values()} == set(APPROACHES)
    assert len({sdg for t in real_library.values() for sdg in t.sdgs}) >= 10
    for template in real_library.values():
        assert set(template.texts) == set(LANGUAGES) == {"en", "es"}
        assert {a.phase for a in template.activities} == set(PHASES)
        for activity in template.activities:
            assert set(activity.texts) == {"en", "es"}


def test_cached_default_library_is_the_real_one(real_library):
    library_module.library.cache_clear()
    assert library_module.library() is library_module.library()
    assert library_module.library().keys() == real_library.keys()

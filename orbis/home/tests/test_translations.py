"""The shipped translations: complete, faithful to the placeholders of the English, in step with
the code and with the compiled .mo, and actually served to a Spanish-speaking visitor."""

import contextlib
import gettext
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import to_locale

import orbis

PACKAGE_DIR = Path(orbis.__file__).resolve().parent
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# The same as the documented command:
#   cd orbis && uv run django-admin makemessages -l es --settings=orbis.settings \
#       --pythonpath=.. -i "demo/*" -i "core/world/*"
MAKEMESSAGES_IGNORE = ["demo/*", "core/world/*"]

# Every shipped language but the English the code is written in.
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code.split("-")[0] != "en"]

# Python-format placeholders: %(name)s, %(count)d, %s, %d, %i, %f, and the escaped %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sdif%]")


def po_path(code: str) -> Path:
    return LOCALE_DIR / to_locale(code) / "LC_MESSAGES" / "django.po"


def load_po(code: str):
    path = po_path(code)
    assert path.exists(), f"{code} is in settings.LANGUAGES but {path} is missing."
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def messages(catalog):
    """The catalog's entries, without the header."""
    return [message for message in catalog if message.id]


def forms(message) -> tuple[str, ...]:
    return tuple(message.string) if message.pluralizable else (message.string,)


def describe(message) -> str:
    msgid = message.id[0] if message.pluralizable else message.id
    where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
    context = f" [context {message.context!r}]" if message.context else ""
    return f"{msgid!r}{context} ({where or 'no location'})"


def placeholders(text: str) -> Counter:
    """The placeholders of a text. A named one counts once however often it appears (a
    translation may repeat or drop a repeated name); unnamed ones are counted, since each
    one takes its own value."""
    found = PLACEHOLDER.findall(text)
    counts = Counter(token for token in found if not token.startswith("%("))
    counts.update({token: 1 for token in found if token.startswith("%(")})
    return counts


def show(counts: Counter) -> str:
    return "{" + ", ".join(sorted(counts.elements())) + "}" if counts else "none"


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_catalog_header_is_usable(code):
    catalog = load_po(code)
    assert not catalog.fuzzy, f"{po_path(code)}: the header is marked fuzzy; remove the flag."
    headers = dict(catalog.mime_headers)
    assert headers.get("Language") == to_locale(code), f"{po_path(code)}: wrong Language header."
    assert "nplurals=" in headers.get("Plural-Forms", ""), f"{po_path(code)}: no Plural-Forms."


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_every_string_is_translated_and_none_is_fuzzy(code):
    catalog = load_po(code)
    untranslated, fuzzy, wrong_forms = [], [], []
    for message in messages(catalog):
        if message.fuzzy:
            fuzzy.append(describe(message))
        strings = forms(message)
        if not all(strings):
            untranslated.append(describe(message))
        if message.pluralizable and len(strings) != catalog.num_plurals:
            wrong_forms.append(f"{describe(message)}: {len(strings)} forms")
    problems = (
        [f"untranslated: {entry}" for entry in untranslated]
        + [f"fuzzy: {entry}" for entry in fuzzy]
        + [f"not {catalog.num_plurals} plural forms: {entry}" for entry in wrong_forms]
    )
    assert not problems, f"{po_path(code)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(code):
    problems = []
    catalog = load_po(code)
    # The form used for one: index 0 in most languages, index 1 in Arabic (0 is for zero).
    form_for_one = gettext.c2py(catalog.plural_expr)(1)
    for message in messages(catalog):
        if not message.pluralizable:
            expected = placeholders(message.id)
            found = placeholders(message.string)
            if message.string and found != expected:
                problems.append(f"{describe(message)}: {show(found)} instead of {show(expected)}")
            continue
        singular, plural = placeholders(message.id[0]), placeholders(message.id[1])
        for index, string in enumerate(message.string):
            if not string:
                continue  # reported by the completeness test
            found = placeholders(string)
            if found == plural:
                continue
            # "One file" / "%(count)d files": the singular form may leave out what the English
            # singular leaves out, and only that.
            if index == form_for_one and found <= plural and plural - found <= plural - singular:
                continue
            problems.append(
                f"{describe(message)}, msgstr[{index}]: {show(found)} instead of {show(plural)}"
            )
    assert not problems, f"{po_path(code)}: placeholders differ:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The msgids that `makemessages` finds in the code now, extracted from a copy of the
    package so that the shipped catalogs stay untouched."""
    if shutil.which("xgettext") is None:
        pytest.skip(
            "xgettext is not on PATH: install GNU gettext (apt-get install gettext) to check "
            "that the catalogs cover every translatable string in the code."
        )
    copy = tmp_path_factory.mktemp("extract") / "orbis"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc")
    )
    (copy / "locale").mkdir()
    shipped = {path: path.read_bytes() for path in LOCALE_DIR.rglob("*.po")}
    # makemessages writes into LOCALE_PATHS[0]: point it at the copy.
    with override_settings(LOCALE_PATHS=[copy / "locale"]), contextlib.chdir(copy):
        call_command(
            "makemessages", locale=["es"], ignore_patterns=MAKEMESSAGES_IGNORE, verbosity=0
        )
    assert shipped == {path: path.read_bytes() for path in LOCALE_DIR.rglob("*.po")}, (
        "The extraction changed a shipped catalog."
    )
    with (copy / "locale" / "es" / "LC_MESSAGES" / "django.po").open("rb") as f:
        fresh = read_po(f)
    return {(message.context, message.id): message for message in messages(fresh)}


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_catalog_has_every_string_of_the_code(code, extracted):
    shipped = {(message.context, message.id) for message in messages(load_po(code))}
    missing = [describe(message) for key, message in extracted.items() if key not in shipped]
    assert not missing, (
        f"{po_path(code)} lacks {len(missing)} string(s) of the code. Run "
        f"`cd orbis && uv run django-admin makemessages -l {to_locale(code)} "
        f'--settings=orbis.settings --pythonpath=.. -i "demo/*" -i "core/world/*"`, '
        "translate, then `uv run django-admin compilemessages --settings=orbis.settings "
        "--pythonpath=..`. Missing:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("code", TRANSLATED_LANGUAGES)
def test_the_compiled_catalog_matches_the_po(code):
    catalog = load_po(code)
    mo = po_path(code).with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages."
    with mo.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for message in messages(catalog):
        if message.fuzzy or not all(forms(message)):
            continue  # not compiled; reported by the completeness test
        if not message.pluralizable:
            if message.context:
                got = compiled.pgettext(message.context, message.id)
            else:
                got = compiled.gettext(message.id)
            if got != message.string:
                stale.append(f"{describe(message)}: the .mo gives {got!r}")
            continue
        for index, string in enumerate(message.string):
            n = next((n for n in range(1000) if compiled.plural(n) == index), None)
            if n is None:
                # Ukrainian's fourth form is for fractions, which no whole number picks.
                if index == 0 or not string:
                    stale.append(f"{describe(message)}: the .mo's plural rule never picks {index}")
                continue
            if message.context:
                got = compiled.npgettext(message.context, *message.id, n)
            else:
                got = compiled.ngettext(*message.id, n)
            if got != string:
                stale.append(f"{describe(message)}, msgstr[{index}]: the .mo gives {got!r}")
    assert not stale, (
        f"{mo} is out of date: run `cd orbis && uv run django-admin compilemessages "
        "--settings=orbis.settings --pythonpath=..`.\n" + "\n".join(stale)
    )


SPANISH_LOG_IN = "Iniciar sesión"


@pytest.mark.django_db
def test_the_home_page_speaks_the_browsers_language(client):
    english = client.get("/").content.decode()
    assert ">Log in<" in english
    assert SPANISH_LOG_IN not in english

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    spanish = response.content.decode()
    assert '<html lang="es"' in spanish
    assert SPANISH_LOG_IN in spanish
    assert ">Log in<" not in spanish


@pytest.mark.django_db
def test_the_language_switcher_sticks(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302

    # The choice wins over what the browser asks for.
    spanish = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es"' in spanish
    assert SPANISH_LOG_IN in spanish

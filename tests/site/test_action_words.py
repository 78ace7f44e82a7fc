"""One word for each action, everywhere: "Log in", "Log out" and "Sign up" (never "Sign in" or
"Sign out"), on Orbis' pages, on allauth's pages and in the strings marked for translation."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import orbis

OTHER_WORDS = re.compile(r"\bsign(?:s|ed|ing)?[ -]?(?:in|out)s?\b", re.IGNORECASE)
# A string marked for translation in Python or in a template.
MARKED = re.compile(
    r"""(?:\b_|gettext(?:_lazy)?|ngettext)\(\s*["']([^"']*)|{%\s*(?:translate|trans)\s+["']([^"']*)"""
    r"|{%\s*blocktrans(?:late)?[^%]*%}(.*?){%\s*endblocktrans",
    re.DOTALL,
)
ROOT = Path(orbis.__file__).parent


def source_files():
    for path in sorted(ROOT.rglob("*")):
        if path.suffix in {".py", ".html", ".txt"} and not {"tests", "locale"} & set(path.parts):
            yield path


def test_no_translatable_string_says_sign_in_or_sign_out():
    found = [
        f"{path.relative_to(ROOT)}: {text.strip()[:80]}"
        for path in source_files()
        for match in MARKED.finditer(path.read_text())
        for text in [next(group for group in match.groups() if group is not None)]
        if OTHER_WORDS.search(text)
    ]
    assert not found, "Say 'Log in' / 'Log out' (README, Translations):\n" + "\n".join(found)


def words_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", ["account_login", "account_signup", "home"])
def test_a_visitor_reads_log_in_and_sign_up(client, db, name):
    page = words_of(client.get(reverse(name)))
    assert "Log in" in page and "Sign up" in page
    assert not OTHER_WORDS.search(page), OTHER_WORDS.search(page)


def test_a_teacher_reads_log_out(teacher_client):
    for url in (reverse("dashboard"), reverse("account_logout")):
        page = words_of(teacher_client.get(url))
        assert "Log out" in page
        assert not OTHER_WORDS.search(page), (url, OTHER_WORDS.search(page))


def test_a_student_reads_log_out(student_client):
    page = words_of(student_client.get(reverse("student_space")))
    assert "Log out" in page
    assert not OTHER_WORDS.search(page)

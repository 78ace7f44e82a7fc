"""Templates hold nothing the policy forbids (inline script or style, event handlers), and print
unescaped only the HTML cleaned by orbis.board.markdown."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_template_has_inline_script_or_style():
    """What the policy forbids must not be in a template: it would silently not work."""
    offenders = []
    for path in (ROOT / "orbis").rglob("templates/**/*"):
        if path.suffix not in {".html", ".svg", ".txt"} or not path.is_file():
            continue
        text = path.read_text()
        lowered = text.lower()
        if " style=" in lowered or "<style" in lowered or "javascript:" in lowered:
            offenders.append(str(path))
        for line in lowered.splitlines():
            if "<script" in line and " src=" not in line:
                offenders.append(str(path))
            if any(f" on{event}=" in line for event in ("click", "load", "submit", "change")):
                offenders.append(str(path))
    assert offenders == []


# ---- HTML from users ---------------------------------------------------------------------------

# The only values a template may print unescaped: HTML made by orbis.board.markdown, which renders
# Markdown with raw HTML off and then cleans the result with nh3 (tested in the board's tests).
SAFE_VALUES = {
    "post.body_html",
    "row.post.body_html",
    "challenge.description_html",
    "challenge.rules_html",
    "translation.html",  # PostTranslation.html: a machine translation through render_markdown
}


def test_only_cleaned_markdown_is_printed_unescaped():
    unescaped = set()
    for path in (ROOT / "orbis").rglob("templates/**/*"):
        if not path.is_file() or path.suffix not in {".html", ".svg", ".txt"}:
            continue
        text = path.read_text()
        assert "{% autoescape off" not in text, path
        unescaped |= {match.strip() for match in re.findall(r"\{\{\s*([^}|]+)\|safe", text)}
    assert unescaped <= SAFE_VALUES
    python = "\n".join(
        path.read_text()
        for path in (ROOT / "orbis").rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    )
    assert "mark_safe(" not in python and "SafeString(" not in python

"""File names of uploads: the one stored (ASCII, safe on any storage and in any URL), the one
shown and offered on download (the person's own words, any script), and the extension a name
presents (to be checked against the content by filetypes.extension_matches)."""

import re
import unicodedata

# Longest stored name (ASCII) and longest shown name, extension excluded for the latter.
MAX_NAME = 80
MAX_DISPLAY_NAME = 120
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in "123456789"
}


def presented_extension(name: str) -> str | None:
    """The extension a file's name claims (lower case), or None."""
    return _extension(_basename(name))


def safe_filename(name: str, extension: str) -> str:
    """A name safe on any storage and in any URL: ASCII letters, digits, `-` and `_`, one dot
    before `extension` (the sniffed one; whatever the name claimed is dropped), at most
    `MAX_NAME` characters, never empty (`file.<extension>`)."""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10] or "bin"
    stem = _stem(_basename(name))
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    # Dots inside the stem become dashes: no `report.php.jpg` double extensions.
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-_")
    stem = stem[: MAX_NAME - len(extension) - 1].rstrip("-_")
    if not stem or stem.upper() in _WINDOWS_RESERVED:
        stem = f"file-{stem}".rstrip("-") if stem else "file"
    return f"{stem}.{extension}"


def display_filename(name: str, extension: str) -> str:
    """The name to show and to offer on download: the person's own words (any script) without
    path parts or control characters, ending in the sniffed `extension`; never empty."""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10] or "bin"
    stem = "".join(
        char
        for char in unicodedata.normalize("NFC", _stem(_basename(name)))
        if unicodedata.category(char)[0] not in "CZ" or char == " "
    )
    stem = re.sub(r"\s+", " ", stem).strip(" .")[:MAX_DISPLAY_NAME]
    return f"{stem or 'file'}.{extension}"


def _basename(name: str) -> str:
    return re.split(r"[/\\]", name or "")[-1]


def _extension(basename: str) -> str | None:
    """What the name presents as its type: the text after the last dot, when it looks like an
    extension (up to 5 letters and digits, at least one letter); `Class 6.B photo` has none."""
    match = re.search(r"\.([A-Za-z0-9]{1,5})$", basename.rstrip(". "))
    if match and re.search(r"[A-Za-z]", match.group(1)) and match.start() > 0:
        return match.group(1).lower()
    return None


def _stem(basename: str) -> str:
    basename = basename.rstrip(". ")
    extension = _extension(basename)
    return basename[: -len(extension) - 1] if extension else basename

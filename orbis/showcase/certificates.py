"""Certificates of participation as PDF, drawn on the server with fpdf2.

The texts arrive translated (CertificateText); this module only lays them out on one A4
landscape page. Names are user text: any length, any script. The embedded DejaVu Sans covers
Latin, Greek and Cyrillic (Spanish, Turkish, Ukrainian …); a character it lacks (an emoji,
Devanagari) is drawn as U+FFFD rather than failing, and everything shrinks, then is cut short,
until it fits on the one page. Nothing is fetched at run time: the fonts ship in fonts/.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
REPLACEMENT = "\ufffd"

# A4 landscape, in millimetres.
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 24.0  # the text's distance from the paper's edge (the border sits inside it)
TEXT_W = PAGE_W - 2 * MARGIN
TOP, BOTTOM = 30.0, PAGE_H - 22.0

INK = (29, 39, 51)
MUTED = (85, 96, 109)
ACCENT = (11, 92, 173)

# User text is capped before layout: nobody's title needs more on a certificate.
MAX_CHARS = 300
MAX_DETAIL_CHARS = 200
MAX_NAME_CHARS = 120
ONE_PER_LINE = 8  # up to this many classes are listed one a line, more run on as a paragraph


@dataclass(frozen=True)
class CertificateText:
    heading: str  # "Certificate of participation" (already translated by the caller)
    recipient: str  # teacher display name
    statement: str  # e.g. "for taking part with 6th grade B in the project" (translated)
    title: str  # project or challenge title
    classes: tuple[tuple[str, str], ...]  # (class name, country name)
    details: tuple[str, ...]  # extra lines: dates, "Issued on …", verification URL


@cache
def _glyphs() -> frozenset[int]:
    """The code points both embedded fonts can draw."""
    from fontTools.ttLib import TTFont

    sets = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        font = TTFont(FONTS / name, lazy=True)
        sets.append(set(font.getBestCmap()))
        font.close()
    return frozenset(sets[0] & sets[1])


def drawable(text: str, limit: int = MAX_CHARS) -> str:
    """The text with what the font can't draw replaced (runs of it by one U+FFFD), invisible
    format characters (joiners, variation selectors) and control characters dropped, white
    space made single, and cut at limit characters."""
    glyphs = _glyphs()
    out: list[str] = []
    for ch in " ".join(str(text).split()):
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf"):
            continue  # invisible: joiners, variation selectors, direction marks
        if ord(ch) in glyphs:
            out.append(ch)
            continue
        if category in ("Mn", "Me", "Mc", "Cs", "Co", "Cn"):
            continue  # a mark of a letter already replaced, or no character at all
        if not out or out[-1] != REPLACEMENT:
            out.append(REPLACEMENT)
    cleaned = "".join(out).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


@dataclass(frozen=True)
class _Block:
    text: str
    size: float  # points, before scaling
    bold: bool = False
    color: tuple[int, int, int] = INK
    space_after: float = 4.0  # millimetres, before scaling


def _blocks(text: CertificateText, classes: list[str], hidden: int) -> list[_Block]:
    blocks = [
        _Block(drawable(text.heading), 30, bold=True, color=ACCENT, space_after=9),
        _Block(drawable(text.recipient, MAX_NAME_CHARS), 26, bold=True, space_after=4),
        _Block(drawable(text.statement), 13, color=MUTED, space_after=4),
        _Block(drawable(text.title), 22, bold=True, space_after=8),
    ]
    if 0 < len(classes) <= ONE_PER_LINE and not hidden:
        blocks.extend(_Block(entry, 13, space_after=1.5) for entry in classes)
        blocks.append(_Block("", 0, space_after=6.5))
    elif classes:
        listed = "  ·  ".join(classes)
        if hidden:
            listed += f"  ·  +{hidden}"
        blocks.append(_Block(listed, 12, space_after=8))
    for line in text.details:
        blocks.append(_Block(drawable(line, MAX_DETAIL_CHARS), 10, color=MUTED, space_after=1.5))
    return [block for block in blocks if block.text or block.space_after]


def _line_height(size: float) -> float:
    return size * 0.3528 * 1.3  # points to millimetres, with some leading


def _height(pdf: FPDF, blocks: list[_Block], scale: float) -> float:
    total = 0.0
    for block in blocks:
        total += block.space_after * scale
        if not block.text:
            continue
        size = block.size * scale
        pdf.set_font(FAMILY, "B" if block.bold else "", size)
        total += pdf.multi_cell(
            TEXT_W,
            _line_height(size),
            block.text,
            align=Align.C,
            dry_run=True,
            output="HEIGHT",
        )
    return total


def _new_pdf() -> FPDF:
    pdf = FPDF(orientation="landscape", unit="mm", format="A4")
    pdf.set_auto_page_break(False)  # one page, always: the layout shrinks to fit instead
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_creator("Orbis")
    pdf.add_page()
    return pdf


def _border(pdf: FPDF) -> None:
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, PAGE_W - 20, PAGE_H - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, PAGE_W - 26, PAGE_H - 26)
    pdf.set_font(FAMILY, "B", 10)
    pdf.set_text_color(*ACCENT)
    pdf.set_xy(MARGIN, PAGE_H - 20)
    pdf.cell(TEXT_W, 5, "Orbis", align=Align.C)


def certificate_pdf(text: CertificateText) -> bytes:
    """One A4 landscape page naming the recipient, the project or challenge and its classes."""
    pdf = _new_pdf()
    pdf.set_title(drawable(f"{text.heading} – {text.title}", MAX_DETAIL_CHARS))
    pdf.set_author("Orbis")
    classes = [
        drawable(f"{name} ({country})" if country else name, MAX_NAME_CHARS)
        for name, country in text.classes
    ]
    classes = [entry for entry in classes if entry]
    available = BOTTOM - TOP
    shown, scale = len(classes), 1.0
    while True:
        blocks = _blocks(text, classes[:shown], len(classes) - shown)
        height = _height(pdf, blocks, scale)
        if height <= available:
            break
        if scale > 0.55:
            scale = round(scale - 0.05, 2)
        elif shown > 1:
            shown = max(1, shown - max(1, shown // 5))  # then list fewer classes, and say so
        else:
            break  # unreachable with the caps above; the page clips rather than fail
    _border(pdf)
    pdf.set_y(TOP + max(0.0, (available - height) / 2))
    for block in blocks:
        if not block.text:
            pdf.set_y(pdf.get_y() + block.space_after * scale)
            continue
        size = block.size * scale
        pdf.set_font(FAMILY, "B" if block.bold else "", size)
        pdf.set_text_color(*block.color)
        pdf.set_x(MARGIN)
        pdf.multi_cell(
            TEXT_W,
            _line_height(size),
            block.text,
            align=Align.C,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        pdf.set_y(pdf.get_y() + block.space_after * scale)
    return bytes(pdf.output())

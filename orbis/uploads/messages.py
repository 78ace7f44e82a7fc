"""The sentences that tell a person why an upload was refused, and the words and numbers in
them (sizes in MB, megapixels, kinds of file). All translatable."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orbis.core import filetypes

MB = 1024 * 1024


class UploadRefused(Exception):
    """message: a sentence for the person who uploaded, saying why (translated)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


DESCRIPTIONS = {
    "image/jpeg": gettext_lazy("a JPEG image"),
    "image/png": gettext_lazy("a PNG image"),
    "image/gif": gettext_lazy("a GIF image"),
    "image/webp": gettext_lazy("a WebP image"),
    "application/pdf": gettext_lazy("a PDF document"),
    "audio/mpeg": gettext_lazy("an MP3 audio file"),
    "audio/mp4": gettext_lazy("an M4A audio file"),
    "audio/ogg": gettext_lazy("an Ogg audio file"),
    "video/mp4": gettext_lazy("an MP4 video"),
    "video/webm": gettext_lazy("a WebM video"),
    filetypes.DOCX.content_type: gettext_lazy("a Word document"),
    filetypes.XLSX.content_type: gettext_lazy("an Excel spreadsheet"),
    filetypes.PPTX.content_type: gettext_lazy("a PowerPoint presentation"),
    filetypes.ODT.content_type: gettext_lazy("an OpenDocument text"),
    filetypes.ODS.content_type: gettext_lazy("an OpenDocument spreadsheet"),
    filetypes.ODP.content_type: gettext_lazy("an OpenDocument presentation"),
}
KIND_NAMES = {
    "image": gettext_lazy("images"),
    "pdf": gettext_lazy("PDF documents"),
    "audio": gettext_lazy("audio"),
    "video": gettext_lazy("videos"),
    "document": gettext_lazy("office documents"),
}
LIMIT_MESSAGES = {
    "image": gettext_lazy("Images can be at most %(limit)s MB; this one is %(size)s MB."),
    "pdf": gettext_lazy("PDF documents can be at most %(limit)s MB; this one is %(size)s MB."),
    "audio": gettext_lazy("Audio files can be at most %(limit)s MB; this one is %(size)s MB."),
    "video": gettext_lazy("Videos can be at most %(limit)s MB; this one is %(size)s MB."),
    "document": gettext_lazy("Documents can be at most %(limit)s MB; this one is %(size)s MB."),
}
REFUSALS = {
    filetypes.PROGRAM: gettext_lazy("This file is a program; programs can't be shared here."),
    filetypes.WEB_PAGE: gettext_lazy(
        "This file is a web page; web pages can't be shared as files here."
    ),
    filetypes.SVG: gettext_lazy(
        "SVG drawings can't be shared here, because they can contain code; "
        "please send it as a PNG image."
    ),
    filetypes.OLD_OFFICE: gettext_lazy(
        "Old Office files (.doc, .xls, .ppt) aren't accepted; please save it as "
        ".docx, .xlsx or .pptx (or as PDF) and send it again."
    ),
    filetypes.MACROS: gettext_lazy(
        "This document contains macros, which can't be shared here; please save it without "
        "macros (.docx, .xlsx, .pptx) and send it again."
    ),
    filetypes.ARCHIVE: gettext_lazy(
        "Archives (zip and the like) aren't accepted; please send the files inside it one by one."
    ),
    filetypes.HEIC: gettext_lazy(
        "This photo is in the HEIC format, which browsers can't show; please send it as JPEG."
    ),
    filetypes.QUICKTIME: gettext_lazy(
        "QuickTime videos (.mov) aren't accepted; please export it as MP4 and send it again."
    ),
    filetypes.MATROSKA: gettext_lazy(
        "Matroska videos (.mkv) aren't accepted; please send it as MP4 or WebM."
    ),
}

# --- Words and numbers for messages ----------------------------------------------------------


def kind_list(kinds: tuple[str, ...]) -> str:
    names = [str(KIND_NAMES[kind]) for kind in kinds]
    if len(names) == 1:
        return names[0]
    return _("%(list)s or %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]}


def shown_name(name: str) -> str:
    name = "".join(char for char in re.split(r"[/\\]", name)[-1] if char.isprintable())
    return name if len(name) <= 60 else f"{name[:40]}…{name[-15:]}"


def sizes(size: int, limit: int) -> dict[str, str]:
    """Both sizes in MB, with as many decimals as it takes for the size to read as more."""
    limit_decimals = 0 if limit % MB == 0 else (1 if limit >= MB else 2)
    limit_text = mb(limit, limit_decimals)
    for decimals in (0, 1, 2):
        if round(size / MB, decimals) > limit / MB:
            break
    return {"size": mb(size, decimals), "limit": limit_text}


def mb(value: int, decimals: int) -> str:
    return number_format(round(value / MB, decimals), decimal_pos=decimals)


def megapixels(pixels: int, *, above: int | None = None) -> str:
    decimals = 0 if pixels % 1_000_000 == 0 else 1
    if above is not None and round(pixels / 1e6, decimals) <= above / 1e6:
        decimals = 2
    return number_format(round(pixels / 1e6, decimals), decimal_pos=decimals)

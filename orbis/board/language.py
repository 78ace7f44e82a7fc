"""Which language a post is written in, detected with Lingua (statistical, offline, no network).

The detector knows only the languages classes commonly write in (the interface's languages,
the catalog's common ones and a few more), which keeps its models small and its answers less
often wrong. It is built once per process, on first use, never at import: a process that
never detects a language never loads the models. A short or ambiguous text gets no language
rather than a guess: a wrong tag would offer a translation from the wrong language.
"""

import re
import threading

from django.conf import settings

from orbis.vocabulary import COMMON_LANGUAGES

EXTRA_LANGUAGES = ("el", "ro", "te")
# Below this confidence (0–1, relative to the other known languages) the text gets no language.
MIN_CONFIDENCE = 0.7
# Fewer words than this (or, for scripts written without spaces, characters) is too short to
# tell: "Hola amigos" could be Spanish, Portuguese or Italian.
MIN_WORDS = 3
MIN_UNSPACED_CHARACTERS = 8

_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# Han, kana: a "word" there is a character or two, and no spaces separate them.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

_detector = None
_lock = threading.Lock()


def languages() -> tuple[str, ...]:
    """The ISO 639-1 codes the detector chooses from."""
    interface = (code for code, _name in settings.LANGUAGES)
    return tuple(sorted({*interface, *COMMON_LANGUAGES, *EXTRA_LANGUAGES}))


def _get_detector():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [getattr(IsoCode639_1, code.upper()) for code in languages()]
                # Low accuracy mode loads only trigram models: a fraction of the memory, and
                # as accurate as the full mode on whole sentences, which is what posts are.
                # The short texts where it is weaker get no language anyway.
                _detector = (
                    LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                    .with_low_accuracy_mode()
                    .build()
                )
    return _detector


def long_enough(text: str) -> bool:
    words = _WORD.findall(text)
    unspaced = len(_UNSPACED.findall(text))
    return len(words) >= MIN_WORDS or unspaced >= MIN_UNSPACED_CHARACTERS


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "" when it is too short or unclear."""
    text = _URL.sub(" ", text or "")
    if not long_enough(text):
        return ""
    values = _get_detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return ""
    return values[0].language.iso_code_639_1.name.lower()

"""Translating a post with a machine-translation service that speaks LibreTranslate's API.

An operator sets TRANSLATION_API_URL (and TRANSLATION_API_KEY if the service needs one); unset,
nothing here is offered. The service is asked only when a member clicks "Translate", never at
import or start-up, and at most TRANSLATION_HOURLY_LIMIT times an hour per member: cached
translations (PostTranslation, keyed by the hash of the text) are free.

What is sent is the post's Markdown source (title and body) with format=text; what comes back
is untrusted text. It is rendered like a post: Markdown with raw HTML off, then nh3 with the
board's allow-list, so whatever markup the service returns shows as text or is removed.
"""

import hashlib
import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Post, PostTranslation

logger = logging.getLogger(__name__)

# A translated post is at most a few times longer than the post (10,000 characters at most).
MAX_RESPONSE_BYTES = 1_000_000


class TranslationError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _unavailable() -> TranslationError:
    return TranslationError(_("The translation service did not answer; try again later."))


def configured() -> bool:
    return bool(settings.TRANSLATION_API_URL)


def viewer_language() -> str:
    """The interface language the viewer reads, as the ISO 639-1 code a service expects."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def offered(post: Post, target: str | None = None) -> bool:
    """Whether the "Translate" button is shown: a service is set and the post is known to be
    written in another language than the viewer's. (Only members ever see a post.)"""
    target = target or viewer_language()
    return configured() and bool(post.language) and post.language != target


def source_hash(post: Post) -> str:
    return hashlib.sha256(post.source_text.encode()).hexdigest()


def cached(post: Post, target: str | None = None) -> PostTranslation | None:
    target = target or viewer_language()
    return PostTranslation.objects.filter(
        post=post, target=target, source_hash=source_hash(post)
    ).first()


# ---- the service --------------------------------------------------------------------------------


def request_translation(text: str, *, source: str, target: str) -> str:
    """POST {url}/translate as LibreTranslate expects; the translated text, or TranslationError."""
    fields = {"q": text, "source": source or "auto", "target": target, "format": "text"}
    if settings.TRANSLATION_API_KEY:
        fields["api_key"] = settings.TRANSLATION_API_KEY
    address = settings.TRANSLATION_API_URL.rstrip("/") + "/translate"
    request = urllib.request.Request(
        address,
        data=urlencode(fields).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.TRANSLATION_TIMEOUT) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        logger.warning("translation service answered %s: %s", error.code, _error_of(error))
        raise _unavailable() from None
    except (OSError, ValueError) as error:  # URLError, timeouts, resets, a malformed address
        logger.warning("translation service unreachable: %s", error)
        raise _unavailable() from None
    if len(body) > MAX_RESPONSE_BYTES:
        logger.warning("translation service sent more than %d bytes", MAX_RESPONSE_BYTES)
        raise _unavailable()
    try:
        translated = json.loads(body.decode()).get("translatedText")
    except (UnicodeDecodeError, ValueError, AttributeError):
        translated = None
    if not isinstance(translated, str) or not translated.strip():
        logger.warning("translation service sent no translatedText: %r", body[:200])
        raise _unavailable()
    return translated


def _error_of(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read(10_000).decode()).get("error", ""))[:200]
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return ""


# ---- asking on a member's behalf ---------------------------------------------------------------


def _limit_key(viewer) -> str:
    who = f"t{viewer.teacher.pk}" if viewer.is_teacher else f"s{viewer.student.pk}"
    return f"orbis:board-translate:{who}:{timezone.now():%Y%m%d%H}"


def _spend(viewer) -> None:
    """Count one request to the service against the viewer's hourly allowance."""
    key = _limit_key(viewer)
    cache.add(key, 0, 3600)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        used = 1
    if used > settings.TRANSLATION_HOURLY_LIMIT:
        raise TranslationError(
            _("You have asked for many translations this hour; try again later.")
        )


def translate_post(post: Post, viewer, target: str | None = None) -> PostTranslation:
    """The post's translation into the viewer's language: from the cache, else from the
    service (then cached). Nothing is stored when the service fails."""
    target = target or viewer_language()
    if not offered(post, target):
        raise TranslationError(_("This post can't be translated into your language."))
    found = cached(post, target)
    if found is not None:
        return found
    _spend(viewer)
    text = request_translation(post.source_text, source=post.language, target=target)
    try:
        with transaction.atomic():
            return PostTranslation.objects.create(
                post=post, target=target, source_hash=source_hash(post), text=text
            )
    except IntegrityError:
        # Another click translated the same text meanwhile: keep the first.
        return cached(post, target)

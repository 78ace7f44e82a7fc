"""Limits on guessing at the join form: a classmate's secret word (per class code and nickname)
and class codes (per IP address). Only failed tries count, in a window that starts with the
first failure; the counts live in the cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from orbis.web.security import client_ip

from .models import Student


def _key(*parts: str) -> str:
    # Hashed: nicknames are any Unicode, and cache keys must be short and plain.
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:40]
    return f"orbis:student-join:{parts[0]}:{digest}"


def _keys(request: HttpRequest, code: str, nickname: str) -> tuple[str, str]:
    return _key("ip", client_ip(request)), _key("name", code, Student.key_for(nickname))


def _ip_limit() -> int:
    # A whole class often shares one school address: its limit is wider than one nickname's.
    return settings.STUDENT_JOIN_IP_FAILURE_LIMIT


def blocked(request: HttpRequest, code: str, nickname: str) -> bool:
    ip_key, name_key = _keys(request, code, nickname)
    counts = cache.get_many([ip_key, name_key])
    return (
        counts.get(ip_key, 0) >= _ip_limit()
        or counts.get(name_key, 0) >= settings.STUDENT_JOIN_FAILURE_LIMIT
    )


def _count(key: str) -> None:
    window = settings.STUDENT_JOIN_WINDOW_MINUTES * 60
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:
        # Expired between add and incr: this failure opens a new window.
        cache.set(key, 1, window)


def failed(request: HttpRequest, code: str, nickname: str | None = None) -> None:
    """A wrong class code (nickname None) counts for the address; a wrong secret word for the
    address and for that nickname in that class."""
    ip_key, name_key = _keys(request, code, nickname or "")
    _count(ip_key)
    if nickname is not None:
        _count(name_key)


def succeeded(request: HttpRequest, code: str, nickname: str) -> None:
    cache.delete(_keys(request, code, nickname)[1])

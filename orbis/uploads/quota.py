"""The daily upload limit, counted over every app that keeps uploaded files.

A teacher's (or a class's students') files count together wherever they were stored: board
attachments and challenge media share one UPLOADS_PER_DAY. Those apps sit above this one, so
uploads cannot count their rows itself: each registers a counter in its AppConfig.ready()
(`register("board", attachments_since)`), and `upload_refusal` adds them up and asks
orbis/accounts/limits.py for the verdict.
"""

from collections.abc import Callable
from datetime import datetime

from orbis.accounts import limits

# counter(since, *, authors) -> files stored since `since` by `authors` (limits.Counted.authors)
Counter = Callable[..., int]

_counters: dict[str, Counter] = {}


def register(name: str, counter: Counter) -> None:
    """Count this app's stored files toward the daily limit (once per name)."""
    _counters[name] = counter


def files_since(since: datetime, *, authors: dict) -> int:
    return sum(counter(since, authors=authors) for counter in _counters.values())


def upload_refusal(classroom, *, teacher=None, student=None, uploads: int) -> str | None:
    """Whether `uploads` more files may be stored today (board attachments, challenge media)."""
    scope = limits.counted(classroom, teacher=teacher, student=student)
    count = files_since(limits.since("uploads"), authors=scope.authors)
    return limits.refusal(
        scope.account, limit="uploads", count=count, adding=uploads, factor=scope.factor
    )

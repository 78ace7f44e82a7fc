"""The htmx side of a view: whether the request came from htmx (it sends `HX-Request: true`)
and so should get a fragment (a named partial of the page's template) instead of the page."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made: the view answers with a fragment, not the whole page."""
    return bool(request.headers.get("HX-Request"))


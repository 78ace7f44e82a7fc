"""The htmx side of a view: whether the request came from htmx (it sends `HX-Request: true`),
and the URL the browser's address bar should show after a swap (`HX-Push-Url`)."""

from django.http import HttpRequest, HttpResponse


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made: the view answers with a fragment, not the whole page."""
    return bool(request.headers.get("HX-Request"))


def push_url(response: HttpResponse, url: str) -> HttpResponse:
    """Have htmx put `url` in the address bar (and history), as a full page load would."""
    response["HX-Push-Url"] = url
    return response

"""Security glue shared by the whole site: the Permissions-Policy header, and what django-axes
needs to throttle logins (who is trying to log in, from which address)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every answer (Django has no setting for it). A view
    that sets its own header keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


def login_identifier(request: HttpRequest, credentials: dict | None) -> str:
    """The account a login attempt is for, as django-axes counts failures: allauth authenticates
    with `email` (its form field is `login`), the admin with `username`. Lowercased and trimmed,
    so that changing case does not buy an attacker fresh attempts."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if not value and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("login") or data.get("username") or data.get("email")
    return str(value or "").strip().lower()[:255]


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as allauth finds it (REMOTE_ADDR, or X-Forwarded-For behind
    ALLAUTH_TRUSTED_PROXY_COUNT proxies): login throttling and allauth's rate limits count the
    same address."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        # No usable address (a header shorter than the proxies configured): one shared bucket.
        return ""

"""Meeting links: which are accepted, and which tool a link belongs to.

A session's link is opened by teachers in front of a class of minors, so it must be an
encrypted (https) address of a real host, without a name or password written into it.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 500

# (key, label, host suffixes): the first whose suffix ends the host names the tool.
TOOLS = (
    ("zoom", "Zoom", ("zoom.us", "zoom.com", "zoomgov.com")),
    ("meet", "Google Meet", ("meet.google.com",)),
    ("teams", "Microsoft Teams", ("teams.microsoft.com", "teams.live.com")),
    ("jitsi", "Jitsi", ("meet.jit.si", "jitsi.org", "8x8.vc")),
    ("webex", "Webex", ("webex.com",)),
)


def validate_meeting_url(value: str) -> None:
    """Raise ValidationError with a message that says exactly what to change."""
    if not isinstance(value, str) or not value:
        raise ValidationError(_("Paste the link of your meeting."), code="required")
    if len(value) > MAX_URL_LENGTH:
        raise ValidationError(
            _("This link is too long (at most %(max)d characters)."),
            code="max_length",
            params={"max": MAX_URL_LENGTH},
        )
    if any(ch.isspace() or not ch.isprintable() for ch in value):
        raise ValidationError(_("A link has no spaces: paste it again."), code="spaces")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number
    except ValueError:
        raise ValidationError(_("This is not a web address."), code="invalid") from None
    if parts.scheme.lower() != "https":
        raise ValidationError(
            _("Use the https:// link of your meeting (it starts with https://)."), code="scheme"
        )
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            _("Remove the name and password from the link: share them in another way."),
            code="credentials",
        )
    if not parts.hostname:
        raise ValidationError(_("This link has no web site in it."), code="host")
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        raise ValidationError(_("This is not a web address."), code="invalid") from None


def meeting_tool(url: str) -> tuple[str, str]:
    """(key, label) of the tool a link opens: Zoom, Google Meet, Teams, Jitsi, Webex or other."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        host = ""
    for key, label, suffixes in TOOLS:
        if any(host == suffix or host.endswith("." + suffix) for suffix in suffixes):
            return key, label
    return "other", str(_("Video meeting"))

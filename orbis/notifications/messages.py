"""The texts of notifications, translated when shown."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from .models import Notification

Kind = Notification.Kind


def render(kind: str, params: dict) -> str:
    if not isinstance(params, dict):
        params = {}
    count = params.get("count")
    texts = {
        Kind.PARTNER_REQUEST: _(
            "%(teacher)s (%(country)s) asks %(classroom)s to be partners with %(their_classroom)s."
        ),
        Kind.REQUEST_ACCEPTED: _(
            "%(teacher)s accepted: %(classroom)s and %(their_classroom)s are now partners."
        ),
        Kind.REQUEST_DECLINED: _(
            "%(teacher)s declined the request from %(classroom)s to %(their_classroom)s."
        ),
        Kind.REQUEST_WITHDRAWN: _(
            "%(teacher)s withdrew the request from %(their_classroom)s to %(classroom)s."
        ),
        Kind.SUGGESTIONS: ngettext(
            "Orbis found %(count)d suggested partner class for %(classroom)s.",
            "Orbis found %(count)d suggested partner classes for %(classroom)s.",
            count if isinstance(count, int) else 0,
        ),
        Kind.JOIN_REQUEST: _(
            "%(teacher)s (%(country)s) asks to join “%(project)s” with %(classroom)s."
        ),
        Kind.JOIN_ACCEPTED: _("%(teacher)s accepted %(classroom)s in “%(project)s”."),
        Kind.JOIN_DECLINED: _(
            "%(teacher)s declined the request of %(classroom)s to join “%(project)s”."
        ),
        Kind.PLAN_CLASHES: ngettext(
            "A new partner joined “%(project)s”: %(count)d date clashes with a school's calendar.",
            "A new partner joined “%(project)s”: %(count)d dates clash with a school's calendar.",
            count if isinstance(count, int) else 0,
        ),
        Kind.MEMBER_LEFT: _("%(teacher)s took %(classroom)s out of “%(project)s”."),
    }
    if isinstance(params.get("country"), str):  # stored as a code, named in the reader's language
        params = {**params, "country": countries.name(params["country"]) or params["country"]}
    template = texts.get(kind)
    if template is None:
        return ""
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return str(Notification.Kind(kind).label) if kind in Kind.values else ""

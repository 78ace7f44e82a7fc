"""The texts of notifications, translated when shown."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from .kinds import Kind


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
        Kind.BOARD_POST: _(
            "%(author)s (%(classroom)s) posted “%(title)s” on the board of “%(project)s”."
        ),
        Kind.BOARD_COMMENT: _(
            "%(author)s (%(classroom)s) commented on “%(title)s” in “%(project)s”."
        ),
        Kind.PENDING_APPROVAL: ngettext(
            "%(count)d item from %(classroom)s waits for your approval in “%(project)s”.",
            "%(count)d items from %(classroom)s wait for your approval in “%(project)s”.",
            count if isinstance(count, int) else 0,
        ),
        Kind.ITEM_FLAGGED: _(
            "%(teacher)s flagged an item of %(classroom)s in “%(project)s”: it is hidden until "
            "you decide."
        ),
        Kind.FLAG_DECIDED: (
            _("The item you flagged in “%(project)s” was removed by its class's teacher.")
            if params.get("outcome") == "removed"
            else _("The item you flagged in “%(project)s” was restored by its class's teacher.")
        ),
        Kind.SESSION_SCHEDULED: _(
            "%(teacher)s scheduled the live session “%(session)s” of “%(project)s”: %(when)s."
        ),
        Kind.SESSION_CHANGED: _(
            "The live session “%(session)s” of “%(project)s” changed: now %(when)s."
        ),
        Kind.SESSION_CANCELLED: _(
            "The live session “%(session)s” of “%(project)s” (%(when)s) was cancelled."
        ),
        Kind.SESSION_REMINDER: ngettext(
            "Reminder: the live session “%(session)s” starts in %(count)d hour, %(when)s.",
            "Reminder: the live session “%(session)s” starts in %(count)d hours, %(when)s.",
            count if isinstance(count, int) else 0,
        ),
        Kind.SHOWCASE_PUBLISHED: _(
            "“%(project)s” now has a public showcase; your certificate of participation is ready."
        ),
        Kind.CHALLENGE_ENTRY: _(
            "An entry of %(classroom)s to the challenge “%(challenge)s” waits for your approval."
        ),
        Kind.REPORT_DECIDED: _report_decided(params.get("outcome")),
        Kind.ACCOUNT_WARNED: _(
            "The Orbis moderators reviewed a report about “%(label)s” and warn you: %(reason)s"
        ),
    }
    if "start" in params:  # an ISO UTC time, shown in the reader's zone and language
        params = {**params, "when": when(params.get("start"), params.get("zone"))}
    if isinstance(params.get("country"), str):  # stored as a code, named in the reader's language
        params = {**params, "country": countries.name(params["country"]) or params["country"]}
    template = texts.get(kind)
    if template is None:
        return ""
    try:
        return template % params
    except (KeyError, TypeError, ValueError):
        return str(Kind(kind).label) if kind in Kind.values else ""


def _report_decided(outcome) -> str:
    """The outcome of a teacher's report, in words (never who decided)."""
    outcomes = {
        "hide": _("Your report about “%(label)s” was reviewed: it is hidden now."),
        "restore": _("Your report about “%(label)s” was reviewed: it stays visible."),
        "warn": _("Your report about “%(label)s” was reviewed: its author was warned."),
        "suspend": _(
            "Your report about “%(label)s” was reviewed: the account responsible was suspended."
        ),
        "close": _("Your report about “%(label)s” was reviewed: the project was closed."),
    }
    return outcomes.get(
        outcome, _("Your report about “%(label)s” was reviewed: no action was needed.")
    )


def when(start, zone) -> str:
    """A moment as the reader reads it, in the named DATETIME_FORMAT of every page
    (orbis/web/formats): "Mon 14 Dec 2026, 13:00 (America/Bogota)"."""
    try:
        moment = datetime.fromisoformat(start)
        tz = ZoneInfo(zone) if isinstance(zone, str) and zone else ZoneInfo("UTC")
    except (TypeError, ValueError, KeyError):
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    # date_format writes the aware moment's own wall-clock time (no conversion to the active zone).
    return f"{date_format(moment.astimezone(tz), 'DATETIME_FORMAT')} ({tz.key})"

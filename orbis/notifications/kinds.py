"""The kinds of notification. Their own module so that the model (models.py) and the texts
(messages.py) both use them without importing each other; `Notification.Kind` is this class."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PARTNER_REQUEST = "partner_request", _("Partner request")
    REQUEST_ACCEPTED = "request_accepted", _("Request accepted")
    REQUEST_DECLINED = "request_declined", _("Request declined")
    REQUEST_WITHDRAWN = "request_withdrawn", _("Request withdrawn")
    SUGGESTIONS = "suggestions", _("Suggested partners")
    JOIN_REQUEST = "join_request", _("Request to join a project")
    JOIN_ACCEPTED = "join_accepted", _("Joined a project")
    JOIN_DECLINED = "join_declined", _("Request to join declined")
    PLAN_CLASHES = "plan_clashes", _("Dates that clash")
    MEMBER_LEFT = "member_left", _("A class left a project")
    # The board, live sessions, reflection, showcase and challenges.
    BOARD_POST = "board_post", _("New post on a project board")
    BOARD_COMMENT = "board_comment", _("New comment on a post")
    PENDING_APPROVAL = "pending_approval", _("Student work waiting for approval")
    ITEM_FLAGGED = "item_flagged", _("A partner flagged your class's item")
    FLAG_DECIDED = "flag_decided", _("A flagged item was decided")
    SESSION_SCHEDULED = "session_scheduled", _("Live session scheduled")
    SESSION_CHANGED = "session_changed", _("Live session changed")
    SESSION_CANCELLED = "session_cancelled", _("Live session cancelled")
    SESSION_REMINDER = "session_reminder", _("Live session reminder")
    SHOWCASE_PUBLISHED = "showcase_published", _("Showcase published")
    CHALLENGE_ENTRY = "challenge_entry", _("Challenge entry")
    # Moderation by the Orbis staff.
    REPORT_DECIDED = "report_decided", _("Your report was reviewed")
    ACCOUNT_WARNED = "account_warned", _("A warning from the moderators")

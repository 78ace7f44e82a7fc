"""Writes on the board. Each runs in one transaction and raises BoardError with a message for
the person; notifications go out (by email) only once the transaction commits.

- rules.py: what every write checks (an archived board, who speaks for which class, who may
  change an item) and the board's addresses;
- notices.py: who is told what, so that a teacher learns what needs her without being flooded;
- posts.py: posts with their attachments: writing, editing, deleting;
- feedback.py: comments and reactions;
- decisions.py: the class teacher's approval and a partner teacher's flag.

Other apps and the board's views call the functions below as `services.post_create(...)`.
"""

from .decisions import REMOVED, RESTORED, flag_decide, item_approve, item_flag, item_reject
from .feedback import comment_create, reaction_toggle
from .posts import MAX_ATTACHMENTS, post_create, post_delete, post_update
from .rules import BoardError, board_url, may_change, post_url, queue_url, writable

__all__ = [
    "MAX_ATTACHMENTS",
    "REMOVED",
    "RESTORED",
    "BoardError",
    "board_url",
    "comment_create",
    "flag_decide",
    "item_approve",
    "item_flag",
    "item_reject",
    "may_change",
    "post_create",
    "post_delete",
    "post_update",
    "post_url",
    "queue_url",
    "reaction_toggle",
    "writable",
]

"""Writes for projects, by feature: the plan (`plans`), its status (`status`), joining, roles
and leaving (`membership`). Each write runs in one transaction; notifications go out on commit.
"""


class ProjectError(Exception):
    """A change that can't be made; the message says why, for the teacher."""

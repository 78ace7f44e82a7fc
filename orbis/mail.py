"""Development email: every message is written to the outbox folder, and one line about it is
printed to the console (who it is for, its subject, its file), not the raw message."""

import sys
from email.header import decode_header, make_header
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


def decoded(header: str) -> str:
    """A header as a person reads it: `=?utf-8?q?…?=` words decoded, folded lines joined."""
    return " ".join(str(make_header(decode_header(header))).split())


def shown_path(path: str | Path) -> str:
    """The file's path from the current folder when it lies below it (`var/outbox/…`)."""
    path = Path(path).absolute()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def outbox_line(message, path: str | Path) -> str:
    """`email to gisel@… — "[Orbis] Please confirm …" — var/outbox/….log`"""
    recipients = ", ".join(message.recipients()) or "(nobody)"
    subject = decoded(str(message.subject))
    return f'email to {recipients} — "{subject}" — {shown_path(path)}'


class OutboxBackend(EmailBackend):
    def write_message(self, message):
        super().write_message(message)
        sys.stdout.write(outbox_line(message, self._fname) + "\n")
        sys.stdout.flush()

"""Development email: every message is written to the outbox folder and printed to the console."""

import sys

from django.core.mail.backends.filebased import EmailBackend


class OutboxBackend(EmailBackend):
    def write_message(self, message):
        super().write_message(message)
        sys.stdout.write(message.message().as_string() + "\n" + "-" * 79 + "\n")
        sys.stdout.flush()

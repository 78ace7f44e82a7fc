from django.core.management.base import BaseCommand

from orbis.live.tasks import send_due


class Command(BaseCommand):
    help = (
        "Send the live-session reminders that are due and not sent yet (run it every few "
        "minutes: it sends each reminder once, also those a restarted worker lost)."
    )

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(f"Sent {sent} reminder(s).")

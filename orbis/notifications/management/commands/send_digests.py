from django.core.management.base import BaseCommand, CommandError

from orbis.notifications.tasks import DigestError, send_digests


class Command(BaseCommand):
    help = (
        "Email each teacher one digest of the notifications she chose to receive daily. "
        "Run it once a day (cron or a systemd timer); running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        try:
            sent = send_digests.call()
        except DigestError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{sent} digest emails sent.")

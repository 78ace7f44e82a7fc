# The board's items that the staff hid and did not restore, read from the audit log once: from
# now on moderation sets the item's hidden_by_staff itself (services._hide and _restore), and
# the board reads its own field instead of this app's log.

from django.db import migrations


def fill(apps, schema_editor):
    AuditLog = apps.get_model("moderation", "AuditLog")
    hidden = AuditLog.objects.filter(action="hide", undone_by__isnull=True)
    for kind, model in (("post", "Post"), ("comment", "Comment")):
        ids = hidden.filter(target_kind=kind, target_id__isnull=False).values("target_id")
        apps.get_model("board", model).objects.filter(pk__in=ids, status="rejected").update(
            hidden_by_staff=True
        )


def empty(apps, schema_editor):
    """Going back, the field goes with board's migration 0004: nothing to undo here."""


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("board", "0004_hidden_by_staff"),
    ]

    operations = [migrations.RunPython(fill, empty)]

from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using="default", **kwargs) -> None:
    # With the database cache, a save already writes to it (the partner search index's
    # generation): a migrated database must have its table, whichever command comes next.
    call_command("createcachetable", database=using, verbosity=0)


class Config(AppConfig):
    name = "orbis.ops"
    label = "ops"

    def ready(self):
        # Every task a worker starts or finishes refreshes its heartbeat.
        from . import heartbeat  # noqa: F401

        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="ops-cache-table")

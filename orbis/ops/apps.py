from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.ops"
    label = "ops"

    def ready(self):
        # Every task a worker starts or finishes refreshes its heartbeat.
        from . import heartbeat  # noqa: F401

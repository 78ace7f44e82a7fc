from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.partners"
    label = "partners"

    def ready(self):
        from .index import connect_signals

        connect_signals()

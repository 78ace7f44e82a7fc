from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.privacy"
    label = "privacy"

    def ready(self) -> None:
        from . import signals

        signals.connect()

from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.live"
    label = "live"

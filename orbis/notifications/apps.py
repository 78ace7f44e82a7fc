from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.notifications"
    label = "notifications"

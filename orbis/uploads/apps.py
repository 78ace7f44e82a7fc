from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.uploads"
    label = "uploads"

from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.reflections"
    label = "reflections"

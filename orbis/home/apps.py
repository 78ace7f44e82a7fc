from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.home"
    label = "home"

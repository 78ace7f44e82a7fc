from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.schools"
    label = "schools"

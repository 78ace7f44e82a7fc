from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.partners"
    label = "partners"

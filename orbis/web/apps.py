from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.web"
    label = "web"

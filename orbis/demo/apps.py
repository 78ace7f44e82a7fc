from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.demo"
    label = "demo"

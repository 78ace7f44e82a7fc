from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.showcase"
    label = "showcase"

from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.challenges"
    label = "challenges"

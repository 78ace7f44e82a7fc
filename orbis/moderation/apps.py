from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.moderation"
    label = "moderation"

from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.accounts"
    label = "accounts"

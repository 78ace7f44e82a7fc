from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.board"
    label = "board"

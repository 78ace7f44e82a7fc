from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.classrooms"
    label = "classrooms"

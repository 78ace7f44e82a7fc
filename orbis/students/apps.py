from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.students"
    label = "students"

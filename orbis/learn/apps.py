from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "orbis.learn"
    label = "learn"

from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.challenges"
    label = "challenges"

    def ready(self):
        from orbis.uploads import quota

        from .selectors import media_since

        quota.register("challenges", media_since)  # entries' files count toward UPLOADS_PER_DAY

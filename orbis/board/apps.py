from django.apps import AppConfig


class Config(AppConfig):
    name = "orbis.board"
    label = "board"

    def ready(self):
        from orbis.uploads import quota

        from .selectors import attachments_since

        quota.register("board", attachments_since)  # attachments count toward UPLOADS_PER_DAY

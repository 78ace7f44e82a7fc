from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "orbis.projects"
    verbose_name = _("Projects")

    def ready(self):
        from . import checks  # noqa: F401  (registers the template-library check)

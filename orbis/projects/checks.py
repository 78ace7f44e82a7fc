"""A broken project template is reported by name at start-up (`orbis check`, runserver)."""

from django.core import checks

from orbis.vocabulary import Subject


@checks.register()
def template_library_check(app_configs, **kwargs):
    from orbis.core.plans import library

    try:
        library.load_library(library.DEFAULT_DIR, subjects=Subject.values)
    except library.TemplateError as error:
        return [
            checks.Error(
                f"The project template library has broken templates:\n{error}",
                hint="Fix the named files in orbis/core/plans/templates/.",
                id="orbis.E001",
            )
        ]
    return []

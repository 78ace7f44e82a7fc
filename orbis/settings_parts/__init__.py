"""Pieces of orbis/settings.py that read nothing from the environment, kept apart so that
settings.py fits on a few screens: the typed readers of environment variables, and the site's
fixed security policy. Anything an environment variable changes stays in settings.py."""

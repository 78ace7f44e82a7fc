"""The `orbis` command: Django's management commands under one name.

`orbis demo`, `orbis serve`, `orbis seed` are Orbis commands; everything else (`migrate`,
`check`, `createsuperuser`, …) is Django's own.
"""

import contextlib
import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbis.settings")
    from django.core.management import execute_from_command_line

    make_local_folders()
    execute_from_command_line(["orbis", *sys.argv[1:]])


def make_local_folders() -> None:
    """The folders under var/ the settings point to and nothing else makes: the SQLite
    database's (SQLite creates the file, not its folder) and STATIC_ROOT (WhiteNoise warns at
    every start while it is missing, before the first `collectstatic`). The outbox, media and
    backups make their own folders when they first write."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        database = settings.DATABASES["default"]
        static_root = settings.STATIC_ROOT
    except ImproperlyConfigured:
        return  # bad settings: the command says so itself
    folders = [static_root] if static_root else []
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] != ":memory:":
        folders.append(Path(database["NAME"]).parent)
    for folder in folders:
        with contextlib.suppress(OSError):  # read-only: the command that needs it says so
            Path(folder).mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":
    main()

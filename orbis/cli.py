"""The `orbis` command: Django's management commands under one name.

`orbis demo`, `orbis serve`, `orbis seed` are Orbis commands; everything else (`migrate`,
`check`, `createsuperuser`, …) is Django's own.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orbis.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["orbis", *sys.argv[1:]])


if __name__ == "__main__":
    main()

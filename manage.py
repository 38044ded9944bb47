#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production unless told otherwise: a command run on a server (cron, deploy) must never use the
    # development settings (DEBUG, the demo app). Without its secrets production refuses to start;
    # on a workstation `make run` sets practice.settings.dev, or export DJANGO_SETTINGS_MODULE.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings.production")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)

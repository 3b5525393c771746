"""Benchmarks and load tools: run by `make bench` and `make loadbench`, never installed as an app or shipped.

Each benchmark is a Django management command class run as a module (``python -m bench.benchmark_search``),
so that it parses its options like ``manage.py`` would without living in an installed app.
"""

import os
import sys


def run(command_class, name: str) -> None:
    """Set Django up with the environment's settings and run ``command_class`` with the process's arguments."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    command_class().run_from_argv(["manage.py", name, *sys.argv[1:]])

"""``python -m bench <benchmark> [options]``, e.g. ``python -m bench benchmark_load --scale 4000``.

The benchmarks import models at the top, which needs Django's app registry: set Django up first, then import
the benchmark's module and run its command (``python -m bench.benchmark_load`` fails with AppRegistryNotReady).
"""

import importlib
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()
name = sys.argv[1]
importlib.import_module(f"bench.{name}").Command().run_from_argv(["manage.py", name, *sys.argv[2:]])

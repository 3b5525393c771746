"""``python -m bench <benchmark> [options]``, e.g. ``python -m bench benchmark_load --scale 4000``.

The benchmarks import models at the top, which needs Django's app registry: set Django up first, then import
the benchmark's module and run its command (``python -m bench.benchmark_load`` fails with AppRegistryNotReady).
Short names: ``import``, ``load``, ``migrate``, ``search`` (``python -m bench import --lines 10000``).
"""

import atexit
import importlib
import os
import sys
import tempfile

import django

ALIASES = {
    "import": "benchmark_import",
    "load": "benchmark_load",
    "migrate": "benchmark_migrate",
    "search": "benchmark_search",
}
# Benchmarks that need a fresh database of their own: a temporary SQLite file unless DATABASE_URL names one.
FRESH_DATABASE = {"benchmark_import", "benchmark_migrate"}

name = ALIASES.get(sys.argv[1], sys.argv[1])
if name in FRESH_DATABASE:
    if "DATABASE_URL" not in os.environ:
        workdir = tempfile.TemporaryDirectory(prefix="3l-bench-")
        atexit.register(workdir.cleanup)
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    os.environ["DEBUG"] = "0"  # with DEBUG on Django keeps every query in memory: that would be measured
    os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()
importlib.import_module(f"bench.{name}").Command().run_from_argv(["manage.py", name, *sys.argv[2:]])

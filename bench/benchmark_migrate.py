"""Benchmark of migrating a new database: what every test run's template, `make run`'s first start and a new
installation pay before anything else.

    .venv/bin/python -m bench migrate [--runs 3] [--app wagtailcore]

Each run migrates a new SQLite file in a temporary directory of its own and prints its CPU time
(``bench/__main__.py`` turns DEBUG off and never names the developer's database); the last run's time per app
follows, the costliest first. ``--app`` migrates only that app and what it depends on. SQLite only: the cost is
almost all Django rendering model states, the same on PostgreSQL. Not a test: the figures go into
the README's "Performance" and docs/performance.md.
"""

import time
from collections import Counter
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def migration_times(database, targets=None) -> list[tuple[str, float]]:
    """Migrate ``database`` (a connection) to ``targets`` (every app's last migration when None): (migration, CPU
    seconds) in the order applied."""
    times, started = [], [0.0]

    def progress(action, migration=None, fake=False):
        if action == "apply_start":
            started[0] = time.process_time()
        elif action == "apply_success":
            times.append((f"{migration.app_label}.{migration.name}", time.process_time() - started[0]))

    executor = MigrationExecutor(database, progress)
    executor.migrate(targets if targets is not None else executor.loader.graph.leaf_nodes())
    return times


def use_database(path: Path) -> None:
    connection.close()
    connection.settings_dict["NAME"] = str(path)


class Command(BaseCommand):
    help = "Migrates new SQLite databases and prints the CPU time of each run and of each app."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--app", help="only this app and what it depends on (default: every app)")

    def handle(self, *args, runs, app, **options):
        if runs < 1:
            raise CommandError("--runs must be at least 1")
        targets = None
        if app is not None:
            leaves = [
                node for node in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes() if node[0] == app
            ]
            if not leaves:
                raise CommandError(f"no migrations of an app {app!r}")
            targets = leaves
        if connection.vendor != "sqlite":
            raise CommandError("SQLite only: run it without DATABASE_URL")
        with TemporaryDirectory(prefix="3l-bench-migrate-") as directory:
            for run in range(1, runs + 1):
                use_database(Path(directory) / f"run-{run}.sqlite3")
                started = time.process_time()
                times = migration_times(connection, targets)
                self.stdout.write(f"run {run}: {len(times)} migrations, {time.process_time() - started:.2f} s CPU")
            connection.close()
        by_app = Counter()
        for name, seconds in times:
            by_app[name.split(".")[0]] += seconds
        self.stdout.write(
            "last run, per app (s CPU): " + ", ".join(f"{app} {s:.2f}" for app, s in by_app.most_common())
        )

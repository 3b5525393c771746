"""`python -m bench migrate` (bench/benchmark_migrate.py), run as a developer runs it: it migrates a new database
and prints what each run and each app took."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from bench import benchmark_migrate


def run_bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bench", "migrate", *args],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )


def test_each_run_migrates_a_new_database_and_is_timed_per_app():
    result = run_bench("--runs", "2", "--app", "contenttypes")
    assert result.returncode == 0, result.stderr
    runs = re.findall(r"^run (\d): (\d+) migrations, ([\d.]+) s CPU$", result.stdout, re.MULTILINE)
    assert [(run, count) for run, count, _seconds in runs] == [("1", "2"), ("2", "2")]  # new database each time
    assert all(float(seconds) > 0 for _run, _count, seconds in runs)
    assert re.search(r"^last run, per app \(s CPU\): contenttypes [\d.]+$", result.stdout, re.MULTILINE)


@pytest.mark.parametrize("args, message", [(["--app", "kein_app"], "kein_app"), (["--runs", "0"], "--runs")])
def test_bad_options_are_refused_before_anything_is_migrated(args, message):
    with pytest.raises(CommandError, match=message):
        call_command(benchmark_migrate.Command(), *args)

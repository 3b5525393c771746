"""One migrated test database per test run, copied for each xdist worker.

Migrating takes 15–25 s of CPU (Django renders the model state of some 210 migrations); setting the portal up one
more second. Done in every xdist worker, that cost is paid three times over on two cores. Instead, the first worker
to take the lock migrates a template database and sets the portal up in it; every worker then copies it:

- PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (a file copy inside the server);
- SQLite: the template is a file, copied with SQLite's backup API into the worker's in-memory test database.

The template is rebuilt once per run (the run's id is written beside it), so changed migrations always count.

Under xdist the controller starts the build in a process of its own before the workers start
(``start_building_in_background``): the workers import and collect the suite meanwhile, instead of one of them
migrating while the others wait. Whoever takes the lock first builds; the others find the run's template (and if
the background build failed, the first worker builds it, as without xdist).
"""

import fcntl
import gc
import os
import sqlite3
import sys
import time
import traceback
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.test.utils import setup_test_environment
from pytest_django.plugin import blocking_manager_key

from portal.setup import set_up_portal


def run_directory_and_id(config, tmp_path_factory) -> tuple[Path, str]:
    """The directory all of this run's workers share, and the run's id."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:  # no xdist: this process is the whole run
        return tmp_path_factory.getbasetemp(), uuid.uuid4().hex
    return tmp_path_factory.getbasetemp().parent, workerinput["testrunuid"]


def start_building_in_background(config) -> int | None:
    """In an xdist controller: build this run's template in a child process while the workers start.

    The child is forked from the controller, which has Django set up already: a new interpreter would first spend
    2–3 s importing it, and every database test waits for the build. The controller has opened no database
    connection and started no worker yet. Returns the child's pid (``finish_background_build`` waits for it), or
    None outside an xdist controller. The run's id is fixed here, before xdist makes one, so that the workers know
    the template as this run's.
    """
    if getattr(config, "workerinput", None) is not None or not getattr(config.option, "numprocesses", None):
        return None
    config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
    shared_dir = config._tmp_path_factory.getbasetemp()
    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    _build_in_child(shared_dir, config.option.testrunuid, config.stash[blocking_manager_key])  # never returns


def _build_in_child(shared_dir: Path, run_id: str, database_blocker) -> NoReturn:
    status = 1
    try:
        with (shared_dir / "template.log").open("w") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            sys.stdout = sys.stderr = log
            try:
                # No cyclic garbage collection: migrating allocates many short-lived objects, and with Python's
                # default threshold the collector ran thousands of times (17 s of CPU; 14 s at a threshold of
                # 50,000; 17.8-18.1 s against 19.0-20.0 s with none at all, alternating, 2026-12-01). This process
                # exits once the template is built (peak 470 MB instead of 198 MB), and every database test waits
                # for it. In the test workers a higher threshold made no difference, so they keep the default.
                gc.disable()
                setup_test_environment()  # as pytest-django's django_test_environment: built as in a worker
                with database_blocker.unblock():  # pytest-django blocks the database outside tests
                    build_template_in_turn(shared_dir, run_id)
                status = 0
            except BaseException:
                traceback.print_exc()
            log.flush()
    finally:
        os._exit(status)  # not the controller's exit handlers


def finish_background_build(pid: int | None) -> None:
    if pid is not None:
        os.waitpid(pid, 0)


def build_template_once(shared_dir: Path, run_id: str) -> bool:
    """Migrate this run's template and set the portal up in it, unless someone did already; whether it built."""
    marker = shared_dir / "template.run"
    if marker.exists() and marker.read_text() == run_id:
        return False
    _build_template(shared_dir)
    marker.write_text(run_id)
    return True


def build_template_in_turn(shared_dir: Path, run_id: str) -> None:
    """``build_template_once`` under the run's lock (the background build)."""
    with _locked(shared_dir / "template.lock"):
        started = time.perf_counter()
        built = build_template_once(shared_dir, run_id)
    print(f"template {'built' if built else 'found'} in {time.perf_counter() - started:.1f} s", flush=True)


def set_up_test_database(shared_dir: Path, run_id: str) -> str:
    """Give this process a migrated test database with the portal set up; returns the database name to restore
    at the end (``tear_down_test_database``)."""
    original_name = connection.settings_dict["NAME"]
    with _locked(shared_dir / "template.lock"):
        build_template_once(shared_dir, run_id)
        _copy_template(shared_dir)
    _remember_content_types()
    take_back_priority()
    return original_name


# The build is what every database test waits for. While it runs, the workers (importing, collecting, running the
# tests that need no database) leave it a whole core: with three processes on two cores it would get two thirds.
WORKER_NICENESS = 5
_yielded = False


def yield_to_template_build() -> None:
    """In an xdist worker, as it starts: a lower priority until it has its database."""
    global _yielded
    os.nice(WORKER_NICENESS)
    _yielded = True


def take_back_priority() -> None:
    """The normal priority again, once the template is copied (only root may raise it: others keep the lower one,
    which only weighs against PostgreSQL and the node, not between the workers)."""
    global _yielded
    if _yielded:
        _yielded = False
        try:
            os.nice(-WORKER_NICENESS)
        except PermissionError:
            pass


def _remember_content_types() -> None:
    """Fill the content-type cache, as migrating leaves it in the process that migrated.

    Without it, restoring the serialized portal after a flush (transactional tests) can make a save signal look up
    a content type that is not restored yet: it is created anew, and the restored row then collides with it.
    """
    ContentType.objects.get_for_models(*apps.get_models(include_auto_created=True), for_concrete_models=False)


def tear_down_test_database(original_name: str) -> None:
    connection.creation.destroy_test_db(original_name, verbosity=0)


def _build_template(shared_dir: Path) -> None:
    test_settings = connection.settings_dict["TEST"]
    worker_name, original_name = test_settings.get("NAME"), connection.settings_dict["NAME"]
    test_settings["NAME"] = _template_name(shared_dir)
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        set_up_portal()
    finally:
        connection.close()
        test_settings["NAME"] = worker_name
        _point_connection_at(original_name)


def _copy_template(shared_dir: Path) -> None:
    template = _template_name(shared_dir)
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "postgresql":
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
            cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
        _point_connection_at(test_name)
    elif connection.vendor == "sqlite":
        _point_connection_at(test_name)
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise NotImplementedError(f"no test database template for {connection.vendor}")


def _template_name(shared_dir: Path) -> str:
    if connection.vendor == "sqlite":
        return str(shared_dir / "template.sqlite3")
    return f"test_{settings.DATABASES[connection.alias]['NAME']}_template"


def _point_connection_at(name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


@contextmanager
def _locked(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

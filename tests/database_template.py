"""One migrated test database per test run, copied for each xdist worker.

Migrating takes 15–25 s of CPU (Django renders the model state of some 210 migrations); setting the portal up one
more second. Done in every xdist worker, that cost is paid three times over on two cores. Instead, the first worker
to take the lock migrates a template database and sets the portal up in it; every worker then copies it:

- PostgreSQL: ``CREATE DATABASE … TEMPLATE`` (a file copy inside the server);
- SQLite: the template is a file, copied with SQLite's backup API into the worker's in-memory test database.

The template is rebuilt once per run (the run's id is written beside it), so changed migrations always count.
"""

import fcntl
import sqlite3
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from portal.setup import set_up_portal


def run_directory_and_id(config, tmp_path_factory) -> tuple[Path, str]:
    """The directory all of this run's workers share, and the run's id."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:  # no xdist: this process is the whole run
        return tmp_path_factory.getbasetemp(), uuid.uuid4().hex
    return tmp_path_factory.getbasetemp().parent, workerinput["testrunuid"]


def set_up_test_database(shared_dir: Path, run_id: str) -> str:
    """Give this process a migrated test database with the portal set up; returns the database name to restore
    at the end (``tear_down_test_database``)."""
    original_name = connection.settings_dict["NAME"]
    with _locked(shared_dir / "template.lock"):
        marker = shared_dir / "template.run"
        if not marker.exists() or marker.read_text() != run_id:
            _build_template(shared_dir)
            marker.write_text(run_id)
        _copy_template(shared_dir)
    _remember_content_types()
    return original_name


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

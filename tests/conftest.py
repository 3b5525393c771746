import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, TransactionTestCase

from home.models import HomePage
from portal.setup import set_up_portal
from tests.database_template import (
    finish_background_build,
    run_directory_and_id,
    set_up_test_database,
    start_building_in_background,
    tear_down_test_database,
    yield_to_template_build,
)
from tests.services import wait_for_elasticsearch


@pytest.hookimpl(trylast=True)  # after pytest's own configure has made the run's temporary directory
def pytest_configure(config):
    config._template_build = start_building_in_background(config)
    if getattr(config, "workerinput", None) is not None:
        yield_to_template_build()


def pytest_unconfigure(config):
    finish_background_build(getattr(config, "_template_build", None))


# what gives a test the database, statically or (live_server: pytest-django asks for transactional_db) when it runs
DATABASE_FIXTURES = {"django_db_setup", "db", "transactional_db", "live_server"}


def needs_database(item) -> bool:
    return bool(
        DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        or item.get_closest_marker("django_db")
        or getattr(item, "cls", None) is not None
    )


def django_order(item) -> int:
    """pytest-django's group: 0 database in a transaction, 1 transactional (flushes it at its end), 2 the others."""
    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    ):
        return 1
    return 0 if marker or "db" in fixtures else 2


def pytest_collection_modifyitems(items):
    """Tests that need no database first: they run while the template is built. Then pytest-django's order: a test
    that flushes the database (transactional, live server) must stay behind every other database test. Within each
    group the modules with tests of the Elasticsearch node come last, whole (their module fixtures are built once):
    the node starts beside the run (scripts/test.sh)."""
    with_node = {item.path for item in items if item.get_closest_marker("elasticsearch") is not None}
    items.sort(key=lambda item: (needs_database(item), django_order(item), item.path in with_node))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test of the node waits for it before any fixture of it runs (module fixtures index into it too)."""
    if item.get_closest_marker("elasticsearch") is not None:
        wait_for_elasticsearch()


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_modify_db_settings, django_db_blocker, tmp_path_factory
):
    """The portal is set up once per test run, in a template every xdist worker copies (tests/database_template.py):
    every test's transaction rolls back to it.

    Transactional tests (live server, concurrency) flush the database at their end; pytest-django runs them
    after the others. With ``serialized_rollback`` each of them starts from the serialized database: it is
    serialized here, after the set-up, so that they find the portal in place instead of setting it up
    once more each (``portal`` still sets it up for a transactional test without serialized rollback).
    """
    with django_db_blocker.unblock():
        original_name = set_up_test_database(*run_directory_and_id(request.config, tmp_path_factory))
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        tear_down_test_database(original_name)


@pytest.fixture
def portal(db):
    """The portal: taxonomies, the home page with its index and standard pages, the groups and the workflow."""
    return HomePage.objects.first() or set_up_portal()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the mails after a registration) as a committing request would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives the rolled-back test transaction: start every test with an empty one."""
    cache.clear()


@pytest.fixture(autouse=True)
def still_seat_window(monkeypatch):
    """Pages with seat badges stay in the page cache until the end of the current seat window (caching.pages.
    age_window): its clock stands still a second after a window's start, so that two requests of a test never
    fall into different windows by chance. The tests of the window move the clock themselves."""
    monkeypatch.setattr("caching.pages.clock", lambda: 1_800_000_001.0)

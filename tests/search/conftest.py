import os
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from search.engines import get_engine
from tests.module_data import rolled_back_at_the_end
from tests.search.data import build_dataset

ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")
TEST_INDEX = f"test_{uuid.uuid4().hex[:8]}_suche"
ENGINES = ["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


def elasticsearch_settings(url: str = ES_URL, index: str = TEST_INDEX) -> dict:
    """The search's settings with the test node (what the ``settings`` fixture changes is in them too)."""
    return {
        **django_settings.PORTAL_SEARCH,
        "ENGINE": "elasticsearch",
        "URL": url,
        "INDEX": index,
        "REFRESH": True,
        "TIMEOUT": 10,
    }  # generous: a busy CI machine


def use_elasticsearch(settings, url: str = ES_URL, index: str = TEST_INDEX):
    settings.PORTAL_SEARCH = elasticsearch_settings(url, index)


@contextmanager
def empty_elasticsearch_index():
    """A fresh index under the current settings, dropped afterwards."""
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`, which starts Elasticsearch.")
    engine = get_engine()
    engine.drop()
    engine.ensure_index()
    try:
        yield
    finally:
        engine.drop()


@pytest.fixture(autouse=True)
def forgotten_search_memories():
    """Each test starts without what earlier ones left in this process's memories of the node's answers
    (spellings, which searches needed the fallback): they only save round trips, and tests count those."""
    from search.engines import elastic

    elastic.forget_memories()
    yield
    elastic.forget_memories()


@pytest.fixture(params=ENGINES)
def engine_name(request, settings, portal):
    """Runs a test once per engine; Elasticsearch gets a fresh test index of its own."""
    if request.param == "database":
        yield "database"
        return
    use_elasticsearch(settings)
    with empty_elasticsearch_index():
        yield "elasticsearch"


@contextmanager
def module_data_on(engine: str, django_db_blocker):
    """For data built once per module and engine (tests/module_data.py), for modules whose tests only read it:
    searches, page views, the query log. Elasticsearch gets an index of its own, dropped at the end."""
    with rolled_back_at_the_end(django_db_blocker):
        if engine == "database":
            yield
            return
        with (
            override_settings(PORTAL_SEARCH=elasticsearch_settings(index=f"{TEST_INDEX}_shared")),
            empty_elasticsearch_index(),
        ):
            yield


@pytest.fixture(scope="module", params=ENGINES)
def dataset_per_engine(request, django_db_setup, django_db_blocker):
    """``build_dataset()`` once per module and engine (``module_data_on``)."""
    with module_data_on(request.param, django_db_blocker):
        yield build_dataset()


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """``build_dataset()`` once per module on the default engine (see ``dataset_per_engine``)."""
    with rolled_back_at_the_end(django_db_blocker):
        yield build_dataset()


def node_tokens(text: str, **analysis) -> list[str]:
    """The tokens the node's current index makes of ``text``, with ``analyzer=`` or ``field=``."""
    engine = get_engine()
    index = next(iter(engine.client.indices.get_alias(name=engine.alias)))
    return [token["token"] for token in engine.client.indices.analyze(index=index, text=text, **analysis)["tokens"]]

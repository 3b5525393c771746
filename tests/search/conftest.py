import os
import uuid

import pytest

from search.engines import get_engine

ES_URL = os.environ.get("ELASTICSEARCH_TEST_URL", "")
TEST_INDEX = f"test_{uuid.uuid4().hex[:8]}_suche"


def use_elasticsearch(settings, url: str = ES_URL, index: str = TEST_INDEX):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ENGINE": "elasticsearch", "URL": url, "INDEX": index,
                              "REFRESH": True, "TIMEOUT": 10}  # generous: a busy CI machine


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine_name(request, settings, portal):
    """Runs a test once per engine; Elasticsearch gets a fresh test index of its own."""
    if request.param == "database":
        yield "database"
        return
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`, which starts Elasticsearch.")
    use_elasticsearch(settings)
    engine = get_engine()
    engine.drop()
    engine.ensure_index()
    yield "elasticsearch"
    engine.drop()

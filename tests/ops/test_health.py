"""/health/: 200 while the database answers, with the search engine's state; 503 without a database."""

from unittest import mock

import pytest
from django.db import connection
from django.db.utils import OperationalError

from tests.search.conftest import ES_URL, use_elasticsearch


def test_healthy_site_with_the_database_search(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["vendor"] == connection.vendor
    assert body["checks"]["search"] == {"status": "ok", "engine": "database"}


def test_unreachable_elasticsearch_degrades_but_keeps_the_site_in_rotation(client, db, settings):
    use_elasticsearch(settings, url="http://127.0.0.1:9")  # nothing listens on the discard port
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["search"]["status"] == "degraded"
    assert body["checks"]["search"]["fallback"] == "database"
    assert "127.0.0.1:9" not in response.content.decode()  # no internal addresses to the public


def test_unreachable_database_answers_503(client, db):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"]["status"] == "unavailable"


def test_health_is_read_only(client, db):
    assert client.post("/health/").status_code == 405


@pytest.mark.elasticsearch
def test_running_elasticsearch_node_is_reported_ok(client, db, settings):
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`.")
    use_elasticsearch(settings)
    body = client.get("/health/").json()
    assert body["status"] == "ok"
    assert body["checks"]["search"]["engine"] == "elasticsearch"
    assert body["checks"]["search"]["cluster"] in ("green", "yellow")


@pytest.mark.elasticsearch
def test_several_nodes_in_the_url_survive_one_that_is_down(client, db, settings):
    """ELASTICSEARCH_URL may list the cluster's nodes comma-separated: the client retries on the next one."""
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`.")
    use_elasticsearch(settings, url=f"http://127.0.0.1:9,{ES_URL}")  # the first node: nothing listens there
    for _ in range(3):  # requests go round the nodes
        assert client.get("/health/").json()["checks"]["search"]["status"] == "ok"

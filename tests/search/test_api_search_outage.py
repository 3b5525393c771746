"""/api/v2/pages/?search= during an Elasticsearch outage falls back to the database (issue 14, finding 13).

The node does not answer (a closed port, as when it is stopped): 205 of 1,500 requests answered 500.
"""

import pytest

from tests.factories import make_offer


@pytest.fixture
def node_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": ["http://127.0.0.1:9"],
            "INDEX_PREFIX": "ausfall_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0},
        }
    }


@pytest.mark.parametrize("operator", [None, "and", "or"])
def test_pages_api_search_answers_from_the_database_while_the_node_is_down(client, portal, node_down, operator):
    make_offer("Smartphone-Kurs für Einsteiger")
    make_offer("Töpfern am Abend")
    params = {"search": "Smartphone", "type": "bildungsboerse.OfferPage", "fields": "title"}
    if operator:
        params["search_operator"] = operator
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Smartphone-Kurs für Einsteiger"]

"""Wagtail's own Elasticsearch indexes get their mapping (issue 14, finding 13).

Nothing ran ``update_index``: the pages API search found nothing on an Elasticsearch set-up and the admin's
page search answered 500 (KeyError 'fields'). ``rebuild_search_index`` (set-up, nightly) now runs it.
"""

import uuid

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from tests.factories import make_offer, make_user

from .conftest import ES_URL


@pytest.fixture
def wagtail_on_elasticsearch(settings):
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`, which starts Elasticsearch.")
    prefix = f"test_{uuid.uuid4().hex[:8]}_wagtail_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ES_URL],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 30,
        }
    }
    yield
    Elasticsearch(ES_URL).indices.delete(index=f"{prefix}*", ignore_unavailable=True, allow_no_indices=True)


@pytest.mark.elasticsearch
def test_after_rebuild_the_pages_api_and_the_admin_search_work_on_elasticsearch(
    client, portal, wagtail_on_elasticsearch
):
    make_offer("Smartphone-Kurs für Einsteiger")
    call_command("rebuild_search_index")
    response = client.get("/api/v2/pages/", {"search": "Smartphone", "fields": "title"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Smartphone-Kurs für Einsteiger"]
    client.force_login(make_user("admin", superuser=True))
    admin_search = client.get("/admin/pages/search/", {"q": "Smartphone"})
    assert admin_search.status_code == 200 and "Smartphone-Kurs für Einsteiger" in admin_search.content.decode()

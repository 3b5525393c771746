"""/suche/ for residents: facets with counts, removable filters, help when nothing is found."""

import pytest
from django.core.cache import cache

from search.indexing import DEGRADED_CACHE_KEY
from tests.search.conftest import use_elasticsearch

# The tests here only read the dataset (searches, pages, the query log): it is built once for the module.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(dataset):
    return dataset


def test_facets_show_counts_and_active_filters_can_be_removed(client, pages):
    response = client.get("/suche/", {"zielgruppe": "senioren", "ort": "finsterwalde"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 Treffer" in html and "Kräuterkunde im Garten" in html
    assert 'name="zielgruppe" value="familien"' in html and 'Familien <span class="count">(1' in html
    assert 'href="?ort=finsterwalde"' in html  # remove "Seniorinnen und Senioren"
    assert "checked" in html


def test_no_results_suggests_relaxing_filters(client, pages):
    html = client.get("/suche/", {"q": "Kräuter", "zielgruppe": "familien"}).content.decode()
    assert "Leider nichts gefunden" in html
    assert "Filter „Familien“ entfernen" in html and 'href="?q=Kr%C3%A4uter"' in html


def test_bad_parameters_give_a_german_400_page(client, portal):
    response = client.get("/suche/", {"von": "morgen"})
    assert response.status_code == 400
    assert "„morgen“ ist kein Datum im Format JJJJ-MM-TT." in response.content.decode()


def test_home_page_entry_points_lead_into_the_search(client, pages):
    html = client.get("/").content.decode()
    assert 'href="/suche/?zielgruppe=senioren"' in html
    response = client.get("/suche/?zielgruppe=senioren")
    assert response.status_code == 200 and "Smartphone-Kurs für Seniorinnen" in response.content.decode()


def test_javascript_requests_get_the_results_fragment_only(client, pages):
    response = client.get("/suche/", {"q": "Tanz"}, HTTP_X_REQUESTED_WITH="fetch")
    html = response.content.decode()
    assert "<html" not in html and "Tanznachmittag" in html


def test_unreachable_elasticsearch_degrades_to_the_database(client, pages, settings):
    cache.delete(DEGRADED_CACHE_KEY)
    use_elasticsearch(settings, url="http://127.0.0.1:9", index="gibt_es_nicht")
    response = client.get("/suche/", {"q": "Kräuter"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kräuterkunde im Garten" in html and "eingeschränkt" in html
    api = client.get("/api/v2/search/", {"q": "Kräuter"}).json()
    assert api["meta"]["degraded"] is True and api["meta"]["total_count"] == 1
    assert cache.get(DEGRADED_CACHE_KEY)


def test_editors_see_a_degraded_search_on_the_dashboard(admin_client, portal):
    cache.set(DEGRADED_CACHE_KEY, {"at": "2026-11-26T10:00:00+01:00", "reason": "Verbindung abgelehnt"})
    html = admin_client.get("/admin/").content.decode()
    assert "Die Suche läuft eingeschränkt" in html and "Verbindung abgelehnt" in html
    cache.delete(DEGRADED_CACHE_KEY)
    assert "Die Suche läuft eingeschränkt" not in admin_client.get("/admin/").content.decode()


def test_radius_centre_stays_checked_and_can_be_removed(client, pages):
    html = client.get("/suche/", {"ort": "finsterwalde", "umkreis": "30"}).content.decode()
    assert 'id="f-ort-finsterwalde" name="ort" value="finsterwalde" checked' in html
    assert '<option value="30" selected>30 km</option>' in html
    assert 'href="?ort=finsterwalde"' in html  # the "Umkreis 30 km ×" link keeps the place

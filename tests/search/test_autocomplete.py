"""Autocomplete offers titles, places, providers and taxonomy names, by word parts and despite a typo."""

import pytest

from tests.factories import make_provider
from tests.search.conftest import ENGINES, module_data_on
from tests.search.data import build_dataset

# Every test here only reads: the data is built once per engine for the module (tests/search/conftest.py).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=ENGINES)
def pages(request, django_db_setup, django_db_blocker):
    with module_data_on(request.param, django_db_blocker):
        make_provider(name="DRK-Kreisverband Elbe-Elster e. V.", slug="drk")
        make_provider(name="Computertreff 60plus Mühlberg", slug="computertreff")
        yield build_dataset()


def suggested(client, q: str) -> list[tuple[str, str]]:
    return [(item["title"], item["typ"]) for item in client.get("/api/v2/search/suggest/", {"q": q}).json()["items"]]


def test_places_providers_and_groups_are_suggested(client, pages):
    assert ("Bad Liebenwerda", "ort") in suggested(client, "bad l")
    assert ("DRK-Kreisverband Elbe-Elster e. V.", "anbieter") in suggested(client, "drk")
    assert ("Kreisvolkshochschule", "anbieter") in suggested(client, "vhs")  # a synonym
    assert ("Seniorinnen und Senioren", "zielgruppe") in suggested(client, "senior")
    item = client.get("/api/v2/search/suggest/", {"q": "Finsterw"}).json()["items"][0]
    assert item["title"] == "Finsterwalde" and item["url"] == "http://testserver/suche/?ort=finsterwalde"


def test_word_parts_and_typos_find_names(client, pages):
    assert ("Computertreff 60plus Mühlberg", "anbieter") in suggested(client, "com")
    assert ("Computertreff 60plus Mühlberg", "anbieter") in suggested(client, "treff")  # inside the compound
    assert ("Finsterwalde", "ort") in suggested(client, "Finstrwalde")  # one letter missing
    assert suggested(client, "xyzzy") == []


def test_titles_come_first(client, pages):
    items = suggested(client, "Smartph")
    assert items[0] == ("Smartphone-Kurs für Seniorinnen", "angebot")

"""Help around the results: filters the words name, and the way out of an empty page (both engines)."""

from urllib.parse import quote

import pytest

# Every test here only reads (searches, pages): the dataset is built once per engine for the module.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(dataset_per_engine):
    return dataset_per_engine


def test_words_that_name_a_town_or_group_propose_the_filter(client, pages):
    html = client.get("/suche/", {"q": "Senioren Finsterwalde"}).content.decode()
    assert '<a href="?q=Senioren&amp;ort=finsterwalde">Nur in Finsterwalde?</a>' in html
    assert '<a href="?q=Finsterwalde&amp;zielgruppe=senioren">Nur für Seniorinnen und Senioren?</a>' in html
    html = client.get("/suche/", {"q": "Tanz kostenlos"}).content.decode()
    assert '<a href="?q=Tanz&amp;kostenlos=1">Nur kostenlose Angebote?</a>' in html
    # a filter already chosen is not proposed again
    html = client.get("/suche/", {"q": "Senioren Finsterwalde", "ort": "finsterwalde"}).content.decode()
    assert "Nur in Finsterwalde?" not in html


def test_an_empty_page_proposes_fewer_filters_with_counts_and_any_word(client, pages):
    html = client.get("/suche/", {"q": "Kräuter", "zielgruppe": "familien"}).content.decode()
    assert "Leider nichts gefunden" in html
    assert "Suchen ohne den Filter „Familien“</a> (1 Treffer)" in html
    # fewer words: what matches one of the words, said on the page
    html = client.get("/suche/", {"q": "Kräuter Smartphone", "ort": "finsterwalde"}).content.decode()
    assert "Nichts enthält alle Suchwörter" in html and ">Kräuterkunde im Garten</a>" in html


def test_an_empty_page_links_to_was_fehlt_with_the_search_term(client, pages):
    html = client.get("/suche/", {"q": "Töpferkurs"}).content.decode()
    assert 'href="/was-fehlt/?thema=T%C3%B6pferkurs"' in html
    assert "Prüfen Sie die Schreibweise" not in html
    form = client.get("/was-fehlt/", {"thema": "Töpferkurs"}).content.decode()
    assert 'value="Töpferkurs"' in form


@pytest.mark.parametrize("typed, meant", [("Kinp", "Kind"), ("Gräuterkunde", "Kräuterkunde")])
def test_did_you_mean_offers_a_word_of_the_index(client, pages, typed, meant):
    html = client.get("/suche/", {"q": typed}).content.decode()
    assert "Leider nichts gefunden" in html
    assert f'Meinten Sie <a href="?q={quote(meant)}">„{meant}“</a>?' in html


def test_no_did_you_mean_when_something_was_found_or_nothing_is_close(client, pages):
    assert "Meinten Sie" not in client.get("/suche/", {"q": "Kräuter"}).content.decode()
    assert "Meinten Sie" not in client.get("/suche/", {"q": "Xylophon"}).content.decode()

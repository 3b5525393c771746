"""Autocomplete ranked by what residents search and open, tolerant of typos in titles; the click log; search
cards that show the provider and mark the matched words (title included)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from search.autocomplete import word_matches
from search.models import SearchClick, SearchQueryLog
from search.service import suggest
from tests.factories import make_offer, make_provider
from tests.search.data import build_dataset


def in_days(days: int) -> dict:
    today = timezone.localdate()
    return {"start_date": today + datetime.timedelta(days=days), "end_date": today + datetime.timedelta(days=days + 30)}


def titles(prefix: str) -> list[str]:
    return [item["title"] for item in suggest(prefix, timezone.localdate()) if item["typ"] != "suche"]


def test_typed_words_fit_despite_typos_and_spelling():
    assert word_matches("smartfone", "smartphone", last=True)  # "ph" as "f", and the ending
    assert word_matches("smartfo", "smartphone", last=True)  # still typing
    assert word_matches("computr", "computerclub", last=True)
    assert not word_matches("kino", "kind", last=False)


def test_titles_are_suggested_despite_a_typo(engine_name, client):
    build_dataset()
    items = client.get("/api/v2/search/suggest/", {"q": "smartfone"}).json()["items"]
    assert items[0]["title"] == "Smartphone-Kurs für Seniorinnen"
    assert "Kräuterkunde im Garten" in titles("kreuter")


def test_titles_residents_open_more_often_come_first(engine_name, client):
    make_offer("Yoga am Morgen", teaser="Sanft.", **in_days(2))
    later = make_offer("Yoga im Park", teaser="Draußen.", **in_days(20))
    assert titles("yog") == ["Yoga am Morgen", "Yoga im Park"]  # by date while nobody has opened either
    for _ in range(3):
        assert client.post("/api/v2/search/klick/", {"id": str(later.pk), "q": "Yoga"}).status_code == 204
    cache.clear()  # suggestions are cached like every API answer
    assert titles("yog") == ["Yoga im Park", "Yoga am Morgen"]


def test_frequent_searches_are_suggested_most_frequent_first(engine_name):
    make_offer("Yoga für Senioren", teaser="Auf dem Stuhl.", **in_days(3))
    make_offer("Yoga für Familien", teaser="Mit Kindern.", **in_days(2))  # earlier: only the searches put it second
    for query, times in (("Yoga Familien", 2), ("Yoga Senioren", 5), ("Yoga Wolkenkratzer", 9)):
        for _ in range(times):
            SearchQueryLog.objects.create(
                query=query, result_count=0 if "Wolken" in query else 3, source="html", engine="database"
            )
    items = suggest("yog", timezone.localdate())
    assert [i["title"] for i in items if i["typ"] == "suche"] == ["yoga senioren", "yoga familien"]  # with hits only
    assert [i["title"] for i in items if i["typ"] != "suche"][:2] == ["Yoga für Senioren", "Yoga für Familien"]


def test_the_click_log_takes_only_pages_the_search_finds(engine_name, client):
    page = make_offer("Yoga am Morgen", teaser="Sanft.")
    assert client.post("/api/v2/search/klick/", {"id": str(page.pk), "q": "Yoga"}).status_code == 204
    assert list(SearchClick.objects.values_list("page_id", "query")) == [(page.pk, "Yoga")]
    for bad in ("", "abc", "-1", "١٢", "9" * 20):
        response = client.post("/api/v2/search/klick/", {"id": bad})
        assert response.status_code == 400 and response.json()["parameter"] == "id", bad
    assert client.post("/api/v2/search/klick/", {"id": "999999"}).status_code == 400  # no such search document
    assert client.get("/api/v2/search/klick/").status_code == 405
    assert SearchClick.objects.count() == 1


def test_search_page_offers_suggestions_as_a_keyboard_combobox(portal, client):
    html = client.get("/suche/").content.decode()
    assert 'role="combobox"' in html and 'aria-controls="search-suggestions"' in html
    assert 'role="listbox"' in html and "<datalist" not in html


@pytest.fixture
def kvhs_offer(engine_name):
    kvhs = make_provider(name="Kreisvolkshochschule Elbe-Elster", slug="kvhs")
    return make_offer("Smartphone-Kurs für Einsteiger", teaser="In Ruhe lernen.", anbieter=kvhs)


def test_cards_show_the_provider_and_mark_the_matched_words_in_the_title(kvhs_offer, client):
    html = client.get("/suche/", {"q": "Smartphone"}).content.decode()
    assert ">Smartphone-Kurs für Einsteiger</a></h3>" in html  # the link says the plain title
    matches = html.split('class="card-matches">')[1].split("</p>")[0]
    assert matches.startswith("Gefunden im Titel: <mark>Smartphone") and "Einsteiger" not in matches
    assert "Anbieter: Kreisvolkshochschule Elbe-Elster" in html


def test_cards_mark_a_match_in_the_provider_name(kvhs_offer, client):
    html = client.get("/suche/", {"q": "Kreisvolkshochschule"}).content.decode()
    assert "Anbieter: <mark>Kreisvolkshochschule</mark> Elbe-Elster" in html
    assert "hervorgehoben" in html  # said once for screen readers


def test_an_engine_never_answers_from_the_other_engines_cache(portal, client, settings):
    make_offer("Yoga am Morgen", teaser="Sanft.")
    assert client.get("/api/v2/search/", {"q": "Yoga"})["X-Cache"] == "miss"
    assert client.get("/api/v2/search/", {"q": "Yoga"})["X-Cache"] == "hit"
    # the same request with Elasticsearch configured (here unreachable: the database answers, marked degraded)
    settings.PORTAL_SEARCH = {
        **settings.PORTAL_SEARCH,
        "ENGINE": "elasticsearch",
        "URL": "http://127.0.0.1:9",
        "INDEX": "nirgends_suche",
        "TIMEOUT": 1,
    }
    response = client.get("/api/v2/search/", {"q": "Yoga"})
    assert response["X-Cache"] == "miss" and response.json()["meta"]["degraded"] is True

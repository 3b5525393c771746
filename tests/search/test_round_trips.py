"""Round trips to the Elasticsearch node and the time it reports: a search needs one round trip once the
process knows its words' spellings and whether such searches needed the any-word fallback, the results are
the same however many it needed, and ``Server-Timing: es`` is the node's time summed over all of them."""

import re

import pytest
from django.http import QueryDict

from search.engines.elastic import AnyWordForecast
from search.params import parse_search_params
from search.service import run_search
from tests.factories import make_offer
from tests.search.data import build_dataset

on_the_node = pytest.mark.parametrize(
    "engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)


@pytest.fixture
def pages(engine_name):
    return build_dataset()


@pytest.fixture
def node_requests(monkeypatch):
    """Every ``_msearch`` sent to the node: its searches and the node's answer."""
    from search.engines import get_engine

    sent = []
    client = get_engine().client  # shared by every engine of these settings
    msearch = client.msearch

    def recorded(**request):
        answer = msearch(**request)
        sent.append((request["searches"][1::2], answer))
        return answer

    monkeypatch.setattr(client, "msearch", recorded)
    return sent


def search(string: str):
    return run_search(parse_search_params(QueryDict(string), strict=True), source="api", log=False)


def outcome(result) -> tuple:
    return (result.total, [hit.page_id for hit in result.hits], result.facets, bool(result.extra.get("any_word")))


@on_the_node
def test_a_misspelt_word_needs_one_round_trip_once_its_spellings_are_known(pages, node_requests):
    first = search("q=Smartfone")
    assert len(node_requests) == 2  # the spellings with the search as if there were none, then the search
    node_requests.clear()
    again = search("q=Smartfone")
    assert len(node_requests) == 1
    assert outcome(again) == outcome(first) and [hit.title for hit in again.hits] == ["Smartphone-Kurs für Seniorinnen"]


@on_the_node
def test_remembered_spellings_are_checked_by_the_node(pages, node_requests):
    assert [hit.title for hit in search("q=Smartfone").hits] == ["Smartphone-Kurs für Seniorinnen"]
    make_offer("Smartfohn-Sprechstunde", teaser="Jeden Dienstag.")  # a new spelling near the typed word
    node_requests.clear()
    titles = {hit.title for hit in search("q=Smartfone").hits}
    assert titles == {"Smartphone-Kurs für Seniorinnen", "Smartfohn-Sprechstunde"}
    assert len(node_requests) == 2  # the remembered spellings were not the node's any more: sent again


@on_the_node
def test_the_fallback_goes_along_once_such_searches_needed_it(pages, node_requests):
    first = search("q=Tee Smartphone")  # nothing has both words: any word
    assert first.extra["any_word"] is True
    assert len(node_requests) == 2  # the spellings (none other) and the search, then the fallback
    node_requests.clear()
    again = search("q=Tee Smartphone")
    assert len(node_requests) == 1  # spellings, the search and its fallback in one _msearch
    assert outcome(again) == outcome(first)


@on_the_node
def test_the_fallback_is_not_sent_along_for_searches_that_find_something(pages, node_requests):
    for _ in range(3):
        node_requests.clear()
        result = search("q=Tee Kräuter")
        assert [hit.title for hit in result.hits] == ["Kräuterkunde im Garten"]
    assert len(node_requests) == 1
    searches, _answer = node_requests[0]
    assert len([body for body in searches if "query" in body]) == 1  # the search alone, no fallback


@on_the_node
def test_a_forecast_that_fails_changes_no_result(pages, node_requests):
    for _ in range(2):  # learnt: "Tee Smartphone" needs the fallback ...
        search("q=Tee Smartphone")
    make_offer("Tee und Smartphone", teaser="Digitaler Nachmittag.")  # ... but now something has both words
    node_requests.clear()
    result = search("q=Tee Smartphone")
    assert [hit.title for hit in result.hits] == ["Tee und Smartphone"] and not result.extra.get("any_word")
    assert len(node_requests) == 1  # the fallback was sent along, and not used


@on_the_node
def test_server_timing_reports_the_nodes_time_over_every_round_trip(pages, node_requests, client):
    # spellings and the search, then the fallback, which finds nothing either: the first search's answer
    # carries the node's time for both round trips
    response = client.get("/api/v2/search/", {"q": "Xylofon Zither"})
    assert response.json()["meta"]["total_count"] == 0 and len(node_requests) == 2
    reported = float(re.search(r"es;dur=([0-9.]+)", response["Server-Timing"]).group(1))
    assert reported == sum(answer["took"] for _searches, answer in node_requests)
    assert 'es-round-trips;desc="2"' in response["Server-Timing"]
    node_requests.clear()
    response = client.get("/api/v2/search/", {"q": "Smartfone Kräuter"})  # typo, then the fallback that finds
    assert response.json()["meta"]["einzelne_woerter"] is True and len(node_requests) == 3
    reported = float(re.search(r"es;dur=([0-9.]+)", response["Server-Timing"]).group(1))
    assert reported == sum(answer["took"] for _searches, answer in node_requests)
    assert 'es-round-trips;desc="3"' in response["Server-Timing"]


@pytest.mark.django_db
def test_the_forecast_follows_the_last_searches_of_the_same_kind():
    kind = AnyWordForecast("suche", parse_search_params(QueryDict("q=Tee Smartphone&ort=finsterwalde"), strict=True))
    other_place = AnyWordForecast(
        "suche", parse_search_params(QueryDict("q=Tee Smartphone&ort=elsterwerda"), strict=True)
    )
    without_filter = AnyWordForecast("suche", parse_search_params(QueryDict("q=Tee Smartphone"), strict=True))
    assert not kind.likely()  # never seen: the search alone
    kind.record(needed=True)
    assert kind.likely() and other_place.likely()  # the same words and facets, another value
    assert not without_filter.likely()
    for needed in [False] * 2 + [True] * 8 + [False] * 4:
        kind.record(needed=needed)
    assert kind.likely()  # 4 of the last 8 needed it
    kind.record(needed=False)
    assert not kind.likely()  # 3 of the last 8


@pytest.mark.parametrize("engine_name", ["database"], indirect=True)
def test_the_database_engine_reports_the_time_of_a_search_and_its_fallback_on_both(pages):
    from search.engines import get_engine

    params = parse_search_params(QueryDict("q=Tee Smartphone"), strict=True)
    result, relaxed = get_engine().search_or_any_word(params, params.any_word_fallback())
    assert result.total == 0 and relaxed.total == 2
    assert result.took_ms == relaxed.took_ms > 0
    found, none = get_engine().search_or_any_word(
        parse_search_params(QueryDict("q=Tee Kräuter"), strict=True), params.any_word_fallback()
    )
    assert found.total == 1 and none is None  # found: no fallback searched

"""Odd input never breaks the search, and both engines read it alike."""

import pytest
from django.core.cache import cache
from django.http import QueryDict

from search.engines import get_engine
from search.indexing import DEGRADED_CACHE_KEY
from search.params import RESULT_WINDOW, parse_search_params
from tests.factories import make_offer, make_provider
from tests.search.conftest import ENGINES, module_data_on


def found(string: str) -> list[str]:
    return [hit.title for hit in get_engine().search(parse_search_params(QueryDict(string), strict=True)).hits]


@pytest.fixture(scope="class", params=ENGINES)
def two_offers(request, django_db_setup, django_db_blocker):
    """Two offers, built once per engine for the class's tests, which only search (tests/search/conftest.py)."""
    with module_data_on(request.param, django_db_blocker):
        make_offer("Yoga im Park")
        make_offer("Kurs für Anfänger")
        yield request.param


class TestOddQueries:
    """The same two offers for every query (a class, so that the module's other tests do not see them)."""

    @pytest.mark.parametrize(
        "q",
        [
            "?",
            "*",
            "???",
            "+-&&||!",
            "\\",
            "()[]{}",
            "~^:",
            '"',
            '""',
            '" "',
            '"?!"',
            "%",
            "_",
            "%_%",
            "/",
            "§$&",
            "…",
            "–",
            "\u200b",
            "\x07",
            "Kurs\x1b",
            "' OR 1=1 --",
            "<script>",
        ],
    )
    def test_queries_of_punctuation_and_operators_never_fail(self, two_offers, db, client, q):
        response = client.get("/api/v2/search/", {"q": q, "limit": 50})
        assert response.status_code == 200, response.content
        data = response.json()
        assert data["meta"]["degraded"] is False
        everything = client.get("/api/v2/search/", {"limit": 50}).json()["meta"]["total_count"]
        # nothing searchable: as if no search term were given; words among the punctuation are searched
        expected = 1 if "Kurs" in q else 0 if q in ("' OR 1=1 --", "<script>") else everything
        assert data["meta"]["total_count"] == expected
        assert client.get("/suche/", {"q": q}).status_code == 200


def test_abbreviations_with_dots_are_found_as_written(engine_name):
    verein = make_provider(name="Förderverein Heimatmuseum e.V.", slug="foerderverein")
    make_offer("Führung durch das Museum", anbieter=verein)
    make_offer("Führung durch den Park", teaser="Treffpunkt am Eingang, ein Verein lädt ein.")
    assert found("q=e.V.") == found("q=e.V") == found("q=E.V.") == ["Führung durch das Museum"]
    assert found("q=z.B.") == []


def test_decomposed_and_composed_accents_find_each_other(engine_name):
    make_offer("Café International", teaser="Treffen bei Kaffee und Kuchen.")
    make_offer("Cafe\u0301 der Generationen", teaser="Jung und Alt.")  # typed with a combining accent
    both = {"Café International", "Café der Generationen"}
    assert set(found("q=Café")) == both
    assert set(found("q=Cafe\u0301")) == both
    assert found("q=Cafe\u0301 International") == ["Café International"]


def test_offsets_beyond_the_result_window_answer_400_not_a_degraded_search(engine_name, client):
    cache.delete(DEGRADED_CACHE_KEY)
    make_offer("Yoga im Park")
    last_page = client.get("/api/v2/search/", {"offset": RESULT_WINDOW - 20, "limit": 20})
    assert last_page.status_code == 200 and last_page.json()["meta"]["degraded"] is False
    for params, parameter in (
        ({"offset": RESULT_WINDOW - 19, "limit": 20}, "offset"),
        ({"offset": RESULT_WINDOW, "limit": 1}, "offset"),
        ({"seite": RESULT_WINDOW // 20 + 1, "limit": 20}, "seite"),
    ):
        response = client.get("/api/v2/search/", params)
        assert response.status_code == 400, params
        assert response.json()["parameter"] == parameter
    html = client.get("/suche/", {"seite": RESULT_WINDOW // 10 + 1})
    assert html.status_code == 400 and "ersten 10000 Treffer" in html.content.decode()
    assert client.get("/suche/", {"seite": RESULT_WINDOW // 10}).status_code == 200
    assert cache.get(DEGRADED_CACHE_KEY) is None

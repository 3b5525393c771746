"""How a search term is read, the same on both engines: stop words, most words, synonyms, typo limits,
scores, and the fields residents search by (provider, venue, street)."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from search.engines import get_engine
from search.matching import required_words
from search.models import SearchSynonym
from search.params import parse_search_params
from search.service import run_search
from tests.factories import make_offer, make_provider
from tests.search.conftest import ENGINES, module_data_on
from tests.search.data import build_dataset


def query(string: str):
    return parse_search_params(QueryDict(string), strict=True)


def titles(string: str) -> list[str]:
    return [hit.title for hit in get_engine().search(query(string)).hits]


@pytest.fixture(scope="class", params=ENGINES)
def pages(request, django_db_setup, django_db_blocker):
    """The search dataset, built once per engine for the class's tests, which only search (tests/search/conftest.py)."""
    with module_data_on(request.param, django_db_blocker):
        yield build_dataset()


on_the_node = pytest.mark.parametrize(
    "pages", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)


def test_most_words_rule():
    assert [required_words(n) for n in range(1, 9)] == [1, 2, 2, 3, 3, 4, 5, 6]


@pytest.mark.django_db
class TestOnTheDataset:
    """Searches over the shared dataset (a class, so that the module's tests with pages of their own do not see it)."""

    def test_stop_words_are_not_required(self, pages):
        assert titles("q=Wo kann ich tanzen?") == ["Tanznachmittag in der Strasse der Jugend"]
        assert titles("q=Kräuter im Garten") == titles("q=Kräuter Garten") == ["Kräuterkunde im Garten"]

    def test_beyond_two_words_most_must_match(self, pages):
        assert titles("q=Kräuter Tee Smartphone") == ["Kräuterkunde im Garten"]  # 2 of 3
        assert titles("q=Tee Smartphone") == []  # up to two words: both

    def test_when_nothing_has_all_words_any_word_is_searched_and_the_page_says_so(self, pages, client):
        result = run_search(query("q=Tee Smartphone"), source="api")
        assert {hit.title for hit in result.hits} == {"Kräuterkunde im Garten", "Smartphone-Kurs für Seniorinnen"}
        assert result.extra["any_word"] is True
        html = client.get("/suche/", {"q": "Tee Smartphone"}).content.decode()
        assert "Nichts enthält alle Suchwörter" in html and "Kräuterkunde im Garten" in html
        assert client.get("/api/v2/search/", {"q": "Tee Smartphone"}).json()["meta"]["einzelne_woerter"] is True
        assert client.get("/api/v2/search/", {"q": "Tee Kräuter"}).json()["meta"]["einzelne_woerter"] is False

    @on_the_node
    def test_elasticsearch_looks_up_misspelt_words_once_for_a_search_and_its_fallback(self, pages, monkeypatch):
        engine = get_engine()
        sent = []
        search, msearch = engine.client.search, engine.client.msearch  # the client is shared: run_search's engine's too
        monkeypatch.setattr(engine.client, "search", lambda **request: sent.append(request) or search(**request))
        monkeypatch.setattr(engine.client, "msearch", lambda **request: sent.append(request) or msearch(**request))
        result = run_search(query("q=Tee Smartfone"), source="api", log=False)  # the typo, then any word
        assert result.extra["any_word"] is True and "Smartphone-Kurs für Seniorinnen" in {h.title for h in result.hits}
        # spellings (with the search as if there were none), the search with them, the fallback: spellings once
        asked = [sum("suggest" in body for body in request.get("searches", [request])) for request in sent]
        assert asked == [1, 0, 0]

    @on_the_node
    def test_words_without_other_spellings_are_searched_in_one_round_trip(self, pages, monkeypatch):
        engine = get_engine()
        sent = []
        search, msearch = engine.client.search, engine.client.msearch
        monkeypatch.setattr(engine.client, "search", lambda **request: sent.append(request) or search(**request))
        monkeypatch.setattr(engine.client, "msearch", lambda **request: sent.append(request) or msearch(**request))
        result = run_search(query("q=Heilpflanzen&zielgruppe=senioren"), source="api", log=False)
        assert [hit.title for hit in result.hits] == ["Kräuterkunde im Garten"]
        assert len(sent) == 1 and sum("suggest" in body for body in sent[0]["searches"]) == 1

    def test_short_words_are_not_taken_for_typos(self, pages):
        assert titles("q=Kino") == []  # not "Kind"

    def test_typos_keep_the_first_letter(self, pages):
        assert titles("q=Heilpflanzn") == ["Kräuterkunde im Garten"]
        assert titles("q=Geilpflanzen") == []

    def test_synonyms_find_what_residents_mean(self, pages):
        assert titles("q=Handy") == ["Smartphone-Kurs für Seniorinnen"]
        assert titles("q=Mobiltelefon Kurs") == ["Smartphone-Kurs für Seniorinnen"]

    def test_the_service_office_adds_synonyms_in_the_admin(self, pages, client):
        assert client.get("/api/v2/search/", {"q": "Grünzeug"}).json()["meta"]["total_count"] == 0
        SearchSynonym.objects.create(words="Grünzeug, Kräuter")
        assert titles("q=Grünzeug") == ["Kräuterkunde im Garten"]
        assert client.get("/api/v2/search/", {"q": "Grünzeug"}).json()["meta"]["total_count"] == 1  # no stale cache


def test_exact_words_rank_above_typo_neighbours(engine_name):
    today = timezone.localdate()
    make_offer("Kraft und Ausdauer", teaser="Training.", start_date=today + datetime.timedelta(days=1))
    make_offer("Kräuter sammeln", teaser="Am Waldrand.", start_date=today + datetime.timedelta(days=9))
    assert titles("q=Kräuter") == ["Kräuter sammeln", "Kraft und Ausdauer"]


def test_venue_street_and_provider_are_searchable(engine_name):
    make_offer(
        "Nähcafé",
        venue_name="Bürgerhaus am Markt",
        street="Lindenstraße 3",
        anbieter=make_provider(name="Arbeiterwohlfahrt Finsterwalde", slug="awo-fi"),
    )
    make_offer("Yoga", venue_name="Turnhalle", street="Bahnhofstraße 1")
    for q in ("Lindenstraße", "Lindenstrasse", "Bürgerhaus", "Arbeiterwohlfahrt", "Nähcafé Bürgerhaus"):
        assert titles(f"q={q}") == ["Nähcafé"], q


def test_synonym_snippets_can_be_edited_in_the_admin(admin_client, portal):
    response = admin_client.post("/admin/snippets/search/searchsynonym/add/", {"words": "Oma, Großmutter"})
    assert response.status_code == 302
    assert SearchSynonym.objects.get().words == "Oma, Großmutter"


def test_compounds_are_found_by_their_parts_and_parts_by_compounds(engine_name):
    make_offer("Deutschkurs für Zugewanderte", teaser="Niveau A2.")
    make_offer("Rückenfit im Alltag", teaser="Kräftigung.")
    make_offer("Mobil im Alter", teaser="Mit Rufbus und Bürgerbus zum Kurs.")
    make_offer("Einstieg am Computer", teaser="Ein Kurs für alle, die anfangen.")
    assert set(titles("q=Kurs")) == {"Deutschkurs für Zugewanderte", "Mobil im Alter", "Einstieg am Computer"}
    assert titles("q=Rücken") == ["Rückenfit im Alltag"]
    assert titles("q=Bus") == ["Mobil im Alter"]
    assert titles("q=Computerkurs") == ["Einstieg am Computer"]  # both parts, apart
    assert titles("q=Sprachkurs") == ["Deutschkurs für Zugewanderte"]  # a synonym
    assert titles('q="Deutschkurs für Zugewanderte"') == ["Deutschkurs für Zugewanderte"]  # phrases still hold

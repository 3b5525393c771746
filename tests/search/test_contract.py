"""One contract, two engines: the database and a real Elasticsearch give the same answers."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from search.engines import get_engine
from search.params import parse_search_params


def query(string: str = "", **kwargs):
    return parse_search_params(QueryDict(string), strict=True, **kwargs)


def search(string: str = "", **kwargs):
    return get_engine().search(query(string, **kwargs))


def titles(result) -> list[str]:
    return [hit.title for hit in result.hits]


# Every test here only searches: the dataset is built once per engine for the module (tests/search/conftest.py).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(dataset_per_engine):
    return dataset_per_engine


def test_only_visible_current_pages_are_found(pages):
    found = set(titles(search("limit=50")))
    assert found == {p.title for key, p in pages.items() if key not in ("vorbei", "entwurf")}


def test_values_within_a_facet_combine_with_or_and_facets_with_and(pages):
    assert set(titles(search("zielgruppe=familien&zielgruppe=erwachsene"))) == {
        "Erste Hilfe am Kind",
        "Kräuterkunde im Garten",
        "Online-Banking sicher nutzen",
    }
    assert set(titles(search("zielgruppe=familien&zielgruppe=erwachsene&ort=finsterwalde"))) == {
        "Erste Hilfe am Kind",
        "Kräuterkunde im Garten",
    }
    assert titles(search("zielgruppe=senioren&kostenlos=1&typ=veranstaltung")) == [
        "Tanznachmittag in der Strasse der Jugend"
    ]


def test_facet_counts_ignore_their_own_selection(pages):
    result = search("zielgruppe=senioren&ort=finsterwalde")
    assert titles(result) == ["Kräuterkunde im Garten"]
    # Zielgruppe counts: as if no Zielgruppe were chosen, but only in Finsterwalde
    assert result.facets["zielgruppe"] == {"senioren": 1, "erwachsene": 1, "familien": 1}
    # Ort counts: as if no Ort were chosen, but only for seniors (online offer and article have no Ort)
    assert result.facets["ort"] == {"herzberg-elster": 1, "finsterwalde": 1, "elsterwerda": 1, "muehlberg-elbe": 1}
    # other facets: both selections apply
    assert result.facets["typ"] == {"angebot": 1}
    assert result.facets["anbieter"] == {"kvhs": 1}


def test_each_of_three_selected_facets_counts_under_the_other_two(pages):
    result = search("zielgruppe=senioren&lebenslage=digitales-leben&ort=herzberg-elster&ort=finsterwalde")
    assert titles(result) == ["Smartphone-Kurs für Seniorinnen"]
    # Lebenslage: seniors in Herzberg or Finsterwalde, whatever their Lebenslage (the Kräuterkunde misses only it)
    assert result.facets["lebenslage"] == {"digitales-leben": 1, "gesundheit-pflege": 1}
    # Ort: seniors' digital life anywhere (Online-Banking has no Ort); Zielgruppe: digital life in the two towns
    assert result.facets["ort"] == {"herzberg-elster": 1}
    assert result.facets["zielgruppe"] == {"senioren": 1}
    # the search's words hold for the counts too: nothing found, but the Kräuterkunde counts for its Lebenslage
    worded = search("q=Garten&zielgruppe=senioren&lebenslage=digitales-leben&ort=herzberg-elster&ort=finsterwalde")
    assert worded.total == 0
    assert worded.facets["lebenslage"] == {"gesundheit-pflege": 1}
    assert worded.facets["ort"] == {} and worded.facets["zielgruppe"] == {}


def test_counts_of_every_facet_without_selection(pages):
    facets = search().facets
    assert facets["typ"] == {"angebot": 4, "veranstaltung": 2, "beitrag": 1}
    assert facets["kostenlos"] == {"ja": 3}
    assert facets["barrierefrei"] == {"stufenlos": 2, "induktionsschleife": 1, "leichte-sprache": 1}
    assert facets["format"] == {"praesenz": 5, "online": 1}
    assert facets["bereich"] == {"bildung": 3, "freizeit-kultur": 2, "soziales": 2}
    assert facets["lebenslage"] == {
        "digitales-leben": 2,
        "gesundheit-pflege": 2,
        "familie-kinder": 1,
        "ruhestand-alter": 2,
    }
    assert search().total == 7


def test_date_order_and_stable_pagination(pages):
    expected = [
        "Tanznachmittag in der Strasse der Jugend",
        "Smartphone-Kurs für Seniorinnen",
        "Erste Hilfe am Kind",
        "Kräuterkunde im Garten",
        "Online-Banking sicher nutzen",
    ]
    everything = titles(search("sortierung=datum&limit=50"))
    assert everything[:5] == expected
    assert set(everything[5:]) == {"Gesprächskreis pflegende Angehörige", "Neue Kurse für Seniorinnen"}
    paged = [t for offset in range(0, 7, 3) for t in titles(search(f"sortierung=datum&limit=3&offset={offset}"))]
    assert paged == everything


@pytest.mark.parametrize("spelling", ["Kräuter", "Kraeuter", "kräuterkunde", "KRAEUTERKUNDE"])
def test_umlauts_are_folded(pages, spelling):
    assert "Kräuterkunde im Garten" in titles(search(f"q={spelling}"))


def test_sharp_s_is_folded(pages):
    assert titles(search("q=Straße")) == ["Tanznachmittag in der Strasse der Jugend"]
    assert titles(search("q=Großeltern")) == titles(search("q=Grosseltern")) == ["Erste Hilfe am Kind"]


@pytest.mark.parametrize("form", ["Senioren", "Seniorinnen", "Senior:innen", "Senior*innen", "SeniorInnen"])
def test_gender_inclusive_forms_find_each_other(pages, form):
    assert set(titles(search(f"q={form}&limit=50"))) >= {
        "Smartphone-Kurs für Seniorinnen",
        "Tanznachmittag in der Strasse der Jugend",
        "Online-Banking sicher nutzen",
        "Gesprächskreis pflegende Angehörige",
        "Neue Kurse für Seniorinnen",
    }


def test_stemming_finds_other_word_forms(pages):
    assert "Neue Kurse für Seniorinnen" in titles(search("q=Kurs"))
    assert "Tanznachmittag in der Strasse der Jugend" in titles(search("q=tanzen"))


def test_typos_are_tolerated(pages):
    assert titles(search("q=Smartphne")) == ["Smartphone-Kurs für Seniorinnen"]
    assert "Kräuterkunde im Garten" in titles(search("q=Heilpflanzn"))


def test_all_words_must_match(pages):
    assert titles(search("q=Tee Heilpflanzen")) == ["Kräuterkunde im Garten"]
    assert titles(search("q=Tee Smartphone")) == []


def test_phrases_match_words_in_order(pages):
    assert titles(search('q="Erste Hilfe"')) == ["Erste Hilfe am Kind"]
    # "Hilfe, erste Schritte" has both words, but not as the phrase
    assert set(titles(search("q=erste hilfe"))) == {"Erste Hilfe am Kind", "Gesprächskreis pflegende Angehörige"}


def test_title_matches_rank_above_text_matches(pages):
    result = search("q=Seniorinnen&limit=50")
    top = titles(result)[:2]
    assert set(top) == {"Smartphone-Kurs für Seniorinnen", "Neue Kurse für Seniorinnen"}
    assert titles(result)[0] == "Smartphone-Kurs für Seniorinnen"  # equal score: the earlier date first


def test_matches_are_highlighted(pages):
    hit = search("q=Heilpflanzen").hits[0]
    assert "<mark>Heilpflanzen</mark>" in hit.highlight


def test_distance_filter_and_sort(pages):
    result = search("ort=finsterwalde&umkreis=30&sortierung=entfernung&limit=50")
    assert titles(result)[:2] == ["Kräuterkunde im Garten", "Erste Hilfe am Kind"]
    distances = [hit.distance_km for hit in result.hits]
    assert distances == sorted(distances) and distances[0] == 0.0
    # Elsterwerda is about 20 km from Finsterwalde, Herzberg about 32 km, Mühlberg about 38 km
    assert "Tanznachmittag in der Strasse der Jugend" in titles(result)
    assert "Smartphone-Kurs für Seniorinnen" not in titles(result)
    assert "Online-Banking sicher nutzen" not in titles(result)  # online: no place


def test_distance_from_coordinates(pages):
    result = search("lat=51.687&lon=13.233&umkreis=5")
    assert titles(result) == ["Smartphone-Kurs für Seniorinnen"]
    assert result.hits[0].distance_km == pytest.approx(0.0, abs=0.1)


def test_distance_sort_puts_pages_without_place_last(pages):
    result = search("lat=51.633&lon=13.707&sortierung=entfernung&limit=50")
    assert titles(result)[:2] == ["Kräuterkunde im Garten", "Erste Hilfe am Kind"]
    assert {hit.location for hit in result.hits[-2:]} == {None}


def test_date_range_finds_offers_and_events_running_in_it(pages):
    today = timezone.localdate()
    von, bis = today + datetime.timedelta(days=4), today + datetime.timedelta(days=6)
    found = set(titles(search(f"von={von}&bis={bis}&limit=50")))
    assert found == {"Smartphone-Kurs für Seniorinnen", "Erste Hilfe am Kind", "Gesprächskreis pflegende Angehörige"}


def test_today_and_this_weekend(pages):
    today = timezone.localdate()
    assert set(titles(search("zeitraum=heute", today=today))) == {"Gesprächskreis pflegende Angehörige"}
    tomorrow = today + datetime.timedelta(days=1)
    found = set(titles(search("zeitraum=heute", today=tomorrow)))
    assert found == {"Tanznachmittag in der Strasse der Jugend", "Gesprächskreis pflegende Angehörige"}


def test_suggestions_complete_titles_as_one_types(pages):
    engine = get_engine()
    today = timezone.localdate()
    assert [s["title"] for s in engine.suggest("kräu", 8, today)] == ["Kräuterkunde im Garten"]
    assert [s["title"] for s in engine.suggest("Kraeu", 8, today)] == ["Kräuterkunde im Garten"]
    assert [s["title"] for s in engine.suggest("erste h", 8, today)] == ["Erste Hilfe am Kind"]
    assert engine.suggest("xyzzy", 8, today) == []

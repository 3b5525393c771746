"""The database engine analyses German text exactly as the Elasticsearch index does."""

import pytest

from search.text import analyze, edit_distance_within, normalize_words

from .conftest import node_tokens

SAMPLE = (
    "Kräuter Kraeuter Straße Strasse Senioren Seniorinnen Senior:innen Senior*innen SeniorInnen Lehrer_in "
    "Bürger/innen Häuser Größe Groesse Führung Fuehrung Queue Quelle Gesprächskreis Kurse Kindern Öffnungszeiten "
    "Töpfern Erste-Hilfe Spaß Fußball geöffnet Schülerinnen Jugendlichen Familien Angehörige Feuer Bauer Tänze "
    "tanzen Mühlberg Übungsleitung Erwachsenen Wanderungen besten Herbst Tablets Smartphones 17:00 Uhr 2027"
)


@pytest.mark.elasticsearch
def test_python_analysis_equals_elasticsearch_analysis(engine_name):
    if engine_name != "elasticsearch":
        pytest.fail("parametrised for Elasticsearch only")  # never reached: see the parametrize below
    assert node_tokens(SAMPLE, analyzer="de_text") == analyze(SAMPLE)


test_python_analysis_equals_elasticsearch_analysis = pytest.mark.parametrize(
    "engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)(test_python_analysis_equals_elasticsearch_analysis)


@pytest.mark.parametrize(
    "text, terms",
    [
        ("Kräuter", ["kraut"]),
        ("Kraeuter", ["kraut"]),
        ("Straße", ["strass"]),
        ("Senior:innen", ["senior"]),
        ("Senior*innen", ["senior"]),
        ("SeniorInnen", ["senior"]),
        ("Seniorinnen", ["senior"]),
        ("Senioren", ["senior"]),
    ],
)
def test_german_folding(text, terms):
    assert analyze(text) == terms


def test_edit_distance_counts_transpositions_as_one_edit():
    assert edit_distance_within("smartphone", "smartphnoe", 1)
    assert edit_distance_within("kurs", "kurz", 1)
    assert not edit_distance_within("kurs", "tanz", 2)


PUNCTUATION_SAMPLE = (
    "Förderverein e.V. z.B. u.a. Str.12 S-Bahn 3.5 1,5 17:00 Ge·nau don't d’Artagnan a_b ab1.2c 1.a a.1 "
    '§ 3 *** ?? +-&&|| "" ___ US$ 5% a..b 1..2 1,5,6 x.y.z. Café'
)


@pytest.mark.elasticsearch
@pytest.mark.parametrize("engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True)
def test_word_boundaries_equal_elasticsearch_for_abbreviations_numbers_and_punctuation(engine_name):
    assert node_tokens(PUNCTUATION_SAMPLE, analyzer="de_text") == analyze(PUNCTUATION_SAMPLE)
    assert "e.v" in analyze(PUNCTUATION_SAMPLE)


def test_decomposed_accents_are_composed_before_analysis():
    assert analyze("Cafe\u0301") == analyze("Café") == ["café"]
    assert analyze("Com\u00adputer") == analyze("Computer")  # a soft hyphen inside the word


COMPOUND_SAMPLE = (
    "Deutschkurse Rückenfit Kräutertee Volkshochschule Seniorentreff Bewerbungstraining Rufbus Bürgerbus "
    "Musikschule Computerkurs Kurs Sprachkurs Tanznachmittag Kinoabend Lesepatenschaft Kräuterkunde"
)


@pytest.mark.elasticsearch
@pytest.mark.parametrize("engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True)
def test_compound_splitting_equals_elasticsearch(engine_name):
    from search.text import analyze_for_index

    assert node_tokens(COMPOUND_SAMPLE, analyzer="de_index") == analyze_for_index(COMPOUND_SAMPLE)
    assert {"kurs", "ruck", "bus", "schul", "treff"} <= set(analyze_for_index(COMPOUND_SAMPLE))


def test_search_words_made_of_listed_words_are_split():
    from search.text import split_compound

    assert split_compound("Computerkurs") == ["computer", "kurs"]
    assert split_compound("Seniorentreff") == ["senioren", "treff"]
    assert split_compound("Kurs") is None and split_compound("Zugewanderte") is None


@pytest.mark.elasticsearch
@pytest.mark.parametrize("engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True)
def test_words_as_written_equal_elasticsearch_for_the_exact_fields(engine_name):
    """The ``.exact`` fields' analyzer (folded, not stemmed): the search sends its terms analysed in Python."""
    for text in (SAMPLE, PUNCTUATION_SAMPLE):
        assert node_tokens(text, analyzer="de_words") == normalize_words(text)

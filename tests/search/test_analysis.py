"""The database engine analyses German text exactly as the Elasticsearch index does."""

import pytest

from search.engines import get_engine
from search.text import analyze, edit_distance_within

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
    engine = get_engine()
    index = next(iter(engine.client.indices.get_alias(name=engine.alias)))
    tokens = engine.client.indices.analyze(index=index, analyzer="de_text", text=SAMPLE)["tokens"]
    assert [t["token"] for t in tokens] == analyze(SAMPLE)


test_python_analysis_equals_elasticsearch_analysis = pytest.mark.parametrize(
    "engine_name", [pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)], indirect=True
)(test_python_analysis_equals_elasticsearch_analysis)


@pytest.mark.parametrize("text, terms", [
    ("Kräuter", ["kraut"]), ("Kraeuter", ["kraut"]), ("Straße", ["strass"]), ("Senior:innen", ["senior"]),
    ("Senior*innen", ["senior"]), ("SeniorInnen", ["senior"]), ("Seniorinnen", ["senior"]), ("Senioren", ["senior"]),
])
def test_german_folding(text, terms):
    assert analyze(text) == terms


def test_edit_distance_counts_transpositions_as_one_edit():
    assert edit_distance_within("smartphone", "smartphnoe", 1)
    assert edit_distance_within("kurs", "kurz", 1)
    assert not edit_distance_within("kurs", "tanz", 2)

"""The map's markers: /api/v2/search/geojson/ with the search parameters, on both engines."""

import pytest

from search.indexing import rebuild_index
from tests.factories import make_event, make_offer


@pytest.fixture
def pages(engine_name):
    pages = {
        "herzberg": make_offer("Kurs in Herzberg", ort="herzberg-elster", zielgruppen=["senioren"]),
        "finsterwalde": make_event("Fest in Finsterwalde", ort="finsterwalde", zielgruppen=["familien"]),
        "online": make_offer("Online-Kurs", ort=None, format="online", zielgruppen=["senioren"]),
    }
    rebuild_index()
    return pages


def test_features_are_points_of_the_hits_with_places(client, pages):
    data = client.get("/api/v2/search/geojson/").json()
    assert data["type"] == "FeatureCollection" and data["total_count"] == 3 and data["truncated"] is False
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    assert set(by_title) == {"Kurs in Herzberg", "Fest in Finsterwalde"}  # the online offer has no place
    point = by_title["Kurs in Herzberg"]["geometry"]
    lon, lat = point["coordinates"]
    assert point["type"] == "Point" and 13 < lon < 14 and 51 < lat < 52  # GeoJSON order: longitude first
    assert by_title["Kurs in Herzberg"]["properties"]["url"].startswith("http://testserver/")


def test_filters_apply_and_bad_parameters_answer_400(client, pages):
    data = client.get("/api/v2/search/geojson/?zielgruppe=senioren&typ=angebot").json()
    assert [f["properties"]["title"] for f in data["features"]] == ["Kurs in Herzberg"]
    near = client.get("/api/v2/search/geojson/?ort=finsterwalde&umkreis=5").json()
    assert [f["properties"]["title"] for f in near["features"]] == ["Fest in Finsterwalde"]
    bad = client.get("/api/v2/search/geojson/?zielgruppe=niemand")
    assert bad.status_code == 400 and bad.json()["parameter"] == "zielgruppe"
    assert client.get("/api/v2/search/geojson/?unbekannt=1").status_code == 400


def test_feature_count_is_capped(client, pages, settings):
    settings.GEOJSON_MAX_FEATURES = 1
    data = client.get("/api/v2/search/geojson/").json()
    assert len(data["features"]) <= 1 and data["truncated"] is True and data["total_count"] == 3

"""GET /api/v2/search/ and /api/v2/search/suggest/: shape, facets, and 400 naming the parameter."""

import pytest

from search.models import SearchQueryLog

# The tests here only read the dataset (searches, pages, the query log): it is built once for the module.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pages(dataset):
    return dataset


def test_search_answer_has_meta_items_and_facets(client, pages):
    data = client.get(
        "/api/v2/search/",
        {"zielgruppe": "senioren", "ort": "finsterwalde", "umkreis": "30", "sortierung": "entfernung"},
    ).json()
    assert data["meta"]["total_count"] == 2 and data["meta"]["degraded"] is False
    first = data["items"][0]
    assert first["title"] == "Kräuterkunde im Garten" and first["type"] == "angebot"
    assert first["distance_km"] == 0.0 and first["place"] == "Finsterwalde"
    assert first["url"].startswith("http://testserver/bildungsboerse/")
    assert first["detail_url"] == f"http://testserver/api/v2/pages/{pages['kraeuter'].pk}/"
    assert client.get(first["detail_url"]).status_code == 200
    assert first["date_from"] and first["location"]["lat"] == pytest.approx(51.634)
    assert {"slug": "senioren", "name": "Seniorinnen und Senioren", "count": 2} in data["facets"]["zielgruppe"]
    assert set(data["facets"]) == {
        "bereich",
        "lebenslage",
        "zielgruppe",
        "ort",
        "anbieter",
        "typ",
        "kostenlos",
        "barrierefrei",
        "format",
    }


def test_repeated_parameters_and_pagination(client, pages):
    first = client.get("/api/v2/search/", {"zielgruppe": ["senioren", "familien"], "limit": 2}).json()
    second = client.get("/api/v2/search/", {"zielgruppe": ["senioren", "familien"], "limit": 2, "offset": 2}).json()
    assert first["meta"]["total_count"] == second["meta"]["total_count"] == 7
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 4


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"zielgruppe": "marsmenschen"}, "zielgruppe"),
        ({"typ": "podcast"}, "typ"),
        ({"von": "gestern"}, "von"),
        ({"von": "2030-01-05", "bis": "2030-01-01"}, "bis"),
        ({"umkreis": "-5", "ort": "finsterwalde"}, "umkreis"),
        ({"umkreis": "10"}, "umkreis"),
        ({"umkreis": "10", "ort": ["finsterwalde", "elsterwerda"]}, "umkreis"),
        ({"lat": "51.6"}, "lon"),
        ({"lat": "100", "lon": "13"}, "lat"),
        ({"sortierung": "zufall"}, "sortierung"),
        ({"sortierung": "entfernung"}, "sortierung"),
        ({"limit": "51"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"q": "x" * 201}, "q"),
        ({"zeitraum": "morgen"}, "zeitraum"),
        ({"kostenlos": "vielleicht"}, "kostenlos"),
        ({"foo": "bar"}, "foo"),
    ],
)
def test_invalid_parameters_answer_400_naming_them(client, portal, params, parameter):
    response = client.get("/api/v2/search/", params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter and response.json()["message"].startswith(f"{parameter}:")
    assert SearchQueryLog.objects.count() == 0


def test_suggest(client, pages):
    data = client.get("/api/v2/search/suggest/", {"q": "Kräu"}).json()
    assert [item["title"] for item in data["items"]] == ["Kräuterkunde im Garten"]
    assert client.get("/api/v2/search/suggest/", {"q": ""}).status_code == 400
    assert client.get("/api/v2/search/suggest/", {"q": "a" * 101}).status_code == 400


def test_queries_are_logged_without_personal_data(client, pages):
    client.get(
        "/api/v2/search/",
        {"q": "Yoga", "zielgruppe": "senioren", "lat": "51.6", "lon": "13.7", "umkreis": "5"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="Testbrowser",
    )
    client.get("/api/v2/search/", {"q": "Yoga", "offset": "20"})  # further pages are not counted again
    log = SearchQueryLog.objects.get()
    assert (log.query, log.result_count, log.source) == ("Yoga", 0, "api")
    assert log.filters == {"zielgruppe": ["senioren"], "umkreis": 5.0}
    stored = str([getattr(log, f.name) for f in SearchQueryLog._meta.fields])
    assert "203.0.113.9" not in stored and "Testbrowser" not in stored and "51.6" not in stored

"""Real answers validate against the generated description's answer schemas (the same schemas schemathesis
checks against the running site in test_fuzzing.py), for every operation and page type."""

import datetime
import json

import jsonschema_rs
import pytest
from django.utils import timezone

from tests.factories import make_event
from tests.search.conftest import dataset  # noqa: F401 - the search dataset, built once for the module


@pytest.fixture
def spec(client, db):
    return client.get("/api/v2/openapi.json").json()


@pytest.fixture
def pages(dataset, db):  # noqa: F811 - the fixture imported above
    return dataset


def answer_schema(spec, path: str, method: str, status: int, media_type: str = "application/json") -> dict:
    schema = spec["paths"][path][method]["responses"][str(status)]["content"][media_type]["schema"]
    return {**schema, "components": spec["components"]}


def assert_valid(spec, response, path: str, method: str = "get", media_type: str = "application/json"):
    assert response["Content-Type"].split(";")[0] == media_type
    schema = answer_schema(spec, path, method, response.status_code, media_type)
    errors = [str(error) for error in jsonschema_rs.validator_for(schema).iter_errors(response.json())]
    assert errors == [], (path, response.status_code, errors[:3])


def test_search_answers_match_their_schema(client, pages, spec):
    for params in (
        {},
        {"q": "Kurs"},
        {"zielgruppe": "senioren", "ort": "finsterwalde", "umkreis": "30", "sortierung": "entfernung"},
        {"typ": "veranstaltung", "kostenlos": "1"},
    ):
        response = client.get("/api/v2/search/", params)
        assert response.status_code == 200 and response.json()["items"]
        assert_valid(spec, response, "/api/v2/search/")
    assert_valid(spec, client.get("/api/v2/search/", {"limit": "0"}), "/api/v2/search/")
    assert_valid(
        spec, client.get("/api/v2/search/geojson/"), "/api/v2/search/geojson/", media_type="application/geo+json"
    )
    assert_valid(spec, client.get("/api/v2/search/geojson/", {"zielgruppe": "niemand"}), "/api/v2/search/geojson/")
    suggestions = client.get("/api/v2/search/suggest/", {"q": "Fi"})
    assert suggestions.json()["items"]
    assert_valid(spec, suggestions, "/api/v2/search/suggest/")
    assert_valid(spec, client.get("/api/v2/search/suggest/", {"q": " "}), "/api/v2/search/suggest/")


def test_page_listing_and_every_detail_match_their_schema(client, pages, spec):
    listing = client.get("/api/v2/pages/", {"fields": "*", "type": "bildungsboerse.OfferPage"})
    assert_valid(spec, listing, "/api/v2/pages/")
    assert_valid(spec, client.get("/api/v2/pages/", {"fields": "_,title"}), "/api/v2/pages/")
    assert_valid(spec, client.get("/api/v2/pages/", {"zielgruppe": "niemand"}), "/api/v2/pages/")
    for item in client.get("/api/v2/pages/", {"limit": 100}).json()["items"]:
        assert_valid(spec, client.get(f"/api/v2/pages/{item['id']}/"), "/api/v2/pages/{id}/")
    assert_valid(spec, client.get("/api/v2/pages/999999999/"), "/api/v2/pages/{id}/")


def test_health_matches_its_schema(client, spec):
    assert_valid(spec, client.get("/health/"), "/health/")


def test_form_answers_match_their_schemas(client, pages, spec, on_commit):
    event = make_event(
        "Kochkurs", registration_mode="portal", capacity=5, start=timezone.now() + datetime.timedelta(days=3)
    )
    post = lambda path, body: client.post(path, json.dumps(body), content_type="application/json")  # noqa: E731
    registration = on_commit(
        lambda: post(
            "/api/v2/anmeldungen/",
            {"seite": event.pk, "name": "Max Muster", "email": "max@example.org", "personen": 1, "einwilligung": True},
        )
    )
    assert registration.status_code == 201
    assert_valid(spec, registration, "/api/v2/anmeldungen/", "post")
    assert_valid(spec, post("/api/v2/anmeldungen/", {"seite": event.pk}), "/api/v2/anmeldungen/", "post")
    subscription = on_commit(lambda: post("/api/v2/newsletter/", {"email": "a@example.org", "einwilligung": True}))
    assert subscription.status_code == 202
    assert_valid(spec, subscription, "/api/v2/newsletter/", "post")
    assert_valid(spec, post("/api/v2/bedarf/", {"thema": "Töpfern"}), "/api/v2/bedarf/", "post")
    assert_valid(spec, post("/api/v2/bedarf/", {}), "/api/v2/bedarf/", "post")


def test_slug_parameters_list_exactly_the_values_the_server_takes(client, pages, spec):
    from search.params import known_slugs

    parameters = {p["name"]: p for p in spec["paths"]["/api/v2/search/"]["get"]["parameters"]}
    for facet in ("bereich", "lebenslage", "zielgruppe", "ort", "anbieter", "barrierefrei"):
        slug, empty = parameters[facet]["schema"]["items"]["anyOf"]
        assert slug["enum"] == list(known_slugs(facet)) and empty["maxLength"] == 0, facet
    wish = spec["components"]["schemas"]["WishRequest"]["properties"]["ort"]
    assert {"type": "string", "enum": list(known_slugs("ort"))} in wish["anyOf"]


def test_registration_example_is_a_page_that_takes_registrations(client, pages, on_commit):
    event = make_event(
        "Kochkurs", registration_mode="portal", capacity=5, start=timezone.now() + datetime.timedelta(days=3)
    )
    spec = client.get("/api/v2/openapi.json").json()
    example = spec["paths"]["/api/v2/anmeldungen/"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert example["seite"] == event.pk
    response = on_commit(
        lambda: client.post("/api/v2/anmeldungen/", json.dumps(example), content_type="application/json")
    )
    assert response.status_code == 201, response.json()

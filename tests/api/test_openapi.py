"""The OpenAPI description served at /api/v2/openapi.yaml: valid, complete, and the bugs its fuzzing found."""

import pytest
import yaml
from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR

from cms.api import FILTER_PARAMETERS
from search.params import FACETS, OTHER_PARAMETERS
from tests.factories import make_offer


@pytest.fixture
def spec(client, db):
    response = client.get("/api/v2/openapi.yaml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    return yaml.safe_load(response.content)


def documented_parameters(spec, path: str) -> set[str]:
    names = set()
    for parameter in spec["paths"][path]["get"]["parameters"]:
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        names.add(parameter["name"])
    return names


def test_description_is_valid_openapi_3_0(spec):
    assert spec["openapi"].startswith("3.0.")
    errors = [str(error) for error in OPENAPI_30_VALIDATOR.iter_errors(spec)]
    assert errors == []


def test_every_endpoint_of_the_portal_is_described(spec):
    assert set(spec["paths"]) == {"/api/v2/search/", "/api/v2/search/suggest/", "/api/v2/pages/",
                                  "/api/v2/pages/{id}/", "/health/"}


def test_every_search_parameter_the_view_accepts_is_documented(spec):
    assert documented_parameters(spec, "/api/v2/search/") == set(FACETS) | OTHER_PARAMETERS


def test_every_portal_filter_of_the_pages_listing_is_documented(spec):
    assert set(FILTER_PARAMETERS) <= documented_parameters(spec, "/api/v2/pages/")


def test_format_filter_is_the_portals_not_drfs_renderer_switch(client, portal):
    """Found by fuzzing: DRF took ?format= for a renderer name and answered 404."""
    make_offer("Vor Ort", format="praesenz")
    make_offer("Im Netz", format="online", ort=None)
    response = client.get("/api/v2/pages/", {"format": "online", "type": "bildungsboerse.OfferPage"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Im Netz"]


def test_numbers_and_dates_must_have_the_documented_format(client, portal):
    for params, parameter in [
        ({"von": "20300101"}, "von"),  # Python's fromisoformat takes it; the documented format does not
        ({"limit": " 5"}, "limit"),
        ({"offset": "1_000"}, "offset"),
        ({"umkreis": "1_0", "ort": "finsterwalde"}, "umkreis"),
        ({"lat": "５１", "lon": "13"}, "lat"),
    ]:
        response = client.get("/api/v2/search/", params)
        assert response.status_code == 400, params
        assert response.json()["parameter"] == parameter


def test_unknown_addresses_under_the_api_answer_json(client, portal):
    response = client.get("/api/v2/pages/null,null/")
    assert response.status_code == 404
    assert response.json() == {"message": "Nicht gefunden."}

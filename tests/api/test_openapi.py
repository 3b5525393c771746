"""The OpenAPI description served at /api/v2/openapi.yaml: valid, complete, and the bugs its fuzzing found."""

import pytest
import yaml
from django.urls import URLPattern, get_resolver, resolve
from schemathesis.specs.openapi.definitions import OPENAPI_30_VALIDATOR

from cms.api import FILTER_PARAMETERS, api_router
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


# Wagtail's own endpoints, in the shape Wagtail documents (anbieter.api only narrows them to published media),
# and the description itself
NOT_DESCRIBED = {"/api/v2/images/", "/api/v2/documents/", "/api/v2/openapi.yaml"}


def portal_endpoints() -> set[str]:
    """The portal's own addresses under /api/ and /health/, from the URL configuration."""
    paths = set()
    for pattern in get_resolver().url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLPattern) and route.startswith(("api/", "health/")):
            paths.add(f"/{route}")
    paths |= {f"/api/v2/{name}/" for name in api_router._endpoints}
    return paths


def test_every_endpoint_of_the_portal_is_described(spec):
    assert portal_endpoints() - NOT_DESCRIBED <= set(spec["paths"])
    assert {"/api/v2/search/geojson/", "/api/v2/anmeldungen/", "/api/v2/newsletter/", "/api/v2/bedarf/"} <= set(spec["paths"])


def test_every_described_path_is_served_by_its_own_view(spec):
    catch_all = resolve("/irgendeine-seite/").func
    for path in spec["paths"]:
        match = resolve(path.replace("{id}", "1"))
        assert match.func is not catch_all, path  # not left to Wagtail's page serving


@pytest.mark.parametrize("path", ["/api/v2/anmeldungen/", "/api/v2/newsletter/", "/api/v2/bedarf/"])
def test_forms_take_only_post_and_answer_other_methods_as_described(spec, client, path):
    assert set(spec["paths"][path]) == {"post"}
    response = client.get(path)
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert response.json()["field"] is None and "POST" in response.json()["message"]
    schema = spec["components"]["schemas"]["FormError"]
    assert set(schema["required"]) == set(response.json())


def test_form_request_schemas_name_exactly_the_fields_the_forms_take(spec):
    from anmeldung.views import REGISTRATION_FIELDS
    from bedarf.views import WISH_FIELDS
    from newsletter.views import SUBSCRIBE_FIELDS

    schemas = spec["components"]["schemas"]
    for name, fields in [("RegistrationRequest", REGISTRATION_FIELDS), ("SubscriptionRequest", SUBSCRIBE_FIELDS),
                         ("WishRequest", WISH_FIELDS)]:
        assert set(schemas[name]["properties"]) == set(fields), name
        assert schemas[name]["additionalProperties"] is False


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

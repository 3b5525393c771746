"""Under /api/ every error is JSON: 404, 405 with Allow, 400, 429, 500 — never an HTML page."""

import json

import pytest
from django.test import Client

from bedarf.models import Wish
from tests.factories import make_offer

READ_PATHS = [
    "/api/v2/search/",
    "/api/v2/search/suggest/",
    "/api/v2/search/geojson/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/openapi.json",
    "/api/v2/openapi.yaml",
]
FORM_PATHS = ["/api/v2/anmeldungen/", "/api/v2/newsletter/", "/api/v2/bedarf/"]


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["message"] and "<" not in body["message"]
    return body


@pytest.fixture
def csrf_client():
    """A client as a browser would be: Django checks CSRF for it (the test client skips that by default)."""
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("path", READ_PATHS)
@pytest.mark.parametrize("method", ["put", "patch", "delete", "options", "post"])
def test_read_apis_answer_other_methods_with_405_json_and_allow(csrf_client, portal, path, method):
    response = getattr(csrf_client, method)(path, data="{}", content_type="application/json")
    body = assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"
    assert body["message"] == f"Die Methode {method.upper()} ist hier nicht erlaubt, nur GET, HEAD."
    assert body["field"] is None and body["errors"] == {"__all__": [body["message"]]}


def test_page_detail_answers_other_methods_with_405_too(csrf_client, portal):
    offer = make_offer("Töpferkurs")
    for method in ("put", "patch", "delete", "options"):
        response = getattr(csrf_client, method)(
            f"/api/v2/pages/{offer.pk}/", data="{}", content_type="application/json"
        )
        assert_json_error(response, 405)
        assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", FORM_PATHS)
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "options"])
def test_forms_answer_other_methods_with_405_json_and_allow(csrf_client, portal, path, method):
    response = csrf_client.generic(method.upper(), path, "{}", content_type="application/json")
    body = assert_json_error(response, 405)
    assert response["Allow"] == "POST"
    assert body["message"] == f"Die Methode {method.upper()} ist hier nicht erlaubt, nur POST."


def test_cors_preflight_is_still_answered_not_refused(client, portal):
    response = client.options(
        "/api/v2/search/", HTTP_ORIGIN="https://partner.example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/abc/",
        "/api/v2/pages/999999999/",
        "/api/v2/unbekannt/",
        "/api/v3x/",
        "/api/v2/search/unbekannt/",
        "/api/",
    ],
)
def test_unknown_addresses_under_the_api_answer_404_json(client, portal, path):
    assert_json_error(client.get(path), 404)


def test_unknown_address_with_a_write_method_is_404_json_not_a_csrf_page(csrf_client, portal):
    response = csrf_client.put("/api/v2/unbekannt/", data="{}", content_type="application/json")
    assert_json_error(response, 404)


def test_requests_with_cookies_keep_the_csrf_check_and_get_json(csrf_client, portal):
    csrf_client.cookies["sessionid"] = "irgendeine"
    response = csrf_client.put("/api/v2/unbekannt/", data="{}", content_type="application/json")
    assert_json_error(response, 403)


def test_bad_parameters_and_bodies_answer_400_json(client, portal):
    assert assert_json_error(client.get("/api/v2/search/", {"limit": "viele"}), 400)["parameter"] == "limit"
    assert_json_error(client.get("/api/v2/pages/", {"unbekannt": "1"}), 400)
    body = assert_json_error(client.post("/api/v2/bedarf/", "{kein json", content_type="application/json"), 400)
    assert body["field"] is None
    body = assert_json_error(
        client.post("/api/v2/bedarf/", "thema=Töpfern", content_type="application/x-www-form-urlencoded"), 400
    )
    assert "application/json" in body["message"]
    assert not Wish.objects.exists()


def test_rate_limit_answers_429_json_with_retry_after(client, portal, settings):
    settings.SPAM_RATE_LIMIT = 1
    post = lambda: client.post("/api/v2/bedarf/", json.dumps({"thema": "Töpfern"}), content_type="application/json")  # noqa: E731
    assert post().status_code == 201
    response = post()
    assert_json_error(response, 429)
    assert int(response["Retry-After"]) > 0
    assert Wish.objects.count() == 1


def test_server_errors_under_the_api_are_json(portal, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kaputt")

    monkeypatch.setattr("search.views.run_search", broken)
    client = Client(raise_request_exception=False)
    body = assert_json_error(client.get("/api/v2/search/", {"q": "kurs"}), 500)
    assert "kaputt" not in body["message"]


def test_errors_outside_the_api_stay_german_html_pages(client, portal):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")

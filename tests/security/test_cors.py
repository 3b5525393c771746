"""CORS: any origin may read the public read interfaces anonymously; never the form endpoints, never with credentials."""

import pytest

from tests.factories import make_event, make_offer, make_user
from tests.module_data import rolled_back_at_the_end

pytestmark = pytest.mark.django_db

ORIGIN = "https://partner.example.org"
READ_PATHS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/search/?q=kurs",
    "/api/v2/search/suggest/?q=ku",
    "/api/v2/search/geojson/",
    "/api/v2/openapi.yaml",
    "/feeds/aktuelles.rss",
    "/feeds/aktuelles.atom",
    "/feeds/angebote.rss",
    "/feeds/angebote.atom",
    "/veranstaltungen/feed.ics",
    "/veranstaltungen/feed/",
]
POST_PATHS = ["/api/v2/anmeldungen/", "/api/v2/newsletter/", "/api/v2/bedarf/"]


@pytest.fixture(scope="module")
def shared_content(django_db_setup, django_db_blocker):
    """An offer and an event, built once for the module (tests/module_data.py): the tests only read them."""
    with rolled_back_at_the_end(django_db_blocker):
        offer = make_offer("Töpferkurs")
        make_event("Konzert")
        yield offer


@pytest.fixture
def content(shared_content, db):
    return shared_content


@pytest.mark.parametrize("path", READ_PATHS)
def test_anonymous_get_and_head_of_read_interfaces_allow_any_origin(client, content, path):
    for method in (client.get, client.head):
        response = method(path, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, (path, response.status_code)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert not response.cookies


def test_api_detail_and_its_errors_allow_any_origin_too(client, content):
    assert client.get(f"/api/v2/pages/{content.pk}/")["Access-Control-Allow-Origin"] == "*"
    bad = client.get("/api/v2/pages/?zielgruppe=niemand", HTTP_ORIGIN=ORIGIN)
    assert bad.status_code == 400 and bad["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", READ_PATHS)
def test_preflight_of_read_interfaces_is_answered(client, portal, path):
    response = client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert not response.content


@pytest.mark.parametrize("path", POST_PATHS)
def test_form_endpoints_never_allow_other_origins(client, portal, path):
    posted = client.post(path, data="{}", content_type="application/json", HTTP_ORIGIN=ORIGIN)
    assert posted.status_code in (400, 403, 429)
    assert "Access-Control-Allow-Origin" not in posted
    preflight = client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert preflight.status_code != 204
    assert not any(header.startswith("Access-Control-") for header in preflight.headers)


def test_answers_for_signed_in_users_or_with_credentials_get_no_cors_header(client, content):
    with_token = client.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN, HTTP_AUTHORIZATION="Bearer abc")
    assert with_token.status_code == 200 and "Access-Control-Allow-Origin" not in with_token
    client.force_login(make_user("redakteurin", superuser=True))
    signed_in = client.get("/api/v2/pages/", HTTP_ORIGIN=ORIGIN)
    assert signed_in.status_code == 200 and "Access-Control-Allow-Origin" not in signed_in
    assert "Access-Control-Allow-Origin" not in client.get("/feeds/aktuelles.rss", HTTP_ORIGIN=ORIGIN)


def test_pages_of_the_site_and_answers_setting_cookies_get_no_cors_header(client, content):
    page = client.get(content.url, HTTP_ORIGIN=ORIGIN)
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page
    form = client.get("/was-fehlt/", HTTP_ORIGIN=ORIGIN)  # a form page: sets the CSRF cookie
    assert form.status_code == 200 and "Access-Control-Allow-Origin" not in form

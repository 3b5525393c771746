"""The security headers on residents' pages, the API and the admin, in the test and the production settings."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from tests.adminforms import form_values
from tests.factories import make_offer
from tests.sitedata import build_resident_site

from .conftest import load_production_settings


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {directive[0]: directive[1:] for directive in directives}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chefin", "chefin@example.org", "geheim-und-lang-42")


def test_public_pages_forbid_inline_scripts_styles_and_framing(client, portal):
    response = client.get("/")
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    assert "camera=()" in permissions and "microphone=()" in permissions and "geolocation=(self)" in permissions


@pytest.mark.parametrize("path", ["/api/v2/search/", "/api/v2/pages/", "/health/", "/api/v2/openapi.yaml"])
def test_api_and_health_carry_the_same_headers(client, portal, path):
    response = client.get(path)
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_admin_has_its_own_policy_that_still_forbids_foreign_sources_and_framing(client, portal):
    csp = policy(client.get("/admin/login/"))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]  # Wagtail's inline widget initialisers
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert not any("http" in source for sources in csp.values() for source in sources)


def test_wagtail_preview_may_be_framed_by_the_admin_only(client, portal, superuser):
    """The preview renders the page through the middleware again, under its public path (found in Chromium)."""
    client.force_login(superuser)
    offer = make_offer("Vorschau-Kurs")
    edit_url = f"/admin/pages/{offer.pk}/edit/"
    data = form_values(client.get(edit_url).content.decode())
    data["body-count"] = ["0"]  # the StreamField's inputs are built by JavaScript in a browser
    assert client.post(f"{edit_url}preview/", data).json()["is_valid"]
    response = client.get(f"{edit_url}preview/")
    assert "Vorschau-Kurs" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # otherwise the public page's policy


def test_rendered_public_pages_contain_no_inline_script_style_or_event_handler(client, db):
    pages = build_resident_site()
    paths = [
        "/",
        "/bildungsboerse/",
        pages["smartphone"].url,
        "/veranstaltungen/",
        pages["tanz"].url,
        "/aktuelles/",
        pages["rufbus"].url,
        "/barrierefreiheit/",
        "/anbieter/",
        "/anbieter/kvhs/",
        "/suche/?zielgruppe=senioren&ort=finsterwalde",
        "/suche/?von=gestern",
        "/bildungsboerse/?ort=atlantis",
        "/gibt-es-nicht/",
    ]
    for path in paths:
        html = client.get(path).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        # data blocks (JSON-LD, JSON configuration) are never executed, so CSP's script-src does not concern them
        data_types = ("application/ld+json", "application/json")
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") not in data_types]
        assert not inline, f"inline <script> on {path}"
        assert not soup.find_all("style"), f"<style> element on {path}"
        assert not soup.find_all(style=True), f"style attribute on {path}"
        handlers = [attr for tag in soup.find_all(True) for attr in tag.attrs if re.fullmatch(r"on\w+", attr)]
        assert not handlers, f"inline event handler {handlers} on {path}"


def test_production_answers_https_only_with_hsts_and_secure_cookies(client, portal, production_settings, superuser):
    insecure = client.get("/bildungsboerse/")
    assert insecure.status_code == 301
    assert insecure["Location"] == "https://testserver/bildungsboerse/"

    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = policy(response)
    assert "upgrade-insecure-requests" in csp
    assert csp["script-src"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"

    login = client.post("/admin/login/", {"username": "chefin", "password": "geheim-und-lang-42"}, secure=True)
    assert login.status_code == 302
    session_cookie = login.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    csrf_cookie = client.get("/admin/login/", secure=True).cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf_cookie["secure"]

    admin = client.get("/admin/", secure=True)
    assert admin.status_code == 200
    assert admin.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    admin_csp = policy(admin)
    assert admin_csp["frame-ancestors"] == ["'self'"] and "upgrade-insecure-requests" in admin_csp
    assert admin.headers["X-Content-Type-Options"] == "nosniff"
    assert admin.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_lets_load_balancers_probe_health_over_plain_http(client, portal, production_settings):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_production_settings_refuse_to_start_without_a_secret(monkeypatch):
    with pytest.raises(ImproperlyConfigured):
        load_production_settings(monkeypatch, secret="")


def test_production_settings_keep_the_shared_base_settings_untouched(monkeypatch, settings):
    values = load_production_settings(monkeypatch)
    assert values["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] >= 31536000


def test_the_public_policy_built_once_is_django_csps_and_follows_changed_settings(client, portal, settings):
    from csp.utils import build_policy

    def directives(header: str) -> set[str]:
        return {part.strip() for part in header.split(";") if part.strip()}

    assert directives(client.get("/")["Content-Security-Policy"]) == directives(build_policy())
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "https://kacheln.example.org"],
        }
    }
    header = client.get("/aktuelles/")["Content-Security-Policy"]
    assert "img-src 'self' https://kacheln.example.org" in directives(header)

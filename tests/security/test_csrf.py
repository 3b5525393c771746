"""CSRF: every view in every URL pattern refuses a POST without a valid token.

The test walks the whole URL configuration (the portal's, Wagtail's admin, Django's admin, the APIs), so
forms that other parts of the portal add later are covered without touching this file. A view may be
CSRF-exempt only if it is listed below with the reason, and then it must still refuse the POST.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

from tests.factories import make_offer

# lookup_str of the view -> why it may skip Django's CSRF middleware
EXEMPT_VIEWS = {
    "cms.api.PortalPagesAPIViewSet": "public read-only API (DRF): GET only, no authentication",
    "anbieter.api.PublishedImagesAPIViewSet": "public read-only API (DRF): GET only",
    "anbieter.api.PublishedDocumentsAPIViewSet": "public read-only API (DRF): GET only",
    # POST without cookies by design; they act on nobody's session, so there is nothing to forge:
    # (security.jsonapi: application/json only, so another site cannot post through its visitors' browsers without a
    # CORS preflight the portal never grants)
    "anmeldung.views.api_register": "public JSON API for other sites: no session, spam checks, validation (400)",
    "newsletter.views.api_subscribe": "public JSON API: no session; double opt-in by mail, spam checks, validation",
    "bedarf.views.api_wish": "public JSON API: no session, nothing personal; spam checks, validation (400)",
    # every django-ninja operation is served by this one wrapper. The portal's API (cms/api.py): the read APIs
    # (GET/HEAD, 405 for anything else), health, and the three JSON forms above, which it calls; ninja checks
    # CSRF itself for cookie-authenticated operations. Wagtail's API v3 at /api/v3/ (cms/api_v3.py): bearer
    # tokens only; a session cookie never authenticates (request.user is reset), nothing to forge.
    "ninja.operation.PathView.get_view.<locals>.sync_view_wrapper": "django-ninja: the portal's API and API v3",
    "newsletter.views.unsubscribe": "RFC 8058 one-click unsubscribe from mail clients: the signed link is the key",
    "wagtail.admin.api.views.PagesAdminAPIViewSet": "admin API: DRF SessionAuthentication enforces CSRF itself",
    # Wagtail's media admin endpoints, replaced by anbieter.api's scoped ones (construct_admin_api hook)
    "anbieter.api.ChoosableImagesAdminAPIViewSet": "admin API: DRF SessionAuthentication enforces CSRF",
    "anbieter.api.ChoosableDocumentsAdminAPIViewSet": "admin API: SessionAuthentication enforces CSRF",
}
ROUTE_SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "x/y", "uuid": "00000000-0000-0000-0000-000000000000"}
REGEX_SAMPLES = [  # (regex fragment, sample) for the re_path patterns Wagtail and Django use
    (r"\(\?P<\w+>\\d\+\)", "1"),
    (r"\(\\d\+\)", "1"),
    (r"\(\?P<\w+>\[-\\w\]\+\)", "x"),
    (r"\(\?P<\w+>\.\*\)", "x"),
    (r"\(\.\*\)", "x"),
    (r"\(\?P<\w+>live\|earliest\|\\d\+\)", "1"),
    (r"\(\?P<\w+>live\|latest\|\\d\+\)", "2"),
    (r"\(\?P<\w+>(\w+)\|[\w|]+\)", r"\1"),
    (r"\(\(\?:\[\\w\\-\]\+/\)\*\)", ""),
    (r"\.\*", "x"),
]


def walk(patterns, prefix=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, (*prefix, pattern.pattern))
        else:
            yield (*prefix, pattern.pattern), pattern


def sample_path(parts) -> str:
    path = ""
    for part in parts:
        text = str(part)
        if isinstance(part, RoutePattern):
            text = re.sub(r"<(?:(\w+):)?\w+>", lambda m: ROUTE_SAMPLES[m.group(1) or "str"], text)
        elif isinstance(part, RegexPattern):
            text = text.lstrip("^").rstrip("$")
            for fragment, sample in REGEX_SAMPLES:
                text = re.sub(fragment, sample, text)
            text = text.replace("\\.", ".")
        path += text
    return "/" + path


def url_patterns() -> list[tuple[str, object]]:
    """(sample path, pattern) for every URL pattern whose sample resolves back to the same view."""
    found = []
    for parts, pattern in walk(get_resolver().url_patterns):
        path = sample_path(parts)
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if (
            match.func is pattern.callback
            or getattr(match.func, "__wrapped__", None) is pattern.callback
            or match._func_path == pattern.lookup_str
        ):
            found.append((path, pattern))
    return found


@pytest.fixture
def strict_client(db):
    client = Client(enforce_csrf_checks=True)
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "sehr-geheim-12345")
    client.force_login(user)
    return client


def test_the_walk_reaches_nearly_every_url_pattern():
    total = sum(1 for _ in walk(get_resolver().url_patterns))
    assert len(url_patterns()) >= total * 0.95


def test_only_listed_read_only_views_are_csrf_exempt():
    exempt = {
        pattern.lookup_str
        for _, pattern in walk(get_resolver().url_patterns)
        if getattr(pattern.callback, "csrf_exempt", False)
    }
    assert exempt <= set(EXEMPT_VIEWS), f"CSRF-exempt views nobody reviewed: {exempt - set(EXEMPT_VIEWS)}"


def test_every_view_refuses_a_post_without_token(strict_client, portal):
    offer = make_offer()
    checked, accepted = 0, []
    targets = url_patterns() + [(path, None) for path in ("/", "/bildungsboerse/", offer.url, "/impressum/")]
    for path, pattern in targets:
        response = strict_client.post(path, {"title": "x", "username": "admin", "password": "x"})
        checked += 1
        exempt = pattern is not None and getattr(pattern.callback, "csrf_exempt", False)
        # exempt views refuse the method, or (the two POST endpoints by design) refuse the invalid data, or (API v3)
        # refuse the request for want of a bearer token: the admin session does not count there
        allowed = (403, 405, 400, 401) if exempt else (403,)
        if exempt and pattern.lookup_str == "newsletter.views.unsubscribe":
            allowed = (200,)  # a forged token unsubscribes nobody (tests/residents cover the real one)
        if response.status_code not in allowed:
            accepted.append((path, response.status_code))
    assert checked > 250
    assert accepted == [], f"POST without CSRF token not refused: {accepted}"


def test_admin_login_needs_the_token_and_explains_the_refusal_in_german(db):
    get_user_model().objects.create_superuser("admin", "admin@example.org", "sehr-geheim-12345")
    client = Client(enforce_csrf_checks=True)
    refused = client.post("/admin/login/", {"username": "admin", "password": "sehr-geheim-12345"})
    assert refused.status_code == 403
    assert "Formular konnte nicht angenommen werden" in refused.content.decode()
    token = client.get("/admin/login/").cookies["csrftoken"].value
    accepted = client.post(
        "/admin/login/", {"username": "admin", "password": "sehr-geheim-12345", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302


def test_public_api_ignores_credentials_so_it_is_no_password_oracle(client, db):
    get_user_model().objects.create_user("redaktion", "r@example.org", "richtiges-passwort-1")
    import base64

    def with_basic(password):
        token = base64.b64encode(f"redaktion:{password}".encode()).decode()
        return client.get("/api/v2/pages/", HTTP_AUTHORIZATION=f"Basic {token}").status_code

    assert with_basic("falsch") == with_basic("richtiges-passwort-1") == 200

"""Caching where it pays: fragments and API answers keyed by the content version, HTTP cache headers, and
purging a frontend cache on publish — never a draft or anything personal in what is shared."""

import http.server
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from kalender.recurrence import BERLIN
from search.models import SearchQueryLog
from tests.factories import folder, log_in, make_offer
from tests.module_data import fresh, rolled_back_at_the_end
from tests.sitedata import build_caching_site

DRAFT_MARKER = "Entwurfsfassung-nur-fuer-die-Redaktion"


def count_queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def cached_values() -> list[bytes]:
    """Everything the test cache holds (LocMemCache keeps pickled values)."""
    return list(cache._cache.values())


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    """Built once for the module (tests/module_data.py); the tests publish, unpublish and change it, each in a
    transaction of its own that is undone after it."""
    with rolled_back_at_the_end(django_db_blocker):
        yield build_caching_site()


@pytest.fixture
def site(shared_site, db):
    """The shared site's objects read again, as a test may change them in memory."""
    return fresh(shared_site)


@pytest.mark.parametrize(
    "url", ["/", "/bildungsboerse/", "/veranstaltungen/", "/aktuelles/", "offer", "event", "article"]
)
def test_second_request_costs_fewer_queries_than_the_first(client, site, url):
    url = site[url].url if url in site else url
    first, first_response = count_queries(client, url)
    second, second_response = count_queries(client, url)
    assert second < first, (url, first, second)
    assert second_response.content == first_response.content


def test_api_listing_and_detail_are_answered_from_the_cache_identically(client, site):
    for url in [
        "/api/v2/pages/?type=bildungsboerse.OfferPage&fields=*&zielgruppe=senioren",
        f"/api/v2/pages/{site['offer'].pk}/",
        "/api/v2/search/?zielgruppe=senioren",
        "/api/v2/search/suggest/?q=Platt",
        "/api/v2/search/geojson/?zielgruppe=senioren",
    ]:
        first, fresh = count_queries(client, url)
        second, cached = count_queries(client, url)
        assert fresh["X-Cache"] == "miss" and cached["X-Cache"] == "hit", url
        assert cached.content == fresh.content, url
        assert cached["Content-Type"] == fresh["Content-Type"], url
        assert second < first, (url, first, second)


def test_signed_in_requests_are_neither_served_from_nor_stored_in_the_api_cache(client, site):
    url = f"/api/v2/pages/{site['offer'].pk}/"
    anonymous = client.get(url)
    log_in(client, site["provider_user"].username)
    signed_in = client.get(url)
    assert "X-Cache" not in signed_in
    assert signed_in.json() == anonymous.json()
    assert "no-store" in signed_in["Cache-Control"]


def test_a_cached_search_still_counts_in_the_query_log(client, site):
    url = "/api/v2/search/?q=Plattdeutsch"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    logged = SearchQueryLog.objects.filter(query="Plattdeutsch")
    assert logged.count() == 2
    assert {entry.result_count for entry in logged} == {1}


def test_publishing_a_change_shows_up_at_once_in_pages_listings_and_api(client, site):
    offer = site["offer"]
    urls = [
        offer.url,
        "/",
        "/bildungsboerse/",
        f"/api/v2/pages/{offer.pk}/",
        "/api/v2/pages/?type=bildungsboerse.OfferPage",
        "/api/v2/search/?q=Plattdeutsch",
    ]
    for url in urls:
        assert "Plattdeutsch für Anfänger" in client.get(url).content.decode(), url
    offer.title, offer.teaser = "Niederdeutsch für Anfänger", "Für alle, die die Sprache der Großeltern lernen wollen."
    offer.save_revision().publish()
    for url in urls[:-1]:
        content = client.get(url).content.decode()
        assert "Niederdeutsch für Anfänger" in content and "Plattdeutsch für Anfänger" not in content, url
    assert client.get("/api/v2/search/?q=Niederdeutsch").json()["meta"]["total_count"] == 1


def test_the_month_grid_is_cached_per_month_and_filter_and_refreshed_on_publish(client, site):
    event = site["event"]
    month = event.start.astimezone(BERLIN)
    url = f"/veranstaltungen/{month.year}/{month.month}/"
    first, fresh = count_queries(client, url)
    second, cached = count_queries(client, url)
    assert second < first and cached.content == fresh.content
    assert event.title in fresh.content.decode()
    assert event.title not in client.get(f"{url}?zielgruppe=familien").content.decode()  # a filter has its own grid
    event.title = "Erzählcafé im Bürgerhaus"
    event.save_revision().publish()
    assert "Erzählcafé im Bürgerhaus" in client.get(url).content.decode()


def test_unpublishing_removes_the_page_from_cached_listings_and_api(client, site):
    offer = site["offer"]
    for url in ["/", "/bildungsboerse/", "/api/v2/pages/?type=bildungsboerse.OfferPage"]:
        assert offer.title in client.get(url).content.decode()
    offer.unpublish()
    for url in ["/", "/bildungsboerse/", "/api/v2/pages/?type=bildungsboerse.OfferPage"]:
        assert offer.title not in client.get(url).content.decode(), url
    assert client.get(f"/api/v2/pages/{offer.pk}/").status_code == 404


def test_renaming_a_term_refreshes_the_cached_filters(client, site):
    from taxonomy.models import Zielgruppe

    assert "Seniorinnen und Senioren" in client.get("/bildungsboerse/").content.decode()
    Zielgruppe.objects.filter(slug="senioren").update(name="Ältere Menschen")  # no signal: still cached
    assert "Seniorinnen und Senioren" in client.get("/bildungsboerse/").content.decode()
    term = Zielgruppe.objects.get(slug="senioren")
    term.save()  # an editor saves the term
    content = client.get("/bildungsboerse/").content.decode()
    assert "Ältere Menschen" in content and "Seniorinnen und Senioren" not in content


def test_a_providers_draft_never_reaches_cached_html_or_api(client, site):
    offer, provider_user = site["offer"], site["provider_user"]
    public_urls = [
        offer.url,
        "/",
        "/bildungsboerse/",
        f"/api/v2/pages/{offer.pk}/",
        "/api/v2/pages/?type=bildungsboerse.OfferPage&fields=teaser",
    ]
    for url in public_urls:
        client.get(url)  # the cache is warm
    draft = offer.get_latest_revision_as_object()
    draft.teaser = DRAFT_MARKER
    draft.title = DRAFT_MARKER
    draft.save_revision(user=provider_user)

    log_in(client, provider_user.username)
    preview = client.get(f"/admin/pages/{offer.pk}/view_draft/")
    assert DRAFT_MARKER in preview.content.decode()  # the provider sees the draft …
    assert "no-store" in preview["Cache-Control"]
    client.logout()
    cache.delete("content:version")  # … and not even a fresh cache fills with it
    for url in public_urls:
        assert DRAFT_MARKER not in client.get(url).content.decode(), url
    assert not any(DRAFT_MARKER.encode() in value for value in cached_values())


def test_an_editor_previewing_a_draft_leaves_the_public_cache_alone(client, site, django_user_model):
    offer = site["offer"]
    draft = offer.get_latest_revision_as_object()
    draft.title = DRAFT_MARKER
    draft.save_revision()
    editor = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "geheim-123")
    client.force_login(editor)
    assert DRAFT_MARKER in client.get(f"/admin/pages/{offer.pk}/view_draft/").content.decode()
    assert not any(DRAFT_MARKER.encode() in value for value in cached_values())
    client.logout()
    assert "Plattdeutsch für Anfänger" in client.get(offer.url).content.decode()
    assert not any(DRAFT_MARKER.encode() in value for value in cached_values())


def test_public_answers_may_be_cached_briefly_by_everyone(client, site, settings):
    for url in ["/", "/bildungsboerse/", site["event"].url, "/api/v2/pages/", "/api/v2/search/", "/suche/"]:
        response = client.get(url)
        assert response["Cache-Control"] == f"public, max-age={settings.PORTAL_CACHE['MAX_AGE']}", url


def test_personal_and_admin_answers_are_never_stored(client, site):
    offer = make_offer("Töpfern mit Anmeldung", registration_mode="portal", capacity=8)
    # since issue 17 the registration form (its CSRF token) comes from the box's own address, not the offer's page
    with_form = client.get(f"/anmeldung/{offer.pk}/formular/")
    assert "csrfmiddlewaretoken" in with_form.content.decode()
    assert "no-store" in with_form["Cache-Control"] and "public" not in with_form["Cache-Control"]
    for url in [
        "/anmeldung/daten-loeschen/",
        f"/anmeldung/{offer.pk}/",
        "/newsletter/",
        "/was-fehlt/",
        "/admin/login/",
    ]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url
    registration = client.post("/api/v2/anmeldungen/", {}, content_type="application/json")
    assert "no-store" in registration["Cache-Control"]
    log_in(client, site["provider_user"].username)
    for url in ["/", site["offer"].url, "/admin/"]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"], url


# --- the frontend cache ---


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str]] = []

    def do_PURGE(self):
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A real HTTP server on loopback standing in for Varnish; WAGTAILFRONTENDCACHE points at it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "caching.frontend.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
            "TIMEOUT": 5,
        }
    }
    yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_an_offer_purges_it_its_listings_and_the_api(site, purge_server, django_capture_on_commit_callbacks):
    offer = site["offer"]
    offer.title = "Plattdeutsch für Fortgeschrittene"
    with django_capture_on_commit_callbacks(execute=True):
        offer.save_revision().publish()
        assert purge_server == []  # nothing before the commit
    paths = {path for _host, path in purge_server}
    provider_folder = folder(site["provider"], "bildungsboerse")
    assert {offer.url, provider_folder.url, "/bildungsboerse/", "/"} <= paths
    assert {
        f"/api/v2/pages/{offer.pk}/",
        "/api/v2/pages/",
        "/api/v2/search/",
        f"/anbieter/{site['provider'].slug}/",
    } <= paths
    assert {host for host, _path in purge_server} == {Site.objects.get(is_default_site=True).hostname}


def test_unpublishing_an_event_purges_the_calendar_views(site, purge_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["event"].unpublish()
    paths = {path for _host, path in purge_server}
    assert {site["event"].url, "/veranstaltungen/", "/veranstaltungen/heute/", "/veranstaltungen/feed.ics"} <= paths


def test_drafts_purge_nothing(site, purge_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site["offer"].save_revision(user=site["provider_user"])
    assert purge_server == []


def test_deleting_a_live_offer_purges_its_address_and_listing(site, purge_server, django_capture_on_commit_callbacks):
    offer = site["offer"]
    url = offer.url
    with django_capture_on_commit_callbacks(execute=True):
        offer.delete()
    paths = {path for _host, path in purge_server}
    assert {url, "/bildungsboerse/", "/"} <= paths

"""The full-page cache for anonymous visitors (caching/pages.py): every public page type from the cache without
a database query, never anything of a signed-in user, a draft or a preview, fresh after every change."""

import pytest
from django.core.cache import cache

from search.models import SearchQueryLog
from taxonomy.models import Zielgruppe
from tests.factories import folder, log_in, make_provider_account, make_user
from tests.module_data import fresh, rolled_back_at_the_end
from tests.sitedata import build_caching_site

DRAFT_MARKER = "Entwurfsfassung-nur-fuer-die-Redaktion"
# what the security middleware adds and what the view decides: a hit must carry them unchanged
KEPT_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Vary",
    "Content-Language",
)


def page_entries() -> list[bytes]:
    """The page cache's entries in the test cache (LocMemCache keeps pickled values under prefixed keys)."""
    return [value for key, value in cache._cache.items() if ":page:" in key]


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    """Built once for the module (tests/module_data.py); the tests publish, unpublish and change it, each in a
    transaction of its own that is undone after it."""
    with rolled_back_at_the_end(django_db_blocker):
        site = build_caching_site()
        month = site["event"].start.astimezone(site["event"].start.tzinfo)
        yield {
            **site,
            "month": f"/veranstaltungen/{month:%Y/%m}/",
            "provider_page": f"/anbieter/{site['provider'].slug}/",
        }


@pytest.fixture
def site(shared_site, db):
    """The shared site's objects read again, as a test may change them in memory."""
    return fresh(shared_site)


PAGE_TYPES = [
    "/",
    "/bildungsboerse/",
    "/veranstaltungen/",
    "/aktuelles/",
    "offer",
    "event",
    "article",
    "provider_page",
    "/anbieter/",
    "month",
    "/veranstaltungen/heute/",
    "/veranstaltungen/wochenende/",
    "/suche/?q=Plattdeutsch",
    "/suche/?typ=angebot&zielgruppe=senioren",
    "/feeds/angebote.rss",
    "/sitemap.xml",
]


def url_of(site, name: str) -> str:
    value = site.get(name, name)
    return value if isinstance(value, str) else value.url


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_second_anonymous_request_is_a_hit_with_the_same_body_and_headers_and_no_query(
    client, site, name, django_assert_num_queries
):
    url = url_of(site, name)
    fresh = client.get(url)
    assert fresh.status_code == 200 and fresh["X-Cache"] == "miss", url
    logged = 1 if url.startswith("/suche/") else 0  # the search's query log row, written on every hit
    with django_assert_num_queries(logged):
        cached = client.get(url)
    assert cached["X-Cache"] == "hit", url
    assert cached.content == fresh.content, url
    for header in KEPT_HEADERS:
        assert cached.get(header) == fresh.get(header), (url, header)
    assert "public" in cached["Cache-Control"] and cached["X-Frame-Options"] == "DENY"
    assert "default-src" in cached["Content-Security-Policy"]


def test_the_html_search_still_logs_every_query_answered_from_the_cache(client, site):
    url = "/suche/?q=Plattdeutsch&zielgruppe=senioren"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    assert client.get(url)["X-Cache"] == "hit"
    logged = SearchQueryLog.objects.filter(query="Plattdeutsch", source="html")
    assert logged.count() == 3
    assert {(entry.result_count, tuple(entry.filters["zielgruppe"])) for entry in logged} == {(1, ("senioren",))}


def test_the_search_results_fragment_for_fetch_has_its_own_entry(client, site):
    url = "/suche/?q=Plattdeutsch"
    page = client.get(url)
    fragment = client.get(url, headers={"X-Requested-With": "fetch"})
    assert fragment["X-Cache"] == "miss" and fragment.content != page.content
    assert client.get(url, headers={"X-Requested-With": "fetch"}).content == fragment.content
    assert client.get(url).content == page.content


@pytest.mark.parametrize("cookie", ["sessionid", "messages", "irgendwas"])
def test_requests_with_a_cookie_other_than_csrf_are_never_answered_from_the_cache(client, site, cookie):
    url = site["offer"].url
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    client.cookies[cookie] = "abc"
    response = client.get(url)
    assert response.status_code == 200 and "X-Cache" not in response


def test_the_csrf_cookie_alone_still_gets_the_cached_page(client, site):
    url = site["offer"].url
    client.get(url)
    client.cookies["csrftoken"] = "a" * 32
    assert client.get(url)["X-Cache"] == "hit"


def test_a_signed_in_users_page_is_neither_served_from_nor_stored_in_the_cache(client, site):
    editor = make_user("chefin", superuser=True, first_name="Charlotte", last_name="Chefredakteurin")
    url = site["offer"].url
    client.get(url)  # the cache is warm
    client.force_login(editor)
    signed_in = client.get(url)
    assert "X-Cache" not in signed_in and "no-store" in signed_in["Cache-Control"]
    assert b"userbar" in signed_in.content  # what only a signed-in editor sees
    cache.clear()
    signed_in = client.get("/bildungsboerse/")  # … and with a cold cache it is not stored either
    assert "X-Cache" not in signed_in
    client.logout()
    anonymous = client.get("/bildungsboerse/")
    assert anonymous["X-Cache"] == "miss" and b"userbar" not in anonymous.content
    assert not any(b"userbar" in entry for entry in page_entries())


def test_drafts_and_previews_never_reach_the_page_cache(client, site):
    offer, provider_user = site["offer"], site["provider_user"]
    for url in [offer.url, "/", "/bildungsboerse/"]:
        client.get(url)
    draft = offer.get_latest_revision_as_object()
    draft.title = DRAFT_MARKER
    draft.save_revision(user=provider_user)
    # Wagtail renders a preview through the middleware with the page's public address, here without any cookie
    # (as for moderation and comparisons): it must render the draft, not answer with the cached public page
    preview = draft.make_preview_request()
    assert DRAFT_MARKER in preview.content.decode() and "X-Cache" not in preview
    log_in(client, provider_user.username)
    view_draft = client.get(f"/admin/pages/{offer.pk}/view_draft/")
    assert DRAFT_MARKER in view_draft.content.decode() and "X-Cache" not in view_draft
    client.logout()
    for url in [offer.url, "/", "/bildungsboerse/"]:
        response = client.get(url)
        assert response["X-Cache"] == "hit" and DRAFT_MARKER not in response.content.decode(), url
    assert not any(DRAFT_MARKER.encode() in entry for entry in page_entries())


def test_a_page_that_sets_a_cookie_is_not_stored(rf, site):
    # Since issue 17 no public page sets one (the registration box's token comes from anmeldung's "formular/",
    # tests/caching/test_registration_box.py): a public answer with a cookie, through the middleware itself.
    from django.http import HttpResponse

    from caching.pages import PageCacheMiddleware

    def view_with_a_cookie(request):
        response = HttpResponse("<form>csrfmiddlewaretoken</form>")
        response["Cache-Control"] = "public, max-age=60"
        response.set_cookie("csrftoken", "a" * 32)
        return response

    middleware = PageCacheMiddleware(view_with_a_cookie)
    request = rf.get(site["offer"].url)
    assert middleware(request)["X-Cache"] == "miss"
    second = middleware(rf.get(site["offer"].url))
    assert second["X-Cache"] == "miss" and "csrftoken" in second.cookies
    assert not any(b"csrfmiddlewaretoken" in entry for entry in page_entries())


def test_answers_other_than_200_are_not_stored(client, site):
    for url in ["/gibt-es-nicht/", "/suche/?umkreis=abc&ort=nirgendwo"]:
        first = client.get(url)
        if first.status_code == 200:
            continue  # the search tolerates odd parameters: the 404 is the case here
        assert client.get(url)["X-Cache"] == "miss", url
    assert client.get("/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/health/", "/admin/login/", "/_util/login/"])
def test_api_health_admin_and_wagtails_util_views_are_not_page_cached(client, site, url):
    client.get(url)
    response = client.get(url)
    assert response.get("X-Cache") != "hit" or url.startswith("/api/"), url  # the API answers from its own cache
    assert not page_entries()


def test_the_benchmarks_bypass_header_works_only_where_configured(client, site, settings):
    url = site["offer"].url
    client.get(url)
    assert client.get(url, headers={"X-Loadbench-Render": "1"})["X-Cache"] == "hit"  # off by default
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_BYPASS_HEADER": "X-Loadbench-Render"}
    assert "X-Cache" not in client.get(url, headers={"X-Loadbench-Render": "1"})
    assert client.get(url)["X-Cache"] == "hit"


# --- the next anonymous request after a change sees it ---


def assert_fresh(client, urls, present: str | None, absent: str | None):
    for url in urls:
        response = client.get(url)
        content = response.content.decode()
        if present:
            assert present in content, url
        if absent:
            assert absent not in content, url
        assert response["X-Cache"] == "miss", url


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def test_publishing_shows_at_once(client, site):
    offer = site["offer"]
    urls = [offer.url, "/", "/bildungsboerse/", site["provider_page"], "/suche/?q=Anf%C3%A4nger"]
    warm(client, urls)
    offer.title, offer.teaser = "Niederdeutsch für Anfänger", "Für alle, die die Sprache der Großeltern lernen wollen."
    offer.save_revision().publish()
    assert_fresh(client, urls, "Niederdeutsch für Anfänger", "Plattdeutsch für Anfänger")


def test_unpublishing_and_deleting_take_pages_out_at_once(client, site):
    offer, article = site["offer"], site["article"]
    offer_url, article_url = offer.url, article.url
    warm(client, [offer_url, article_url, "/bildungsboerse/", "/aktuelles/"])
    offer.unpublish()
    assert client.get(offer_url).status_code == 404
    assert_fresh(client, ["/bildungsboerse/"], None, "Plattdeutsch für Anfänger")
    article.delete()
    assert client.get(article_url).status_code == 404
    assert_fresh(client, ["/aktuelles/"], None, "Neue Kurse im Herbst")


def test_moving_a_page_shows_at_once(client, site):
    offer = site["offer"]
    old_url = offer.url
    other, _user = make_provider_account("Kulturhaus Mühlberg")
    listings = ["/", "/bildungsboerse/", site["provider_page"]]
    warm(client, [old_url, *listings])
    offer.move(folder(other, "bildungsboerse"), pos="last-child")
    offer.refresh_from_db()
    assert old_url != offer.url
    assert client.get(old_url).status_code == 301  # Wagtail's redirect to the new address, not the cached page
    assert client.get(offer.url).status_code == 200
    assert_fresh(client, listings, f'href="{offer.url}"', f'href="{old_url}"')


def test_taxonomy_and_provider_changes_show_at_once(client, site):
    offer = site["offer"]
    urls = [offer.url, "/bildungsboerse/", site["provider_page"]]
    warm(client, urls)
    term = Zielgruppe.objects.get(slug="senioren")
    term.name = "Ältere Menschen"
    term.save()
    assert_fresh(client, [offer.url, "/bildungsboerse/"], "Ältere Menschen", "Seniorinnen und Senioren")
    warm(client, urls)
    provider = site["provider"]
    provider.name = "Heimat- und Kulturverein Uebigau"
    provider.save()
    assert_fresh(client, [offer.url, site["provider_page"]], "Heimat- und Kulturverein Uebigau", None)


def test_a_rating_update_of_the_search_index_shows_at_once(client, site):
    from feedback.services import reindex

    offer = site["offer"]
    warm(client, [offer.url])
    reindex(offer.pk)  # what a new rating does after recomputing the page's averages (feedback/services.py)
    assert client.get(offer.url)["X-Cache"] == "miss"


def test_a_worker_answers_from_its_own_memory_but_never_longer_than_the_shared_entry_lives(
    client, site, settings, monkeypatch, django_assert_num_queries
):
    url = site["offer"].url
    assert client.get(url)["X-Cache"] == "miss"
    for key in [key for key in cache._cache if ":page:" in key]:
        del cache._cache[key]  # the shared entry gone: the process's own copy still answers
    with django_assert_num_queries(0):
        assert client.get(url)["X-Cache"] == "hit"
    stored_until = 1_800_000_001.0 + settings.PORTAL_CACHE["PAGE_SECONDS"]
    monkeypatch.setattr("caching.pages.clock", lambda: stored_until)
    assert client.get(url)["X-Cache"] == "miss"  # as long as the shared entry would have lived, not longer


def test_a_workers_memory_keeps_at_most_its_limit_and_drops_the_longest_unused_pages(monkeypatch):
    from caching import pages

    monkeypatch.setattr(pages, "LOCAL_MAX_BYTES", 2000)
    monkeypatch.setattr(pages, "_local_entries", pages.OrderedDict())
    monkeypatch.setattr(pages, "_local_bytes", 0)
    for name in "0123456789":
        pages._keep_locally(name, {"content": b"x" * 200, "stored_until": 1_800_000_100.0})
    assert pages.stored_entry("0") is not None  # used again: "1" is now the longest unused
    pages._keep_locally("new", {"content": b"x" * 200, "stored_until": 1_800_000_100.0})
    assert list(pages._local_entries) == [*"23456789", "0", "new"] and pages._local_bytes == 2000
    pages._keep_locally("too-big", {"content": b"x" * 300, "stored_until": 1_800_000_100.0})  # > an eighth
    assert "too-big" not in pages._local_entries

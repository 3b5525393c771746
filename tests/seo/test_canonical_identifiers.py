"""Identifiers and absolute URLs come from SITE_BASE_URL, never from the request's Host header."""

import json
import re

import feedparser
import pytest
from icalendar import Calendar

from search.indexing import rebuild_index
from tests.factories import make_article, make_event, make_offer, make_provider

pytestmark = pytest.mark.django_db

BASE = "https://3l.example.de"
HOSTS = ["testserver", "www.example.org", "alias.example.net:8443"]
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# RFC 4151: "tag:" authorityName "," date ":" specific
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[\w.~!$&'()*+,;=:@/?%-]+$")


@pytest.fixture
def canonical(settings):
    """A canonical base that differs from every Host the tests send (and from the Wagtail Site's host)."""
    settings.ALLOWED_HOSTS = [host.split(":")[0] for host in HOSTS]
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    return BASE


def get_from_each_host(client, path: str) -> list:
    responses = [client.get(path, HTTP_HOST=host) for host in HOSTS]
    for response in responses:
        assert response.status_code in (200, 302), (path, response.status_code)
    return responses


def test_feeds_sitemap_robots_and_calendar_are_the_same_under_every_host(client, portal, canonical):
    provider = make_provider(name="Musikschule", slug="musikschule")
    event = make_event("Konzert", anbieter=provider)
    make_article("Neues Programm", anbieter=provider)
    make_offer("Gitarrenkurs", anbieter=provider)
    for path in [
        "/feeds/aktuelles.rss",
        "/feeds/aktuelles.atom",
        "/feeds/angebote.rss",
        "/feeds/angebote.atom",
        "/sitemap.xml",
        "/robots.txt",
        "/veranstaltungen/feed.ics",
        event.url + "ical/",
    ]:
        bodies = {response.content for response in get_from_each_host(client, path)}
        assert len(bodies) == 1, f"{path} differs by Host"
        text = bodies.pop().decode()
        assert BASE in text.replace("\r\n ", ""), path
        for host in HOSTS[1:]:
            assert host.split(":")[0] not in text, (path, host)

    [vevent] = Calendar.from_ical(client.get(event.url + "ical/", HTTP_HOST=HOSTS[1]).content).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@3l.example.de"
    assert str(vevent["ORGANIZER"]) == f"{BASE}/anbieter/musikschule/"
    assert str(vevent["URL"]) == BASE + event.url
    assert f"Sitemap: {BASE}/sitemap.xml" in client.get("/robots.txt", HTTP_HOST=HOSTS[2]).content.decode()


def test_sitemap_lists_pages_and_providers_on_the_canonical_base(client, portal, canonical):
    offer = make_offer("Töpferkurs")
    provider = make_provider(name="Heimatverein", slug="heimatverein")
    text = client.get("/sitemap.xml", HTTP_HOST=HOSTS[1]).content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", text)
    assert BASE + offer.url in locations and f"{BASE}/anbieter/{provider.slug}/" in locations
    assert all(location.startswith(BASE + "/") for location in locations)


def test_json_ld_urls_and_organizer_share_the_canonical_base(client, portal, canonical):
    provider = make_provider(name="Kulturverein", slug="kulturverein")
    event = make_event("Lesung", anbieter=provider)
    blocks = {JSON_LD.search(r.content.decode()).group(1) for r in get_from_each_host(client, event.url)}
    assert len(blocks) == 1
    data = json.loads(blocks.pop())
    assert data["url"] == BASE + event.url
    assert data["organizer"]["url"] == f"{BASE}/anbieter/kulturverein/"


def test_open_graph_url_is_on_the_canonical_base(client, portal, canonical):
    offer = make_offer("Fotokurs")
    html = client.get(offer.url, HTTP_HOST=HOSTS[1]).content.decode()
    assert f'<meta property="og:url" content="{BASE}{offer.url}">' in html


def test_api_find_redirects_to_the_canonical_base(client, portal, canonical):
    offer = make_offer("Nähkurs")
    locations = {r["Location"] for r in get_from_each_host(client, f"/api/v2/pages/find/?html_path={offer.url}")}
    assert locations == {f"{BASE}/api/v2/pages/{offer.pk}/?"}


def test_atom_ids_are_tag_uris_that_feed_readers_parse(client, portal, canonical):
    # imported here, not with the module: it builds its RFC 3987 grammar on import (2 s), in every test worker
    from rfc3987_syntax import is_valid_syntax_iri

    article = make_article("Sommerfest")
    offer = make_offer("Yoga")
    for path, page in [("/feeds/aktuelles.atom", article), ("/feeds/angebote.atom", offer)]:
        feed = feedparser.parse(client.get(path, HTTP_HOST=HOSTS[1]).content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        assert TAG_URI.match(feed.feed.id) and is_valid_syntax_iri(feed.feed.id), feed.feed.id
        [entry] = feed.entries
        assert entry.id == f"tag:3l.example.de,2025:page-{page.pk}"
        assert TAG_URI.match(entry.id) and is_valid_syntax_iri(entry.id)
        assert entry.link == BASE + page.url
    rss = feedparser.parse(client.get("/feeds/aktuelles.rss", HTTP_HOST=HOSTS[2]).content)
    assert not rss.bozo and rss.version == "rss20"
    assert not is_valid_syntax_iri(f"page-{article.pk}@3l.example.de")  # why Atom needs its own ids
    [item] = rss.entries
    assert item.id == f"page-{article.pk}@3l.example.de" and item.link == BASE + article.url


def test_search_api_and_geojson_addresses_are_on_the_canonical_base(client, portal, canonical):
    offer = make_offer("Kräuterkunde", ort="herzberg-elster")
    rebuild_index()
    for response in get_from_each_host(client, "/api/v2/search/?q=Kräuterkunde"):
        [item] = response.json()["items"]
        assert item["url"] == BASE + offer.url and item["detail_url"] == f"{BASE}/api/v2/pages/{offer.pk}/"
    for response in get_from_each_host(client, "/api/v2/search/geojson/"):
        [feature] = response.json()["features"]
        assert feature["properties"]["url"] == BASE + offer.url

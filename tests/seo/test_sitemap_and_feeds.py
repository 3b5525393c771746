"""sitemap.xml, robots.txt, RSS/Atom feeds and Open Graph tags."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_article, make_event, make_offer, make_provider

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_pages_and_active_providers_only(client, portal):
    offer = make_offer("Töpferkurs")
    draft = make_event("Entwurf", live=False)
    active, suspended = (
        make_provider(name="Aktiv", slug="aktiv"),
        make_provider(name="Ruht", slug="ruht", is_active=False),
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]
    assert f"http://testserver{offer.url}" in locations
    assert f"http://testserver{active.get_absolute_url()}" in locations
    assert not any(suspended.slug in loc for loc in locations) and not any(draft.slug in loc for loc in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client, portal):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize(
    "url, kind",
    [
        ("/feeds/aktuelles.rss", "rss"),
        ("/feeds/aktuelles.atom", "atom"),
        ("/feeds/angebote.rss", "rss"),
        ("/feeds/angebote.atom", "atom"),
    ],
)
def test_feeds_are_valid_xml_with_the_newest_items(client, portal, url, kind):
    make_article("Neues Programm")
    make_offer("Neuer Kurs")
    make_offer("Noch ein Entwurf", live=False)
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if kind == "rss":
        titles = [item.findtext("title") for item in root.iter("item")]
    else:
        titles = [
            entry.findtext("{http://www.w3.org/2005/Atom}title")
            for entry in root.iter("{http://www.w3.org/2005/Atom}entry")
        ]
    assert titles == (["Neues Programm"] if "aktuelles" in url else ["Neuer Kurs"])


def test_open_graph_tags_on_a_detail_page(client, portal):
    offer = make_offer("Fotokurs", teaser="Bessere Bilder mit dem Handy.")
    html = client.get(offer.url).content.decode()
    assert '<meta property="og:title" content="Fotokurs">' in html
    assert '<meta property="og:description" content="Bessere Bilder mit dem Handy.">' in html
    assert f'<meta property="og:url" content="http://testserver{offer.url}">' in html

"""The breadcrumbs come from the pages the request's routing read (core.routing, portal_tags.breadcrumb_ancestors):
the same trail as Wagtail's ``get_ancestors()``, without a query of their own."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from anbieter.folders import ProviderFolderPage
from core.templatetags.portal_tags import breadcrumb_ancestors
from tests.factories import folder, make_offer, make_provider_account


def trail(html: str) -> list[str]:
    nav = re.search(r'<nav class="breadcrumbs.*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


def test_a_providers_offer_shows_every_level_without_reading_its_ancestors(client, portal, settings):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}
    provider, _user = make_provider_account("Heimatverein Uebigau")
    offer = make_offer("Plattdeutsch für Anfänger", anbieter=provider, parent=folder(provider, "bildungsboerse"))
    expected = [
        (page.url, "Startseite" if page.depth == 2 else page.title) for page in offer.get_ancestors() if page.depth > 1
    ]
    assert len(expected) == 3 and isinstance(Page.objects.get(pk=offer.get_parent().pk).specific, ProviderFolderPage)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(offer.url).content.decode()
    assert trail(html) == expected
    # Wagtail's get_ancestors() (and its view restriction check) read the ancestors by their paths
    assert not any('"wagtailcore_page"."path" IN (' in q["sql"] for q in queries.captured_queries)


def test_a_page_not_read_by_the_routing_asks_the_database(portal):
    offer = make_offer("Erste Hilfe am Kind")
    fresh = Page.objects.get(pk=offer.pk)
    assert [page.pk for page in breadcrumb_ancestors(fresh)] == [page.pk for page in fresh.get_ancestors()]

"""The offer page's SQL queries: a constant number, cold (empty cache) and warm, however many dates it has."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anmeldung import services
from bildungsboerse.models import OfferDate
from taxonomy.models import Barrierefreiheit, Lebenslage, Zielgruppe
from tests.factories import folder, make_article, make_event, make_offer, make_provider_account


def offer_with_dates(provider, count: int):
    now = timezone.now()
    return make_offer(
        f"Erste Hilfe {count}",
        anbieter=provider,
        parent=folder(provider, "bildungsboerse"),
        registration_mode="portal",
        capacity=8,
        dates=[
            (now + datetime.timedelta(days=3 + 7 * n), now + datetime.timedelta(days=3 + 7 * n, hours=2))
            for n in range(count)
        ],
    )


def render_queries(client, url: str, cold: bool) -> list[str]:
    cache.clear() if cold else client.get(url)  # warm: this page's fragments too
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


@pytest.fixture
def rendered(portal, settings):
    """Every request rendered: the full-page cache is off, the fragment cache as configured."""
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}
    provider, _user = make_provider_account("Heimatverein Uebigau")
    return provider


def test_offer_page_queries_stay_constant_and_read_the_dates_once(client, rendered):
    few, many = offer_with_dates(rendered, 2), offer_with_dates(rendered, 9)
    many.lebenslagen.add(*Lebenslage.objects.all())  # every term of every taxonomy, and registrations
    many.zielgruppen.add(*Zielgruppe.objects.all())
    many.barrierefreiheit.add(*Barrierefreiheit.objects.all())
    many.save_revision().publish()
    for number, slot in enumerate(services.open_slots(many)):
        services.register(slot, name="Nachbarin", email=f"n{number}@example.org")
    client.get(few.url)  # the first request of the process: site and content version
    for cold in (True, False):
        with_few, with_many = render_queries(client, few.url, cold), render_queries(client, many.url, cold)
        assert len(with_few) == len(with_many), cold
        assert sum('"bildungsboerse_offerdate"' in sql for sql in with_many) == 1, cold
    # 26 cold and 16 warm before issue 17: routing read two queries per level of the tree (core.routing), the
    # registration box counted seats in the page (now its own request), the Servicebüro's details were read
    # on every request (now cached under the content version); 15 and 7 before issue 17's fourth round (view
    # restrictions read once per request, breadcrumbs from the routing)
    # 11 and 5 since issue 17's sixth round (the home page's row no longer read to route below it)
    assert len(render_queries(client, many.url, cold=True)) <= 11
    assert len(render_queries(client, many.url, cold=False)) <= 5


# The bounds per page type, rendered (cold: empty cache; warm: fragments cached), measured with the test site of
# `site_of_size` (2026-11-30); the same with three times the content, so no bound grows with the data. The event
# index reads its series once more, lightly (rows of dates and rule), to sort by next occurrence (kalender.calendar;
# every event before issue 17's sixth round), and counts its events with the shown ones (a window count). The
# search's cards read their live pages for the badges and the "Merken" button (issue 15), with the pages' seats:
# three queries (two since the fourth round). Lowered in issue 17's third round,
# when the listings stopped reading what their cards do not show (card_select_related, card_prefetch_related):
# offer index 26 / 15, event index 28 / 17, article index 20 / 11, provider page 16 / 12 before.
# Lowered in issue 17's fourth round: view restrictions read once per request (core.restrictions: the serve
# check's two queries, the navigation's and every listing's one became one), the filters', facets' and home page's
# term lists in one query (core.filters.term_lists: six before), the breadcrumbs from the pages the routing read
# (portal_tags.breadcrumb_ancestors), the home page's seat badges in one query, the search's facet counts in one,
# its total with its hits and its cards' pages without a query for their types first. Before: home 18 / 4, offer index 21 / 10, offer
# 15 / 7, event index 21 / 10, event 21 / 11, calendar month 14 / 6, article index 18 / 9, article 13 / 6,
# provider page 14 / 10, search 20 / 9.
# Lowered in issue 17's sixth round: Wagtail's routing no longer reads the home page's specific row to route a page
# below it (core.routing.PreRoutingMiddleware: one query fewer on every page Wagtail serves but the home page), and
# the calendar's month reads series' moved and cancelled days only when it shows a series (the test site has none:
# a month with series reads them in one query more). Before: offer index 12 / 8, offer 12 / 6, event index 12 / 8,
# event 18 / 10, calendar month 10 / 5, article index 11 / 7, article 10 / 5.
PAGE_TYPE_BOUNDS = {
    "home": (11, 3),
    "offer index": (11, 7),
    "offer": (11, 5),
    "event index": (11, 7),
    "event": (17, 9),
    "calendar month": (8, 4),
    "article index": (10, 6),
    "article": (9, 4),
    "provider": (11, 8),
    "search": (12, 6),
}


def site_of_size(provider, size: int) -> dict:
    now = timezone.now()
    offers = [offer_with_dates(provider, 1 + n % 3) for n in range(size)]
    events = [
        make_event(
            f"Erzählcafé {n}",
            anbieter=provider,
            registration_mode="portal",
            capacity=5,
            start=now + datetime.timedelta(days=2 + n),
        )
        for n in range(size)
    ]
    articles = [make_article(f"Neue Kurse {n}") for n in range(size)]
    month = timezone.localtime(events[0].start)
    return {
        "home": "/",
        "offer index": "/bildungsboerse/",
        "offer": offers[0].url,
        "event index": "/veranstaltungen/",
        "event": events[0].url,
        "calendar month": f"/veranstaltungen/{month:%Y/%m}/",
        "article index": "/aktuelles/",
        "article": articles[0].url,
        "provider": f"/anbieter/{provider.slug}/",
        "search": "/suche/?q=Erste&zielgruppe=senioren",
    }


def test_every_page_type_makes_a_constant_small_number_of_queries_cold_and_warm(client, rendered):
    small = site_of_size(rendered, 2)
    client.get("/")
    counts = {
        name: (len(render_queries(client, url, cold=True)), len(render_queries(client, url, cold=False)))
        for name, url in small.items()
    }
    site_of_size(rendered, 4)  # three times the offers, events and articles (the same pages are measured)
    larger = {
        name: (len(render_queries(client, url, cold=True)), len(render_queries(client, url, cold=False)))
        for name, url in small.items()
    }
    assert larger == counts
    over = {
        name: measured
        for name, measured in counts.items()
        if measured[0] > PAGE_TYPE_BOUNDS[name][0] or measured[1] > PAGE_TYPE_BOUNDS[name][1]
    }
    assert over == {}


def test_a_preview_shows_the_drafts_dates_not_the_published_ones(rendered):
    offer = offer_with_dates(rendered, 2)
    draft = offer.get_latest_revision_as_object()
    draft.dates = [OfferDate(start=timezone.now() + datetime.timedelta(days=40), note="Zusatztermin im Entwurf")]
    preview = draft.make_preview_request()
    assert "Zusatztermin im Entwurf" in preview.content.decode()

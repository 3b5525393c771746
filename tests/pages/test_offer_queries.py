"""The offer page's SQL queries: a constant number, cold (empty cache) and warm, however many dates it has."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bildungsboerse.models import OfferDate
from tests.factories import folder, make_offer, make_provider_account


def offer_with_dates(provider, count: int):
    now = timezone.now()
    return make_offer(f"Erste Hilfe {count}", anbieter=provider, parent=folder(provider, "bildungsboerse"),
                      registration_mode="portal", capacity=8,
                      dates=[(now + datetime.timedelta(days=3 + 7 * n), now + datetime.timedelta(days=3 + 7 * n, hours=2))
                             for n in range(count)])


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
    client.get(few.url)  # the first request of the process: site and content version
    for cold in (True, False):
        with_few, with_many = render_queries(client, few.url, cold), render_queries(client, many.url, cold)
        assert len(with_few) == len(with_many), cold
        assert sum('"bildungsboerse_offerdate"' in sql for sql in with_many) == 1, cold
    # 24 and 13 before features that landed beside this test: the check that the provider is not suspended,
    # the Servicebüro's contact details beside the registration form, the seats' badges
    assert len(render_queries(client, many.url, cold=True)) <= 26
    assert len(render_queries(client, many.url, cold=False)) <= 16


def test_a_preview_shows_the_drafts_dates_not_the_published_ones(rendered):
    offer = offer_with_dates(rendered, 2)
    draft = offer.get_latest_revision_as_object()
    draft.dates = [OfferDate(start=timezone.now() + datetime.timedelta(days=40), note="Zusatztermin im Entwurf")]
    preview = draft.make_preview_request()
    assert "Zusatztermin im Entwurf" in preview.content.decode()

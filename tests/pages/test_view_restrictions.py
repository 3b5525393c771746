"""Page view restrictions read once per request (core.restrictions): what residents see does not change — a
restricted section stays out of listings, teasers, navigation and answers with the login — and a request that
finds no restriction anywhere asks the database once, not once per listing and twice for the page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from core import restrictions
from home.models import HomePage
from tests.factories import make_offer


@pytest.fixture
def rendered(portal, settings):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}


def restriction_queries(client, url: str) -> tuple[int, str]:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return sum(
        '"wagtailcore_pageviewrestriction"' in q["sql"] for q in queries.captured_queries
    ), response.content.decode()


def test_without_restrictions_each_request_reads_them_once(client, rendered):
    offer = make_offer("Erste Hilfe am Kind")
    for url in ("/", BildungsboerseIndexPage.objects.get().url, offer.url):
        assert restriction_queries(client, url)[0] == 1, url


def test_a_restricted_offer_stays_out_of_listings_and_asks_for_the_login(client, rendered):
    hidden, shown = make_offer("Geschlossener Kurs"), make_offer("Offener Kurs")
    assert "Geschlossener Kurs" in client.get("/").content.decode()  # the same process, before the restriction
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    for url in ("/", BildungsboerseIndexPage.objects.get().url):
        count, html = restriction_queries(client, url)
        assert "Offener Kurs" in html and "Geschlossener Kurs" not in html, url
    response = client.get(hidden.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    assert client.get(shown.url).status_code == 200


def test_a_restricted_section_stays_out_of_the_navigation(client, rendered):
    section = BildungsboerseIndexPage.objects.get()
    section.show_in_menus = True
    section.save()
    assert f'href="{section.url}"' in restriction_queries(client, "/")[1]
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert f'href="{section.url}"' not in restriction_queries(client, "/")[1]
    assert client.get(section.url).status_code == 200  # the password form
    assert "password" in client.get(section.url).content.decode()


def test_outside_a_request_public_reads_the_database_as_wagtail_does(portal):
    offer = make_offer("Geschlossener Kurs")
    assert restrictions.restricted_sections() is None
    assert OfferPage.objects.public().filter(pk=offer.pk).exists()
    PageViewRestriction.objects.create(page=offer, restriction_type=PageViewRestriction.LOGIN)
    assert not OfferPage.objects.public().filter(pk=offer.pk).exists()
    assert not HomePage.objects.get().get_children().public().filter(pk=offer.pk).exists()

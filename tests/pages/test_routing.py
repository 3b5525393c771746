"""Routing from the site's root row (core.routing.PreRoutingMiddleware): the same answers as Wagtail's own routing,
without reading the home page's specific row on every request below it."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import folder, make_event, make_offer, make_provider_account

PRE_ROUTING = "core.routing.PreRoutingMiddleware"


def answers(paths: list[str]) -> dict[str, tuple[int, int | None, bytes]]:
    """Status, served page and body of each path, from a fresh client (it loads the current middleware)."""
    client, result = Client(), {}
    for path in paths:
        cache.clear()
        response = client.get(path)
        page = (getattr(response, "context_data", None) or {}).get("page")
        result[path] = (response.status_code, getattr(page, "pk", None), response.content)
    return result


def test_every_kind_of_address_answers_as_with_wagtails_own_routing(portal, settings):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}
    provider, _user = make_provider_account("Heimatverein Uebigau")
    offer = make_offer("Plattdeutsch für Anfänger", anbieter=provider, parent=folder(provider, "bildungsboerse"))
    event = make_event("Erzählcafé")
    draft = make_offer("Noch nicht veröffentlicht", live=False)
    paths = [
        "/",
        "/bildungsboerse/",
        offer.url,
        event.url,
        "/veranstaltungen/",
        f"/veranstaltungen/{event.start:%Y/%m}/",
        "/veranstaltungen/heute/",
        "/veranstaltungen/2027/13/",
        f"/bildungsboerse/{draft.slug}/",
        "/gibt-es-nicht/",
        f"{offer.url}gibt-es-nicht/",
        "/bildungsboerse/gibt-es-nicht/",
    ]
    assert PRE_ROUTING in settings.MIDDLEWARE
    with_pre_routing = answers(paths)
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != PRE_ROUTING]
    without = answers(paths)
    assert {path: answer[:2] for path, answer in with_pre_routing.items()} == {
        path: answer[:2] for path, answer in without.items()
    }
    assert [path for path in paths if with_pre_routing[path][2] != without[path][2]] == []
    statuses = {path: answer[0] for path, answer in with_pre_routing.items()}
    assert statuses[offer.url] == statuses["/veranstaltungen/heute/"] == 200  # the test is not of 404s alone
    assert statuses[f"/bildungsboerse/{draft.slug}/"] == statuses["/gibt-es-nicht/"] == 404


def test_a_page_below_the_home_page_is_routed_without_reading_the_home_pages_row(portal, settings):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}
    offer = make_offer("Erste Hilfe am Kind")
    client = Client()
    client.get(offer.url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(offer.url).status_code == 200
    assert not any('FROM "home_homepage"' in query["sql"] for query in queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200  # the home page itself: Wagtail's own way, its row read
    assert any('FROM "home_homepage"' in query["sql"] for query in queries.captured_queries)

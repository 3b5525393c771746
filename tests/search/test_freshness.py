"""A published change is in the API and the HTML search within 2 s, although answers are cached.

The node refreshes its index about once a second; the cached answers change with the content version. If the
version changed before the index had refreshed, a request in between would store the old answer under the new
version for a minute (CACHE_API_SECONDS).
"""

import time

import pytest

from tests.factories import make_offer

DEADLINE_SECONDS = 2.0


@pytest.fixture
def as_in_production(engine_name, settings):
    """No refresh forced after every write, as in production (the test settings force one)."""
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "REFRESH": False}
    return engine_name


def api_titles(client) -> set[str]:
    return {item["title"] for item in client.get("/api/v2/search/", {"q": "Yoga"}).json()["items"]}


def html_finds(client) -> bool:
    return "Yoga im Park" in client.get("/suche/", {"q": "Yoga"}).content.decode()


def within_deadline(condition) -> float:
    """Ask at once and then again until the deadline; the seconds it took, or fail."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < DEADLINE_SECONDS, "still the old answer after 2 s"
        time.sleep(0.1)
    return time.monotonic() - started


def test_publishing_is_found_and_unpublishing_gone_within_two_seconds(as_in_production, client):
    assert api_titles(client) == set()  # the empty answer is cached now
    offer = make_offer("Yoga im Park")
    within_deadline(lambda: api_titles(client) == {"Yoga im Park"} and html_finds(client))
    assert client.get("/api/v2/search/", {"q": "Yoga"})["X-Cache"] == "hit"  # and that answer is cached
    offer.unpublish()
    within_deadline(lambda: api_titles(client) == set() and not html_finds(client))
    assert client.get("/api/v2/search/", {"q": "Yoga"})["X-Cache"] == "hit"

"""When a stored page's time is up, one request renders it anew and the others get the old answer meanwhile
(caching/pages.py, ``STALE_SECONDS``): no stampede of every worker at the end of each seat window, and never an
old answer past its grace or across a publish."""

import pytest
from django.test import RequestFactory

from caching import pages
from tests.module_data import fresh, rolled_back_at_the_end
from tests.sitedata import build_caching_site


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker):
        yield build_caching_site()


@pytest.fixture
def site(shared_site, db):
    return fresh(shared_site)


def key_of(url: str) -> str:
    """The page cache's key for what the test client asks (same host and scheme)."""
    return pages.page_cache_key(RequestFactory().get(url))


def time_up(client, url: str, monkeypatch) -> tuple[bytes, float]:
    """Stores ``url`` and moves the clock to the moment its answer is no longer current; its body and that moment."""
    stored = client.get(url)
    assert stored["X-Cache"] == "miss"
    entry = pages._read_entry(key_of(url))
    moment = pages.fresh_until(entry)
    monkeypatch.setattr("caching.pages.clock", lambda: moment)
    return stored.content, moment


@pytest.mark.parametrize("name", ["offer", "/bildungsboerse/", "/"])
def test_while_one_request_renders_a_page_anew_the_others_get_the_old_one_without_a_query(
    client, site, name, monkeypatch, django_assert_num_queries
):
    url = site[name].url if name in site else name
    old_body, _moment = time_up(client, url, monkeypatch)
    assert pages.take_render_turn(key_of(url))  # another worker is rendering it at this moment
    with django_assert_num_queries(0):
        for _request in range(3):
            stale = client.get(url)
            assert stale["X-Cache"] == "stale" and stale.content == old_body
    pages.end_render_turn(key_of(url))
    renewed = client.get(url)  # the renderer's turn is over: the next request renders (and stores) it
    assert renewed["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_the_first_request_after_the_time_is_up_renders_and_frees_its_turn(client, site, monkeypatch):
    url = site["article"].url
    time_up(client, url, monkeypatch)
    assert client.get(url)["X-Cache"] == "miss"
    assert pages.take_render_turn(key_of(url))  # given back after rendering, not held until it expires


def test_the_old_answer_is_never_given_past_its_grace(client, site, settings, monkeypatch):
    url = site["offer"].url
    _old_body, moment = time_up(client, url, monkeypatch)
    assert pages.take_render_turn(key_of(url))  # a renderer that never finishes (its worker died)
    monkeypatch.setattr("caching.pages.clock", lambda: moment + settings.PORTAL_CACHE["STALE_SECONDS"])
    assert client.get(url)["X-Cache"] == "miss"


def test_a_publish_within_the_grace_shows_at_once(client, site, monkeypatch):
    offer = site["offer"]
    time_up(client, offer.url, monkeypatch)
    assert pages.take_render_turn(key_of(offer.url))
    offer.title = "Plattdeutsch für Fortgeschrittene"
    offer.save_revision().publish()  # a new content version: the old answer's key is out of reach
    published = client.get(offer.url)
    assert published["X-Cache"] == "miss" and "Plattdeutsch für Fortgeschrittene" in published.content.decode()


def test_without_grace_every_request_after_the_time_renders(client, site, settings, monkeypatch):
    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "STALE_SECONDS": 0}
    url = site["offer"].url
    time_up(client, url, monkeypatch)
    pages.take_render_turn(key_of(url))
    assert client.get(url)["X-Cache"] == "miss"

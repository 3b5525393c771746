"""The facets' term lists and the synonym table are read from the shared cache once per request
(core/request_memo.py), not some twenty-five times; a change is still seen at once in the process that made it
and from the next request on in the others."""

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from search.models import SearchSynonym
from search.params import TERMS_STAMP_KEY, known_slugs
from search.synonyms import CACHE_KEY as SYNONYMS_KEY
from search.synonyms import alternatives
from taxonomy.models import Ort

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys the shared cache was asked for, in order."""
    asked = []
    get = cache.get

    def counted(key, *args, **kwargs):
        asked.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted)
    return asked


@contextmanager
def handled_request():
    """As the handler does around a request: ``request_started`` before, ``request_finished`` after — without
    closing the test's database connection on them, as Django's test client does not either."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        request_started.send(sender=None)
        yield
        request_finished.send(sender=None)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def in_a_request():
    with handled_request():
        yield


def test_a_search_request_reads_the_terms_and_synonyms_once(client, portal, cache_reads):
    known_slugs("ort")  # the term lists in the cache, as after any earlier request
    alternatives("Handy")
    cache_reads.clear()
    response = client.get(
        "/api/v2/search/",
        {"q": "Handy Kurs in Finsterwalde", "zielgruppe": "senioren", "ort": ["finsterwalde", "herzberg-elster"]},
    )
    assert response.status_code == 200 and response.json()["facets"]["ort"]
    assert cache_reads.count(TERMS_STAMP_KEY) == 1  # was 24 for this search
    assert cache_reads.count(SYNONYMS_KEY) == 1


def test_each_request_reads_the_cache_anew(client, portal, cache_reads):
    for words in ("Kurs", "Handy"):  # two searches: neither answered from the API cache
        assert client.get("/api/v2/search/", {"q": words})["X-Cache"] == "miss"
    assert cache_reads.count(TERMS_STAMP_KEY) == 2


def test_outside_a_request_every_call_reads_the_cache(portal, cache_reads):
    known_slugs("ort")
    cache_reads.clear()
    known_slugs("ort"), known_slugs("zielgruppe")
    alternatives("Handy"), alternatives("Rente")
    assert cache_reads.count(TERMS_STAMP_KEY) == 2 and cache_reads.count(SYNONYMS_KEY) == 2


def test_a_term_saved_during_the_request_is_known_at_once(portal, in_a_request):
    assert "neustadt-test" not in known_slugs("ort")
    Ort.objects.create(name="Neustadt (Test)", slug="neustadt-test", latitude=51.5, longitude=13.5)
    assert known_slugs("ort")["neustadt-test"] == "Neustadt (Test)"


def test_a_synonym_saved_during_the_request_is_used_at_once(portal, in_a_request):
    assert alternatives("Tablett") == ["Tablett"]
    SearchSynonym.objects.create(words="Tablett, Tablet-Computer")
    assert alternatives("Tablett") == ["Tablett", "Tablet-Computer"]


def test_another_process_change_is_seen_from_the_next_request_on(portal):
    with handled_request():
        assert "neustadt-test" not in known_slugs("ort")
        # another worker saves a town: its signal empties the shared cache, not this process's request
        Ort.objects.bulk_create([Ort(name="Neustadt (Test)", slug="neustadt-test", latitude=51.5, longitude=13.5)])
        cache.delete(TERMS_STAMP_KEY)
        assert "neustadt-test" not in known_slugs("ort")  # this request keeps what it read
    with handled_request():
        assert "neustadt-test" in known_slugs("ort")

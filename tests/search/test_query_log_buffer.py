"""Every search still counts in the query log — rendered, from the page cache, from the API — but a hit makes no
query and a rendered search no INSERT of its own: the rows wait in the worker's memory and are written together in
one INSERT (search/query_log.py)."""

import pytest
from django.db import DatabaseError
from django.utils import timezone

from bedarf.report import build_report, month_start, next_month
from search import query_log
from search.models import SearchQueryLog
from tests.module_data import rolled_back_at_the_end
from tests.sitedata import build_caching_site

URL = "/suche/?q=Plattdeutsch&zielgruppe=senioren"  # one hit: a weak search in the demand report


@pytest.fixture(scope="module")
def shared_site(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker):
        yield build_caching_site()


@pytest.fixture
def buffered(shared_site, db, settings, monkeypatch):
    """Batches on, as in production; a clock of its own for the batch's age; nothing left over from another test."""
    settings.SEARCH_LOG_BUFFER_SECONDS, settings.SEARCH_LOG_BUFFER_ROWS = 10, 100
    now = {"value": 1000.0}
    monkeypatch.setattr(query_log.time, "monotonic", lambda: now["value"])
    query_log._pending.clear()
    monkeypatch.setattr(query_log, "_oldest_at", None)
    yield now
    query_log._pending.clear()


def logged() -> list[SearchQueryLog]:
    return list(SearchQueryLog.objects.filter(query="Plattdeutsch", source="html"))


def test_a_hit_makes_no_query_and_its_row_is_written_with_the_batch(client, buffered, django_assert_num_queries):
    assert client.get(URL)["X-Cache"] == "miss"  # rendered: its row waits too
    for _hit in range(3):
        with django_assert_num_queries(0):
            assert client.get(URL)["X-Cache"] == "hit"
    assert logged() == [] and query_log.pending() == 4
    buffered["value"] += 10  # the oldest has waited its time: the next hit writes all five in one INSERT
    with django_assert_num_queries(1):
        assert client.get(URL)["X-Cache"] == "hit"
    rows = logged()
    assert len(rows) == 5 and query_log.pending() == 0
    assert {(row.result_count, tuple(row.filters["zielgruppe"]), row.engine) for row in rows} == {
        (1, ("senioren",), rows[0].engine)
    }


def test_api_searches_are_counted_in_the_batch_too(client, buffered):
    for _request in range(2):
        assert client.get("/api/v2/search/?q=Plattdeutsch").status_code == 200
    assert query_log.pending() == 2 and query_log.flush() == 2
    assert [(row.source, row.result_count) for row in SearchQueryLog.objects.filter(query="Plattdeutsch")] == [
        ("api", 1),
        ("api", 1),
    ]


def test_the_demand_report_counts_every_search_answered_from_the_cache(client, buffered):
    for _request in range(4):
        client.get(URL)
    assert query_log.flush() == 4  # what a worker writes when it exits (atexit) or its batch is due
    this_month = month_start(timezone.localdate())
    report = build_report(this_month, next_month(this_month), threshold=5)
    senioren = [row for row in report.rows if (row.dimension, row.slug) == ("zielgruppe", "senioren")]
    assert [row.weak_searches for row in senioren] == [4]
    assert ("plattdeutsch", 4) in report.queries


def test_a_full_batch_is_written_before_its_time(client, buffered, settings):
    settings.SEARCH_LOG_BUFFER_ROWS = 2
    client.get(URL)
    assert query_log.pending() == 1 and logged() == []
    client.get(URL)
    assert query_log.pending() == 0 and len(logged()) == 2


def test_a_database_that_fails_while_writing_the_batch_costs_the_rows_not_the_page(client, buffered, monkeypatch):
    client.get(URL)
    client.get(URL)

    def failing(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(SearchQueryLog.objects, "bulk_create", failing)
    buffered["value"] += 10
    answer = client.get(URL)
    assert answer.status_code == 200 and answer["X-Cache"] == "hit"
    assert query_log.pending() == 0 and logged() == []


def test_without_batches_each_hit_is_written_at_once(client, buffered, settings, django_assert_num_queries):
    settings.SEARCH_LOG_BUFFER_SECONDS = 0
    client.get(URL)
    with django_assert_num_queries(1):
        client.get(URL)
    assert len(logged()) == 2 and query_log.pending() == 0

"""`make bench` (bench/benchmark_search.py): the warm-up's requests go to the engine uncached like the measured
ones but are reported on a line of their own and never counted in the measured figures."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client

from bench import benchmark_search
from bench.benchmark_search import Figures, warm_then_measure
from search.engines import get_engine
from search.engines.database import DatabaseEngine
from tests.search.conftest import TEST_INDEX, use_elasticsearch
from tests.search.data import build_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_calls(monkeypatch):
    """The searches that reached the database engine."""
    calls = []
    search = DatabaseEngine.search_or_any_word

    def counted(self, params, any_word=None):
        calls.append(params.q)
        return search(self, params, any_word)

    monkeypatch.setattr(DatabaseEngine, "search_or_any_word", counted)
    return calls


def test_the_warm_up_is_sent_uncached_and_not_counted_in_the_figures(portal, engine_calls):
    build_dataset()
    warm_up = [{"q": "Zzyzxq", "limit": "20"}] * 3 + [{"q": "Quaxelbrunft", "limit": "20"}] * 2  # find nothing
    measured = [{"q": "Smartphone", "limit": "20"}, {"q": "Senioren", "limit": "20"}, {"q": "Kurs", "limit": "20"}]
    warm, figures = warm_then_measure(Client(), "database", warm_up, measured)
    assert len(warm.latencies) == 5 and warm.totals == [0] * 5 and warm.cached == []
    assert len(figures.latencies) == 3 and len(figures.cached) == 3 and all(figures.totals)
    # every request of both reached the engine (its cache emptied first); the measured ones' second asking did not
    assert engine_calls == ["Zzyzxq"] * 3 + ["Quaxelbrunft"] * 2 + ["Smartphone", "Senioren", "Kurs"]


def rounds_with_medians(monkeypatch, medians):
    """``send_uncached`` answering each round with the next of ``medians`` as every request's time."""
    medians = iter(medians)

    def sent(client, queries, engine, cached_too=True):
        median = next(medians)
        return Figures(
            latencies=[median] * len(queries),
            took=[median / 2] * len(queries),
            trips=[1] * len(queries),
            totals=[1] * len(queries),
        )

    monkeypatch.setattr(benchmark_search, "send_uncached", sent)


QUERIES = [{"q": "Kurs"}] * 100


def test_the_warm_up_goes_on_while_the_engine_gets_faster(monkeypatch):
    rounds_with_medians(monkeypatch, [50.0, 40.0, 30.0, 35.0, 26.0, 27.0, 25.0, 10.0])
    warm = benchmark_search.warm_up(None, "elasticsearch", QUERIES, minimum=20, round_size=10)
    # 35 is no faster than the best before it (30), but 26 is; 27 and 25 are not (≥ 0.9 × 26): seven rounds
    assert warm.round_medians == [50.0, 40.0, 30.0, 35.0, 26.0, 27.0, 25.0]
    assert len(warm.latencies) == 70 and warm.latencies[-10:] == [25.0] * 10 and len(warm.took) == 70


def test_a_warm_engine_is_warmed_up_for_the_minimum_only(monkeypatch):
    rounds_with_medians(monkeypatch, [20.0, 21.0, 19.5, 19.0])
    assert len(benchmark_search.warm_up(None, "elasticsearch", QUERIES, minimum=30, round_size=10).latencies) == 30


def test_the_warm_up_ends_with_its_queries(monkeypatch):
    rounds_with_medians(monkeypatch, [100.0 * 0.8**i for i in range(10)])  # ever faster
    assert len(benchmark_search.warm_up(None, "elasticsearch", QUERIES, minimum=20, round_size=10).latencies) == 100
    assert benchmark_search.warm_up(None, "elasticsearch", QUERIES, minimum=0).latencies == []


def test_the_report_compares_the_views_p95_with_both_targets():
    figures = Figures(
        latencies=[10.0] * 94 + [24.0] * 6,
        took=[5.0] * 90 + [13.0] * 10,
        trips=[1] * 99 + [2],
        totals=[21] * 100,
        cached=[1.5] * 100,
    )
    report = figures.report("elasticsearch")
    assert "p95    24.0 ms" in report and "ES took p50 5 ms, p95 13 ms" in report
    assert "round trips to the node per request: 1: 99, 2: 1" in report
    assert "view p95 24.0 ms: ≤ 25 ms yes; ≤ 1.5 × took p95 + 5 ms = 24.5 ms yes" in report
    figures.latencies[-6:] = [26.0] * 6
    assert "view p95 26.0 ms: ≤ 25 ms NO; ≤ 1.5 × took p95 + 5 ms = 24.5 ms NO" in figures.report("elasticsearch")


@pytest.mark.elasticsearch
def test_make_bench_prints_the_warm_up_apart_from_the_measured_requests(portal, settings):
    use_elasticsearch(settings, index=f"{TEST_INDEX}_bench")
    out = io.StringIO()
    try:
        call_command(
            benchmark_search.Command(), documents=300, requests=12, warmup=24, engines="elasticsearch", stdout=out
        )
    finally:
        get_engine().drop()
    lines = out.getvalue().splitlines()
    warm_up = next(i for i, line in enumerate(lines) if "(warm-up)" in line)
    measured = next(i for i, line in enumerate(lines) if line.strip().startswith("elasticsearch"))
    assert warm_up < measured
    counted = re.search(
        r"\((\d+) requests before the measured ones, not counted: at least 24, then until the node "
        r"stops getting faster\)",
        lines[warm_up],
    )
    assert counted and int(counted[1]) in range(24, 2001, 24) and "ES took p50" in lines[warm_up]
    assert "(12 requests)" in lines[measured] and "round trips to the node per request:" in lines[measured + 1]
    assert re.fullmatch(r" +the warm-up's rounds of 24, median ms:( \d+)+", lines[warm_up + 1])
    assert "the same requests answered from the API cache" in lines[measured + 3]
    # the node's answers of the warm-up were forgotten before: its cache counted only the measured requests'
    cache_line = re.fullmatch(
        r" +the node's request cache, emptied after the warm-up: (\d+) hits, (\d+) misses in the "
        r"measured requests",
        lines[measured + 4],
    )
    assert cache_line and 0 < int(cache_line[1]) + int(cache_line[2]) <= 12 * 3

"""The load benchmark's measuring (`make loadbench`): wrk's report read right, queries counted, memory and heap
found. No figures are asserted: the benchmark prints them."""

import os
import shutil
import subprocess
import sys
import urllib.request

import pytest

from bench import loadbench
from tests.search.conftest import ES_URL

# Verbatim reports of wrk 4.1.0 (Debian), with --latency; wrk pads some durations with a trailing space.
WRK_REPORT = """\
Running 3s test @ http://127.0.0.1:55911/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   843.60ms  249.21ms   1.51s    68.09%
    Req/Sec    11.66      7.81    30.00     62.50%
  Latency Distribution
     50%  810.56ms
     75%  961.52ms
     90%    1.30s \n\
     99%    1.51s \n\
  47 requests in 3.06s, 584.79KB read
Requests/sec:     15.34
Transfer/sec:    190.90KB
"""
WRK_REPORT_WITH_ERRORS = """\
Running 1s test @ http://127.0.0.1:18766/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.02ms    4.00ms  29.73ms   72.73%
    Req/Sec   290.85     94.95   520.00     75.00%
  Latency Distribution
     50%    6.33ms
     75%    9.24ms
     90%   11.70ms
     99%   19.87ms
  581 requests in 1.01s, 67.44KB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 193
Requests/sec:    576.65
Transfer/sec:     66.94KB
"""


def test_wrk_report_is_read_into_numbers():
    result = loadbench.parse_wrk(WRK_REPORT)
    assert result.requests == 47
    assert result.seconds == pytest.approx(3.06)
    assert result.requests_per_second == pytest.approx(15.34)
    assert result.latency_ms == pytest.approx({50: 810.56, 75: 961.52, 90: 1300.0, 99: 1510.0})
    assert result.errors == 0


def test_error_responses_and_socket_errors_are_counted():
    result = loadbench.parse_wrk(WRK_REPORT_WITH_ERRORS)
    assert result.non_2xx_3xx == 193
    assert result.socket_errors == {"connect": 0, "read": 0, "write": 0, "timeout": 3}
    assert result.errors == 196
    assert result.latency_ms[50] == pytest.approx(6.33)


def test_report_without_latency_distribution_is_refused():
    without = "\n".join(line for line in WRK_REPORT.splitlines() if "%  " not in line)
    with pytest.raises(loadbench.WrkError):
        loadbench.parse_wrk(without)
    assert loadbench.to_ms("250.5us") == pytest.approx(0.2505)


def test_peak_memory_of_child_processes_is_followed():
    child = subprocess.Popen([sys.executable, "-c", "import time; data = bytearray(8 << 20); time.sleep(30)"])
    try:
        memory = loadbench.WorkerMemory(os.getpid(), interval_s=0.05)
        with memory:
            for _ in range(100):
                if memory.peaks.get(child.pid, 0) > 8 * 1024:
                    break
                memory.sample()
        assert child.pid in loadbench.child_pids(os.getpid())
        assert memory.peaks[child.pid] > 8 * 1024  # kB: the 8 MiB the child holds at least
        assert memory.max_kib >= memory.peaks[child.pid]
    finally:
        child.kill()
        child.wait()
    assert loadbench.peak_rss_kib(child.pid) is None


@pytest.mark.live
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # a live server flushes: restore the migrated data
def test_wrk_against_a_live_server_and_query_count(live_server, client):
    if not shutil.which("wrk"):
        pytest.fail("wrk is missing: `make test` installs it (apt-get install wrk).")
    urllib.request.urlopen(f"{live_server.url}/health/", timeout=30).close()  # first request: imports, connection
    result = loadbench.run_wrk(f"{live_server.url}/health/", seconds=2, connections=2, threads=1)
    assert result.requests > 0 and result.requests_per_second > 0  # it ran; how fast is the benchmark's business
    assert result.errors == 0
    assert set(result.latency_ms) == {50, 75, 90, 99}
    assert loadbench.count_queries(client, "/health/", cold=True) == (200, 1)  # SELECT 1


@pytest.mark.elasticsearch
def test_heap_and_indices_of_the_elasticsearch_node():
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`.")
    stats = loadbench.elasticsearch_stats(ES_URL, "no-such-prefix-")
    assert 0 < stats["heap_old_bytes"] <= stats["heap_used_bytes"] <= stats["heap_max_bytes"]
    assert stats["indices"] == []


def test_the_benchmarks_render_header_measures_rendering_and_the_plain_request_the_page_cache(client, portal, settings):
    from django.test import Client

    from bench.benchmark_load import RENDER_HEADER, RENDER_HEADERS

    settings.PORTAL_CACHE = {**settings.PORTAL_CACHE, "PAGE_BYPASS_HEADER": RENDER_HEADER}  # as loadbench.sh sets
    render = Client(headers=RENDER_HEADERS)
    status, cold = loadbench.count_queries(render, "/", cold=True)
    _, warm = loadbench.count_queries(render, "/", cold=False)
    assert status == 200 and cold >= warm > 0  # rendered both times: the page cache was skipped
    client.get("/")
    assert loadbench.count_queries(client, "/", cold=False) == (200, 0)  # from the page cache
    assert loadbench.ms(0.44) == "0.4 ms" and loadbench.ms(87.6) == "88 ms"


def test_the_loadbenchs_offer_page_with_its_registration_form_is_answered_from_the_page_cache(client, portal):
    """The offer the load benchmark picks (portal registration, fixed dates) is a page cache hit without a query:
    its registration box loads separately (issue 17), so the page sets no cookie."""
    import datetime

    from django.utils import timezone

    from bench.benchmark_load import scenarios
    from tests.factories import make_event, make_offer

    soon = timezone.now() + datetime.timedelta(days=4)
    make_offer(
        "Erste Hilfe am Kind",
        registration_mode="portal",
        capacity=12,
        dates=[(soon, soon + datetime.timedelta(hours=3))],
    )
    make_event("Erzählcafé")
    offer_page = next(scenario for scenario in scenarios() if scenario.name == "offer page")
    first = client.get(offer_page.path)
    assert first.status_code == 200 and "data-registration-box" in first.content.decode() and not first.cookies
    assert loadbench.count_queries(client, offer_page.path, cold=False) == (200, 0)
    assert client.get(offer_page.path)["X-Cache"] == "hit"

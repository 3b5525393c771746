"""Load benchmark: the site under gunicorn with the production settings, driven by wrk.

Run it through `make loadbench` (scripts/loadbench.sh), which prepares a database and an index of their own
with the large demo content and the collected static files, and sets the production environment. Per page
type: requests per second and latency percentiles under load twice — answered from the full-page cache
(caching/pages.py) and rendered, with a request header that only the benchmark's settings let skip the page
cache — and each cached figure as a share of a static file served by the same gunicorn (WhiteNoise: the
ceiling of the machine); the SQL queries of one request (rendered with an empty cache, rendered with warm
fragments, from the page cache); then the peak memory of a gunicorn worker and the Elasticsearch node's heap.
Fails if any request of a scenario did not answer 200, because then the figures would be meaningless.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.test import Client

from aktuelles.models import AktuellesIndexPage, ArticlePage
from anbieter.models import Anbieter
from bench import loadbench
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from kalender.models import EventPage, KalenderIndexPage
from portal.demo import DemoContent, load_demo_content
from search.indexing import engines, rebuild_index

REPO = Path(settings.BASE_DIR)
HOST = "127.0.0.1"
# The reverse proxy terminates TLS and says so (gunicorn.conf.py, cms/settings/production.py): without it
# every page but /health/ would answer with the redirect to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# Skips the full-page cache, so that the uncached figures measure rendering (fragments stay cached). Only
# honoured where PORTAL_CACHE["PAGE_BYPASS_HEADER"] names it: scripts/loadbench.sh sets CACHE_PAGE_BYPASS_HEADER.
RENDER_HEADER = "X-Loadbench-Render"
RENDER_HEADERS = {**PROXY_HEADERS, RENDER_HEADER: "1"}
STATIC_FILE = "css/portal.css"


@dataclass
class Scenario:
    name: str
    path: str
    page_cache: bool = True  # False: the API (its own answer cache) and the static file have no render run
    sql_cold: int = 0  # rendered, empty cache
    sql_warm: int = 0  # rendered, fragments (and the API's answers) cached
    sql_hit: int = 0  # from the page cache
    result: loadbench.WrkResult | None = None  # from the cache (the page cache; the API's own; a static file)
    uncached: loadbench.WrkResult | None = None  # rendered on every request

    def results(self) -> list[loadbench.WrkResult]:
        return [r for r in (self.result, self.uncached) if r is not None]


def scenarios() -> list[Scenario]:
    """The page types residents and other sites request most, with URLs taken from the loaded content."""
    offer = (
        OfferPage.objects.live()
        .public()
        .filter(registration_mode="portal")
        .exclude(dates=None)
        .order_by("path")
        .first()
        or OfferPage.objects.live().public().order_by("path").first()
    )
    if offer is None:
        raise CommandError("No offers: load the demo content first (make loadbench does).")
    # the month with the most events: the fullest calendar grid
    busiest = (
        EventPage.objects.live()
        .public()
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(events=Count("pk"))
        .order_by("-events", "month")
        .first()
    )
    calendar = KalenderIndexPage.objects.live().get()
    # a word of the offer's title and three active facets: that offer and its like are found (100+ at scale 4000)
    search = {
        "q": max(offer.title.split(), key=len),
        "typ": "angebot",
        "zielgruppe": offer.zielgruppen.first().slug,
        "lebenslage": offer.lebenslagen.first().slug,
    }
    event = EventPage.objects.live().public().upcoming().order_by("start", "path").first()
    article = ArticlePage.objects.live().public().order_by("-date", "path").first()
    provider = offer.anbieter or Anbieter.objects.active().order_by("name").first()
    return [
        Scenario("home", "/"),
        Scenario("offer index", BildungsboerseIndexPage.objects.live().get().get_url()),
        Scenario("offer page", offer.get_url()),
        Scenario("event index", calendar.get_url()),
        *([Scenario("event page", event.get_url())] if event else []),
        Scenario("calendar month", f"{calendar.get_url()}{busiest['month']:%Y/%m}/"),
        Scenario("article index", AktuellesIndexPage.objects.live().get().get_url()),
        *([Scenario("article", article.get_url())] if article else []),
        *([Scenario("provider page", provider.get_absolute_url())] if provider else []),
        Scenario("search with facets", f"/suche/?{urlencode(search)}"),
        Scenario("API listing", "/api/v2/pages/?type=bildungsboerse.OfferPage&fields=*", page_cache=False),
    ]


def ceiling() -> Scenario:
    """A static file from WhiteNoise in the same gunicorn: no Django view, the most this set-up answers."""
    return Scenario("static file, the ceiling", staticfiles_storage.url(STATIC_FILE), page_cache=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    """The status of one GET without following redirects (wrk would count a 301 as success)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(
            urllib.request.Request(url, headers=headers or PROXY_HEADERS), timeout=30
        ) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Gunicorn:
    """gunicorn with gunicorn.conf.py and this process's (production) environment, on a free loopback port."""

    def __init__(self, workers: int | None, log_dir: Path):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_dir = log_dir
        self.env = {**os.environ, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        if workers:
            self.env["WEB_CONCURRENCY"] = str(workers)

    def __enter__(self):
        self.stdout = open(self.log_dir / "access.log", "w")
        self.stderr = open(self.log_dir / "error.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=REPO,
            env=self.env,
            stdout=self.stdout,
            stderr=self.stderr,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn exited:\n{self.error_log()}")
            try:
                if status_of(f"{self.url}/health/") == 200 and len(loadbench.child_pids(self.process.pid)) >= 1:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise CommandError(f"gunicorn did not answer /health/ within 60 s:\n{self.error_log()}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.stdout.close()
        self.stderr.close()

    def error_log(self) -> str:
        return (self.log_dir / "error.log").read_text()[-3000:]


class Command(BaseCommand):
    help = "Load benchmark under gunicorn and wrk: requests/s, latency, SQL queries per page, memory (make loadbench)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=15, help="Measured duration per page type.")
        parser.add_argument("--warmup", type=int, default=5, help="Unmeasured load per page type before.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2, help="wrk's threads.")
        # as long as gunicorn lets a worker answer (gunicorn.conf.py): a slower request is an error anyway
        parser.add_argument(
            "--timeout",
            type=int,
            default=int(os.environ.get("GUNICORN_TIMEOUT", "30")),
            help="Seconds after which wrk counts a request as failed.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="gunicorn workers (default: gunicorn.conf.py's WEB_CONCURRENCY or 2 × CPUs + 1).",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            help="Load this much demo content first unless it is there (load_demo_content --scale).",
        )

    def handle(self, *args, seconds, warmup, connections, threads, timeout, workers, scale, **options):
        if HOST not in settings.ALLOWED_HOSTS:
            raise CommandError(f"ALLOWED_HOSTS must contain {HOST} (make loadbench sets the environment).")
        if settings.PORTAL_CACHE["PAGE_BYPASS_HEADER"] != RENDER_HEADER:
            raise CommandError(
                f"CACHE_PAGE_BYPASS_HEADER must be {RENDER_HEADER} (make loadbench sets it): "
                "without it the uncached figures would come from the cache."
            )
        if scale:
            self.ensure_content(scale)
        load_before = os.getloadavg()[0]
        plan = [ceiling(), *scenarios()]
        self.measure_queries(plan)
        with tempfile.TemporaryDirectory(prefix="loadbench-") as log_dir, Gunicorn(workers, Path(log_dir)) as server:
            for scenario in plan:
                status = status_of(server.url + scenario.path)
                if status != 200:
                    raise CommandError(f"{scenario.name}: {scenario.path} answers {status} under gunicorn, not 200.")
            worker_count = len(loadbench.child_pids(server.process.pid))
            load = (server, warmup, seconds, connections, threads, timeout)
            with loadbench.WorkerMemory(server.process.pid) as memory:
                for scenario in plan:
                    scenario.result = self.load(scenario.path, PROXY_HEADERS, *load)
                    line = f"  {scenario.name:<32} {scenario.result.requests_per_second:8.1f} requests/s"
                    if scenario.page_cache:
                        scenario.uncached = self.load(scenario.path, RENDER_HEADERS, *load)
                        line += f" cached, {scenario.uncached.requests_per_second:8.1f} rendered"
                    self.stdout.write(line)
            search = self.search_stats()
        self.report(plan, memory, worker_count, search, seconds, connections, threads, load_before)
        failed = [
            scenario for scenario in plan if any(result.errors or not result.requests for result in scenario.results())
        ]
        if failed:
            raise CommandError(
                "Errors under load, the figures are meaningless: "
                + "; ".join(
                    f"{s.name}: {r.requests} requests, {r.non_2xx_3xx} non-2xx/3xx, socket errors {r.socket_errors}"
                    for s in failed
                    for r in s.results()
                )
            )

    @staticmethod
    def load(path, headers, server, warmup, seconds, connections, threads, timeout) -> loadbench.WrkResult:
        url = server.url + path
        if warmup:
            warm = loadbench.run_wrk(url, warmup, connections, threads, headers, timeout)
            # let the requests still queued from the warm-up finish (the accept queue is FIFO)
            status_of(f"{server.url}/health/")
            time.sleep(min(warm.latency_ms[99] / 1000, 10))
        return loadbench.run_wrk(url, seconds, connections, threads, headers, timeout)

    def ensure_content(self, scale: int) -> None:
        """The demo content and its search index, loaded once: loading and indexing take minutes."""
        started = time.perf_counter()
        expected = DemoContent(scale).counts()
        have = {
            "offers": OfferPage.objects.live().count(),
            "events": EventPage.objects.live().count(),
            "articles": ArticlePage.objects.live().count(),
        }
        if any(have[kind] < count for kind, count in expected.items()):
            created = load_demo_content(scale)
            self.stdout.write(
                f"Demo content: {created['offers']} offers, {created['events']} events, "
                f"{created['articles']} articles created"
            )
        elif len({engine.count() for engine in engines()}) == 1:
            self.stdout.write(f"Demo content and search index of scale {scale} are there: reused")
            return
        for name, count in rebuild_index().items():
            self.stdout.write(f"Search ({name}): {count} documents indexed")
        self.stdout.write(f"in {time.perf_counter() - started:.0f} s")

    def measure_queries(self, plan: list[Scenario]) -> None:
        """SQL queries of one request per page type through the whole stack, in this process: rendered with an
        empty cache, rendered with warm fragments, and from the page cache."""
        render = Client(HTTP_HOST=HOST, headers=RENDER_HEADERS)
        for scenario in plan:
            status, scenario.sql_cold = loadbench.count_queries(render, scenario.path, cold=True)
            if status != 200:
                raise CommandError(f"{scenario.name}: {scenario.path} answers {status}, not 200.")
            _, scenario.sql_warm = loadbench.count_queries(render, scenario.path, cold=False)
            client = Client(HTTP_HOST=HOST, headers=PROXY_HEADERS)
            client.get(scenario.path)
            _, scenario.sql_hit = loadbench.count_queries(client, scenario.path, cold=False)
        search = next(scenario for scenario in plan if scenario.path.startswith("/suche/"))
        hits = render.get(search.path.replace("/suche/", "/api/v2/search/", 1)).json()["meta"]["total_count"]
        if not hits:
            raise CommandError(f"The search {search.path} finds nothing: its figures would not be those of a search.")
        search.name += f", {hits} hits"

    def search_stats(self) -> dict | None:
        if settings.PORTAL_SEARCH["ENGINE"] != "elasticsearch":
            return None
        return loadbench.elasticsearch_stats(
            settings.ELASTICSEARCH_URL, settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
        )

    def report(self, plan, memory, worker_count, search, seconds, connections, threads, load_before) -> None:
        counts = {model.__name__: model.objects.live().count() for model in (OfferPage, EventPage, ArticlePage)}
        write = self.stdout.write
        write(
            f"\nLoad benchmark: gunicorn ({worker_count} workers, gunicorn.conf.py, cms.settings.production), "
            f"wrk -t{threads} -c{connections} -d{seconds}s per page type, {loadbench.cpu_description()}, "
            f"load average {load_before:.1f} before the run"
        )
        write(
            f"Data: {counts['OfferPage']} offers, {counts['EventPage']} events, {counts['ArticlePage']} articles, "
            f"{Anbieter.objects.count()} providers; search engine: {settings.PORTAL_SEARCH['ENGINE']}\n"
        )
        static = plan[0].result.requests_per_second
        write(
            "| page | cached: requests/s | p50 | p99 | share of the static file | uncached: requests/s | p50 | p99 "
            "| non-2xx | SQL queries rendered cold / warm / cached |"
        )
        write("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in plan:
            r, u = s.result, s.uncached
            rendered = (
                f"{u.requests_per_second:.1f} | {u.latency_ms[50]:.0f} ms | {u.latency_ms[99]:.0f} ms"
                if u
                else "– | – | –"
            )
            write(
                f"| {s.name} (`{s.path}`) | {r.requests_per_second:.1f} | {loadbench.ms(r.latency_ms[50])} | "
                f"{loadbench.ms(r.latency_ms[99])} | {r.requests_per_second / static:.0%} | {rendered} | "
                f"{sum(x.errors for x in s.results())} | {s.sql_cold} / {s.sql_warm} / {s.sql_hit} |"
            )
        write(
            "\nUncached: rendered on every request (the page cache skipped with the benchmark's header "
            f"{RENDER_HEADER}; template fragments stay cached). The API listing comes from the API's own cache "
            "either way; the static file (WhiteNoise) is the ceiling."
        )
        write(
            f"\nPeak RSS of a gunicorn worker (VmHWM, pages shared with the master included): "
            f"{memory.max_kib / 1024:.0f} MiB ({len(memory.peaks)} worker processes seen, recycling included)"
        )
        if search:
            write(
                f"Elasticsearch heap in use after the load: {loadbench.mib(search['heap_used_bytes'])} "
                f"(old generation {loadbench.mib(search['heap_old_bytes'])}) of "
                f"{loadbench.mib(search['heap_max_bytes'])}; the node's indices with this prefix:"
            )
            for index, docs, size in search["indices"]:
                write(f"  index {index}: {docs} documents, {loadbench.mib(size)}")


if __name__ == "__main__":
    from bench import run

    run(Command, "benchmark_load")

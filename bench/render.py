"""Uncached render time of every anonymous page type: ``python -m bench render [--scale 200] [--runs 20]``.

Makes a SQLite database of its own (in memory, migrated like the test database; the configured one is not
touched), loads the demo content at ``--scale`` and indexes it, then renders each page type ``--runs`` times
through the whole Django stack (test client, all middleware) and prints median, p95 and SQL queries twice:

- **cold**: the whole cache emptied before each request (page cache, template fragments, content version,
  Wagtail's site root paths): the first request after a publish, an expiry or a restart;
- **fragments warm**: the page cache switched off (``PAGE_SECONDS`` 0), template fragments cached: what every
  request costs while the page cache cannot answer (a new query string, a signed-in editor).

The search page is measured on the database engine and, when ``ELASTICSEARCH_URL`` names a node, once more on
Elasticsearch (the production engine), as a row of its own: the same query, facets and documents, in an index of
the benchmark's own (``<prefix>render_bench_suche``, dropped at the end; Wagtail's own index is not written). Before
that row the node answers a few hundred other searches, uncounted (``warm_up_node``): a production node is warm.

The figures are wall-clock times of this process and, beside them, its CPU time (``time.process_time``): on a busy
machine the wall-clock figures include the waits for a core and swing by half between two runs; the CPU time is
what the request itself costs, steadier, and the figure to compare before and after a change there.
"""

import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.template.base import Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment

from aktuelles.models import AktuellesIndexPage, ArticlePage
from bildungsboerse.models import BildungsboerseIndexPage, OfferPage
from kalender.models import EventPage, KalenderIndexPage
from portal.demo import load_demo_content
from search.engines import get_engine
from search.indexing import rebuild_index

TARGET_MS = 50
PLAIN_TEMPLATE_RENDER = Template._render  # before setup_test_environment() instruments it


@dataclass
class Measurement:
    name: str
    path: str
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    cold_cpu_ms: list[float] = field(default_factory=list)
    warm_cpu_ms: list[float] = field(default_factory=list)
    cold_queries: int = 0
    warm_queries: int = 0
    settings: dict = field(default_factory=dict)  # overridden while this row is measured (the search engine)
    node_warm_up_seconds: float | None = None  # the Elasticsearch row: its node's warm-up (warm_up_node)


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def page_types() -> list[Measurement]:
    """The page types anonymous residents open, with addresses taken from the loaded content."""
    offer = (
        OfferPage.objects.visible()
        .current()
        .filter(registration_mode="portal")
        .exclude(dates=None)
        .order_by("path")
        .first()
        or OfferPage.objects.visible().order_by("path").first()
    )
    event = EventPage.objects.visible().upcoming().order_by("start", "path").first()
    article = ArticlePage.objects.visible().order_by("-date", "path").first()
    if not (offer and event and article and offer.anbieter):
        raise CommandError("The demo content lacks an offer, event, article or provider: use a larger --scale.")
    calendar = KalenderIndexPage.objects.live().get()
    busiest = (
        EventPage.objects.visible()
        .annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(events=Count("pk"))
        .order_by("-events", "month")
        .first()
    )
    search = {
        "q": max(offer.title.split(), key=len),
        "typ": "angebot",
        "zielgruppe": offer.zielgruppen.first().slug,
        "lebenslage": offer.lebenslagen.first().slug,
    }
    return [
        Measurement("home", "/"),
        Measurement("offer index", BildungsboerseIndexPage.objects.live().get().url),
        Measurement("offer page", offer.url),
        Measurement("event index", calendar.url),
        Measurement("event page", event.url),
        Measurement("calendar month", f"{calendar.url}{busiest['month']:%Y/%m}/"),
        Measurement("article index", AktuellesIndexPage.objects.live().get().url),
        Measurement("article", article.url),
        Measurement("provider page", offer.anbieter.get_absolute_url()),
        *search_rows(f"/suche/?{urlencode(search)}"),
    ]


def search_rows(path: str) -> list[Measurement]:
    """The search page on the database engine and, when a node is configured, on Elasticsearch: a row each."""
    engines = [("database engine", "database")] + (
        [("Elasticsearch", "elasticsearch")] if elasticsearch_configured() else []
    )
    return [
        Measurement(
            f"search with facets ({label})",
            path,
            settings={"PORTAL_SEARCH": {**settings.PORTAL_SEARCH, "ENGINE": engine}},
        )
        for label, engine in engines
    ]


def elasticsearch_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def bench_search_settings() -> dict:
    """The settings the whole run uses: the residents' search in an index of the benchmark's own, on the database
    engine while the content loads (pages indexed one by one would wait for a refresh each); Wagtail's own search
    (the admin's) on the database, so that the run writes nothing into the configured indexes."""
    prefix = settings.PORTAL_SEARCH["INDEX"].removesuffix("suche")
    return {
        "PORTAL_SEARCH": {**settings.PORTAL_SEARCH, "ENGINE": "database", "INDEX": f"{prefix}render_bench_suche"},
        "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database"}},
    }


# Words residents search for, with the measured path's facets: other searches than the measured one
WARM_UP_WORDS = (
    "Kurs",
    "Yoga",
    "Computer",
    "Musik",
    "Tanz",
    "Kinder",
    "Sprache",
    "Garten",
    "Chor",
    "Wandern",
    "Erste Hilfe",
    "Smartphone",
    "Englisch",
    "Malen",
    "Schwimmen",
    "Beratung",
    "Theater",
    "Lesung",
)
NODE_WARM_UP_SEARCHES = 400


def warm_up_node(client: Client, path: str, searches: int = NODE_WARM_UP_SEARCHES) -> float:
    """Send the node searches before its row is measured, uncounted; returns the seconds they took.

    A production node has answered thousands of searches since its start, and the code paths of a search are
    compiled by its JVM; a node the benchmark meets right after its start has not (issue 13's search benchmark
    saw its p95 fall by half over the first 2,000 searches). The page cache and fragments are emptied before
    each, so that every one reaches the node; the measured search's own words are not among them."""
    base, _sep, query = path.partition("?")
    facets = [(key, value) for key, value in parse_qsl(query) if key != "q"]
    started = time.perf_counter()
    for n in range(searches):
        cache.clear()
        words = f"{WARM_UP_WORDS[n % len(WARM_UP_WORDS)]} {n}" if n % 3 == 0 else WARM_UP_WORDS[n % len(WARM_UP_WORDS)]
        client.get(f"{base}?{urlencode([('q', words), *facets[: n % (len(facets) + 1)]])}")
    return time.perf_counter() - started


def timed_get(client: Client, path: str) -> tuple[float, float, int]:
    """Milliseconds (wall clock, CPU) and SQL queries of one GET; fails on anything but 200."""
    connection.queries_log.clear()  # it keeps 9,000 queries: a full log would miscount
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}, not 200: its figures would be meaningless.")
    return elapsed, cpu, len(queries)


class Command(BaseCommand):
    help = "Uncached render time (median, p95) and SQL queries of every anonymous page type, on SQLite."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=200, help="Demo content items (load_demo_content --scale).")
        parser.add_argument("--runs", type=int, default=20, help="Measured requests per page type and mode.")
        parser.add_argument(
            "--profile",
            default="",
            help="Also print cProfile's top functions of one cold and one "
            "warm request of this page type (e.g. 'search with facets (database engine)').",
        )

    def handle(self, *args, scale, runs, profile, **options):
        if connection.vendor != "sqlite":
            raise CommandError("This benchmark measures on SQLite: run it without DATABASE_URL (or with sqlite://).")
        # the test client's host and the in-memory mail outbox, with DEBUG off as in production (the development
        # settings switch it on) and without the test runner's template instrumentation (a signal and a copy of
        # the context for every template and include rendered): what a request in production pays
        setup_test_environment(debug=False)
        Template._render = PLAIN_TEMPLATE_RENDER
        started = time.perf_counter()
        test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        run_settings = override_settings(**bench_search_settings())
        run_settings.enable()
        try:
            created = load_demo_content(scale)
            if elasticsearch_configured():  # both engines' documents, Elasticsearch's in one bulk request
                with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "ENGINE": "elasticsearch"}):
                    rebuild_index()
            else:
                rebuild_index()
            self.stdout.write(
                f"Demo content at scale {scale}: {created['offers']} offers, {created['events']} "
                f"events, {created['articles']} articles (set up in {time.perf_counter() - started:.0f} s)"
            )
            measurements = page_types()
            self.measure(measurements, runs)
            self.report(measurements, runs)
            for item in measurements:
                if item.name in profile.split(","):
                    self.profile(item)
        finally:
            if elasticsearch_configured():
                get_engine("elasticsearch").drop()
            run_settings.disable()
            connection.creation.destroy_test_db(test_db, verbosity=0)

    @staticmethod
    def measure(measurements: list[Measurement], runs: int) -> None:
        client = Client()
        with override_settings(PORTAL_CACHE={**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}):
            for item in measurements:
                with override_settings(**item.settings):
                    Command.measure_one(item, client, runs)

    @staticmethod
    def measure_one(item: Measurement, client: Client, runs: int) -> None:
        if item.settings.get("PORTAL_SEARCH", {}).get("ENGINE") == "elasticsearch":
            item.node_warm_up_seconds = warm_up_node(client, item.path)
        for _warm_up in range(2):  # imports, compiled templates: not what a running site pays
            cache.clear()
            timed_get(client, item.path)
        for _run in range(runs):
            cache.clear()
            elapsed, cpu, item.cold_queries = timed_get(client, item.path)
            item.cold_ms.append(elapsed)
            item.cold_cpu_ms.append(cpu)
        timed_get(client, item.path)  # the fragments
        for _run in range(runs):
            elapsed, cpu, item.warm_queries = timed_get(client, item.path)
            item.warm_ms.append(elapsed)
            item.warm_cpu_ms.append(cpu)

    def report(self, measurements: list[Measurement], runs: int) -> None:
        self.stdout.write(
            f"\n{runs} requests per page type and mode, rendered through the whole stack on SQLite "
            f"(target: under {TARGET_MS} ms):\n"
        )
        self.stdout.write(
            "| page | cold: median | p95 | CPU median | queries | fragments warm: median | p95 | CPU median | queries |"
        )
        self.stdout.write("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for item in measurements:
            over = " (over target)" if median(item.cold_ms) > TARGET_MS else ""
            self.stdout.write(
                f"| {item.name} (`{item.path}`) | {median(item.cold_ms):.1f} ms{over} | {p95(item.cold_ms):.1f} ms | "
                f"{median(item.cold_cpu_ms):.1f} ms | {item.cold_queries} | {median(item.warm_ms):.1f} ms | "
                f"{p95(item.warm_ms):.1f} ms | {median(item.warm_cpu_ms):.1f} ms | {item.warm_queries} |"
            )
        for item in measurements:
            if item.node_warm_up_seconds is not None:
                self.stdout.write(
                    f"\n{item.name}: before it was measured, the node answered {NODE_WARM_UP_SEARCHES} "
                    f"other searches (uncounted, {item.node_warm_up_seconds:.0f} s), as a running node "
                    "has; the row's wall clock less its CPU time is the node's and the wire's share."
                )

    def profile(self, item: Measurement) -> None:
        import cProfile
        import io
        import pstats

        client = Client()
        with override_settings(PORTAL_CACHE={**settings.PORTAL_CACHE, "PAGE_SECONDS": 0}, **item.settings):
            for label, clear in (("cold", True), ("fragments warm", False)):
                if clear:
                    cache.clear()
                profiler = cProfile.Profile()
                profiler.enable()
                client.get(item.path)
                profiler.disable()
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
                self.stdout.write(f"\n--- {item.name}, {label} ---\n{out.getvalue()}")

"""Benchmark of the search API at scale: p50/p95 latency per engine and Elasticsearch's own `took`.

Loads N synthetic offers and events (real taxonomies, providers and municipalities of the district)
straight into the search engines, then sends the same API requests with three active facets to
each engine. Run it through `make bench`, which uses a database and index of their own.
"""

import datetime
import random
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.test import Client, override_settings
from django.utils import timezone

from anbieter.models import Anbieter
from caching.content import bump_content_version
from portal.demo_data import EVENTS, OFFERS
from portal.setup import set_up_portal
from search.engines import get_engine
from search.engines.database import DatabaseEngine
from taxonomy.models import Lebenslage, Ort, Zielgruppe


def synthetic_documents(count: int, seed: int = 3):
    """Offers and events (60:40) spread over the district, the taxonomies and the next year."""
    rng = random.Random(seed)
    orte = list(Ort.objects.values_list("slug", "name", "latitude", "longitude"))
    providers = list(Anbieter.objects.values_list("slug", "name")) or [("servicebuero", "Servicebüro 3L")]
    today = timezone.localdate()
    for i in range(count):
        is_event = i % 5 >= 3
        title, bereich, lagen, gruppen, *rest = (EVENTS if is_event else OFFERS)[
            i % (len(EVENTS) if is_event else len(OFFERS))
        ]
        free, barrieren, teaser = (rest[0], rest[1], rest[2]) if is_event else (rest[1], rest[2], rest[3])
        ort = orte[rng.randrange(len(orte))]
        provider = providers[rng.randrange(len(providers))]
        start = today + datetime.timedelta(days=rng.randrange(0, 365))
        end = start + datetime.timedelta(days=0 if is_event else rng.choice([0, 14, 56]))
        yield {
            "page_id": 10_000_000 + i,
            "typ": "veranstaltung" if is_event else "angebot",
            "title": f"{title} ({ort[1]})",
            "teaser": teaser,
            "body": f"{teaser} Bitte melden Sie sich beim Anbieter.",
            "url": f"/bench/{i}/",
            "anbieter": provider[0],
            "anbieter_name": provider[1],
            "bereich": bereich,
            "lebenslage": sorted(lagen),
            "zielgruppe": sorted(gruppen),
            "barrierefrei": sorted(barrieren),
            "ort": ort[0],
            "ort_name": ort[1],
            "kostenlos": bool(free),
            "format": "praesenz",
            "date_from": start,
            "date_to": end,
            "sort_at": timezone.make_aware(datetime.datetime.combine(start, datetime.time(10 + i % 8))),
            "location": (float(ort[2]), float(ort[3])),
        }


# What residents type, with the relevance features of the search at work: synonyms ("Handy"), compounds
# ("Computerkurs", "Seniorentreff"), typos ("Smartfone", "Kreuter"), stop words, course words and town names.
QUERIES = (
    "Kurs",
    "Handy",
    "Senioren",
    "Computerkurs",
    "Tanzen für Senioren",
    "Smartfone",
    "Kreuter Garten",
    "Seniorentreff",
    "Beratung",
    "Wo kann ich Deutsch lernen?",
    "Lesung",
    "Erste Hilfe Kurs",
)


# Requests before the measured ones. A node just started or just loaded answers the same searches two to three
# times slower at first (its JIT compiles Lucene's hot loops, its caches fill): the quiet runs of 200 requests each in
# docs/performance.md measured the view's p95 at 67, 37, 32, 29 ms, then 22–27 ms once warm; after a restart the
# warm-up's rounds still got faster up to some 2,000 requests.
# At least this many, then on in rounds until the node stops getting faster (``warm_up``), at most WARMUP_MAX.
WARMUP_REQUESTS, WARMUP_ROUND, WARMUP_MAX = 2000, 100, 4000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def facet_queries(count: int, seed: int) -> list[dict]:
    """``count`` API queries: the resident queries in turn, each with a random Zielgruppe, Lebenslage and two Orte."""
    zielgruppen = list(Zielgruppe.objects.values_list("slug", flat=True))
    lebenslagen = list(Lebenslage.objects.values_list("slug", flat=True))
    orte = list(Ort.objects.values_list("slug", flat=True))
    rng = random.Random(seed)
    return [
        {
            "q": QUERIES[i % len(QUERIES)],
            "zielgruppe": rng.choice(zielgruppen),
            "lebenslage": rng.choice(lebenslagen),
            "ort": rng.sample(orte, 2),
            "limit": "20",
        }
        for i in range(count)
    ]


@dataclass
class Figures:
    """What ``send_uncached`` measured: per request the view's wall clock, the node's ``took`` (Server-Timing
    ``es``, summed over its round trips), the round trips, the total, and the same request answered from the cache."""

    latencies: list[float] = field(default_factory=list)
    took: list[float] = field(default_factory=list)
    trips: list[int] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)
    cached: list[float] = field(default_factory=list)
    round_medians: list[float] = field(default_factory=list)  # of the warm-up's rounds (``warm_up``)

    def took_line(self) -> str:
        if not self.took:
            return ""
        return f"   ES took p50 {statistics.median(self.took):.0f} ms, p95 {percentile(self.took, 95):.0f} ms"

    def report(self, name: str) -> str:
        line = (
            f"  {name:<14} p50 {statistics.median(self.latencies):7.1f} ms   p95 {percentile(self.latencies, 95):7.1f} ms"
            f"   mean hits {statistics.mean(self.totals):8.0f}   ({len(self.latencies)} requests)"
        ) + self.took_line()
        if self.took:
            took_p95, view_p95 = percentile(self.took, 95), percentile(self.latencies, 95)
            line += f"\n  {'':<14} round trips to the node per request: " + ", ".join(
                f"{n}: {self.trips.count(n)}" for n in sorted(set(self.trips))
            )
            line += (
                f"\n  {'':<14} view p95 {view_p95:.1f} ms: ≤ 25 ms {'yes' if view_p95 <= 25 else 'NO'}; "
                f"≤ 1.5 × took p95 + 5 ms = {1.5 * took_p95 + 5:.1f} ms "
                f"{'yes' if view_p95 <= 1.5 * took_p95 + 5 else 'NO'}"
            )
        if self.cached:
            line += (
                f"\n  {'  (cached)':<14} p50 {statistics.median(self.cached):7.1f} ms   "
                f"p95 {percentile(self.cached, 95):7.1f} ms   the same requests answered from the API cache"
            )
        return line


def send_uncached(client: Client, queries: list[dict], engine: str, cached_too: bool = True) -> Figures:
    """Each query to /api/v2/search/ with the API cache emptied first (a new content version: no answer of this
    engine nor of the other), checked to be a miss; then, with ``cached_too``, the same again from the cache."""
    figures = Figures()
    for query in queries:
        bump_content_version()
        started = time.perf_counter()
        response = client.get("/api/v2/search/", query)
        figures.latencies.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and response["X-Cache"] == "miss", response.content
        figures.totals.append(response.json()["meta"]["total_count"])
        if engine == "elasticsearch":  # the node's own time for this very request (Server-Timing)
            figures.took.append(float(re.search(r"es;dur=([0-9.]+)", response["Server-Timing"]).group(1)))
            figures.trips.append(int(re.search(r'es-round-trips;desc="([0-9]+)"', response["Server-Timing"]).group(1)))
        if cached_too:
            started = time.perf_counter()
            assert client.get("/api/v2/search/", query)["X-Cache"] == "hit"
            figures.cached.append((time.perf_counter() - started) * 1000)
    return figures


def warm_up(client: Client, engine: str, queries: list[dict], minimum: int, round_size: int = WARMUP_ROUND) -> Figures:
    """Uncached requests in rounds of ``round_size``: at least ``minimum``, then until two rounds' medians in a
    row are no faster than 0.9 × the best round's before them (the node has stopped getting faster), at most all
    ``queries``."""
    figures = Figures()
    medians = figures.round_medians
    round_size = min(round_size, minimum) or round_size  # a short warm-up (tests): rounds of its size
    for start in range(0, len(queries) if minimum else 0, round_size):
        done = send_uncached(client, queries[start : start + round_size], engine, cached_too=False)
        for name in ("latencies", "took", "trips", "totals"):
            getattr(figures, name).extend(getattr(done, name))
        medians.append(statistics.median(done.latencies))
        # steady: two rounds in a row no faster than 0.9 × the best round before them (one alone may be noise)
        if len(figures.latencies) >= minimum and len(medians) > 2 and min(medians[-2:]) >= 0.9 * min(medians[:-2]):
            break
    return figures


def warm_then_measure(
    client: Client,
    engine: str,
    warmup: list[dict],
    measured: list[dict],
    *,
    minimum: int | None = None,
    between: Callable[[], None] | None = None,
) -> tuple[Figures, Figures]:
    """The warm-up requests (uncached, as production's searches after a start: the node's JIT and caches, the
    worker's connections and memories; ``warm_up``, by default all of ``warmup``), ``between()``, then the measured
    ones; each with figures of its own."""
    warm = warm_up(client, engine, warmup, len(warmup) if minimum is None else minimum)
    if between is not None:
        between()
    return warm, send_uncached(client, measured, engine)


def request_cache_counts(engine) -> tuple[int, int]:
    """Hits and misses of the node's shard request cache for the engine's index (answers of ``size: 0`` searches:
    the facet counts and the spellings)."""
    stats = engine.client.indices.stats(index=engine.alias, metric="request_cache")["_all"]["total"]["request_cache"]
    return stats["hit_count"], stats["miss_count"]


def empty_request_cache(engine) -> None:
    """The node forgets its cached answers: the measured requests find none of an earlier run's (the same
    requests each run) — only what they put there themselves, as a search residents repeat would."""
    engine.client.indices.clear_cache(index=engine.alias, request=True)


class Command(BaseCommand):
    help = "Benchmark the search API with three active facets on the database and on Elasticsearch."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument("--skip-load", action="store_true", help="Reuse the documents of the last run.")
        parser.add_argument(
            "--warmup",
            type=int,
            default=WARMUP_REQUESTS,
            help="At least this many uncached requests before the measured ones, then more until the "
            f"node stops getting faster (at most {WARMUP_MAX}); reported on their own line.",
        )
        parser.add_argument(
            "--database-requests",
            type=int,
            default=None,
            help="Fewer requests for the (slow) database engine; default: as many.",
        )
        parser.add_argument(
            "--engines",
            default="database,elasticsearch",
            help="Which engines to load and measure (a busy machine: elasticsearch alone).",
        )

    def handle(
        self,
        *args,
        documents,
        requests,
        skip_load,
        warmup=WARMUP_REQUESTS,
        database_requests=None,
        engines="database,elasticsearch",
        **options,
    ):
        from django.conf import settings

        if settings.PORTAL_SEARCH["ENGINE"] != "elasticsearch":
            raise CommandError("Set ELASTICSEARCH_URL: the benchmark compares both engines (use `make bench`).")
        set_up_portal()
        chosen = engines.split(",")
        engines = {
            name: engine
            for name, engine in (("database", DatabaseEngine()), ("elasticsearch", get_engine("elasticsearch")))
            if name in chosen
        }
        loaders = {**engines}
        if "elasticsearch" in engines:  # bulk requests of 1,000 documents may take long on a busy node
            with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "TIMEOUT": 300}):
                loaders["elasticsearch"] = get_engine("elasticsearch")
        if not skip_load:
            for name, engine in loaders.items():
                started = time.perf_counter()
                loaded = engine.rebuild(synthetic_documents(documents))
                self.stdout.write(f"loaded {loaded} documents into {name} in {time.perf_counter() - started:.0f} s")
        measured_queries = facet_queries(requests, seed=7)
        # other facet values than the measured requests: the node's request cache holds none of their counts
        warmup_queries = facet_queries(max(warmup, WARMUP_MAX), seed=11)
        client = Client()
        self.stdout.write(
            f"\n{requests} API requests GET /api/v2/search/ with a search term ({len(QUERIES)} resident "
            f"queries: synonyms, compounds, typos, ranking) and three active facets "
            f"(zielgruppe, lebenslage, 2× ort), {documents} documents, every request uncached; "
            f"before them a warm-up of uncached requests (the same words, other facet values), "
            f"reported on its own line and not counted in the figures:"
        )
        totals_by_engine = {}
        for name in engines:
            measured, warmup_set = measured_queries, warmup_queries
            if name == "database":  # no JIT to warm; the slow engine: as many warm-up requests as before (10)
                measured, warmup_set = measured_queries[: database_requests or requests], warmup_queries[:10]
            node = engines[name] if name == "elasticsearch" else None
            cache_before = []

            def between(node=node, cache_before=cache_before):
                empty_request_cache(node)
                cache_before.extend(request_cache_counts(node))

            with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "ENGINE": name}):
                warm, figures = warm_then_measure(
                    client, name, warmup_set, measured, between=node and between, minimum=warmup if node else None
                )
            if warm.latencies:
                self.stdout.write(
                    f"  {'  (warm-up)':<14} p50 {statistics.median(warm.latencies):7.1f} ms   "
                    f"p95 {percentile(warm.latencies, 95):7.1f} ms   ({len(warm.latencies)} requests "
                    f"before the measured ones, not counted"
                    + (f": at least {warmup}, then until the node stops getting faster)" if node else ")")
                    + warm.took_line()
                )
                if node is not None:
                    self.stdout.write(
                        f"  {'':<14} the warm-up's rounds of {min(WARMUP_ROUND, warmup)}, median ms: "
                        + " ".join(f"{m:.0f}" for m in warm.round_medians)
                    )
            self.stdout.write(figures.report(name))
            if node is not None:
                hits, misses = (
                    after - before for after, before in zip(request_cache_counts(node), cache_before, strict=True)
                )
                self.stdout.write(
                    f"  {'':<14} the node's request cache, emptied after the warm-up: {hits} hits, "
                    f"{misses} misses in the measured requests"
                )
            totals_by_engine[name] = figures.totals
        if len(totals_by_engine) == 2:
            compared = len(totals_by_engine["database"])
            same = totals_by_engine["database"] == totals_by_engine["elasticsearch"][:compared]
            self.stdout.write(f"  same total for every request on both engines: {'yes' if same else 'NO'}")


def as_querydict(query: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in query.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


if __name__ == "__main__":
    from bench import run

    run(Command, "benchmark_search")

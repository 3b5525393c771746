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
        title, bereich, lagen, gruppen, *rest = (EVENTS if is_event else OFFERS)[i % (len(EVENTS) if is_event else len(OFFERS))]
        free, barrieren, teaser = (rest[0], rest[1], rest[2]) if is_event else (rest[1], rest[2], rest[3])
        ort = orte[rng.randrange(len(orte))]
        provider = providers[rng.randrange(len(providers))]
        start = today + datetime.timedelta(days=rng.randrange(0, 365))
        end = start + datetime.timedelta(days=0 if is_event else rng.choice([0, 14, 56]))
        yield {
            "page_id": 10_000_000 + i, "typ": "veranstaltung" if is_event else "angebot",
            "title": f"{title} ({ort[1]})", "teaser": teaser, "body": f"{teaser} Bitte melden Sie sich beim Anbieter.",
            "url": f"/bench/{i}/", "anbieter": provider[0], "anbieter_name": provider[1], "bereich": bereich,
            "lebenslage": sorted(lagen), "zielgruppe": sorted(gruppen), "barrierefrei": sorted(barrieren),
            "ort": ort[0], "ort_name": ort[1], "kostenlos": bool(free), "format": "praesenz",
            "date_from": start, "date_to": end,
            "sort_at": timezone.make_aware(datetime.datetime.combine(start, datetime.time(10 + i % 8))),
            "location": (float(ort[2]), float(ort[3])),
        }


# What residents type, with the relevance features of the search at work: synonyms ("Handy"), compounds
# ("Computerkurs", "Seniorentreff"), typos ("Smartfone", "Kreuter"), stop words, course words and town names.
QUERIES = ("Kurs", "Handy", "Senioren", "Computerkurs", "Tanzen für Senioren", "Smartfone", "Kreuter Garten",
           "Seniorentreff", "Beratung", "Wo kann ich Deutsch lernen?", "Lesung", "Erste Hilfe Kurs")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Benchmark the search API with three active facets on the database and on Elasticsearch."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument("--skip-load", action="store_true", help="Reuse the documents of the last run.")
        parser.add_argument("--database-requests", type=int, default=None,
                            help="Fewer requests for the (slow) database engine; default: as many.")
        parser.add_argument("--engines", default="database,elasticsearch",
                            help="Which engines to load and measure (a busy machine: elasticsearch alone).")

    def handle(self, *args, documents, requests, skip_load, database_requests=None, engines="database,elasticsearch",
               **options):
        from django.conf import settings

        if settings.PORTAL_SEARCH["ENGINE"] != "elasticsearch":
            raise CommandError("Set ELASTICSEARCH_URL: the benchmark compares both engines (use `make bench`).")
        set_up_portal()
        chosen = engines.split(",")
        engines = {name: engine for name, engine in (("database", DatabaseEngine()),
                                                     ("elasticsearch", get_engine("elasticsearch"))) if name in chosen}
        loaders = {**engines}
        if "elasticsearch" in engines:  # bulk requests of 1,000 documents may take long on a busy node
            with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "TIMEOUT": 300}):
                loaders["elasticsearch"] = get_engine("elasticsearch")
        if not skip_load:
            for name, engine in loaders.items():
                started = time.perf_counter()
                loaded = engine.rebuild(synthetic_documents(documents))
                self.stdout.write(f"loaded {loaded} documents into {name} in {time.perf_counter() - started:.0f} s")
        zielgruppen = list(Zielgruppe.objects.values_list("slug", flat=True))
        lebenslagen = list(Lebenslage.objects.values_list("slug", flat=True))
        orte = list(Ort.objects.values_list("slug", flat=True))
        rng = random.Random(7)
        queries = [
            {"q": QUERIES[i % len(QUERIES)], "zielgruppe": rng.choice(zielgruppen), "lebenslage": rng.choice(lebenslagen),
             "ort": rng.sample(orte, 2), "limit": "20"}
            for i in range(requests)
        ]
        client = Client()
        self.stdout.write(f"\n{requests} API requests GET /api/v2/search/ with a search term ({len(QUERIES)} resident "
                          f"queries: synonyms, compounds, typos, ranking) and three active facets "
                          f"(zielgruppe, lebenslage, 2× ort), {documents} documents, every request uncached:")
        totals_by_engine = {}
        for name in engines:
            measured = queries[:database_requests] if name == "database" and database_requests else queries
            with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "ENGINE": name}):
                for query in queries[:10]:  # warm-up: caches, connections, JIT of the node
                    client.get("/api/v2/search/", query)
                latencies, took, totals, cached, trips = [], [], [], [], []
                for query in measured:
                    bump_content_version()  # a new content version: the API cache has no answer (nor the other engine's)
                    started = time.perf_counter()
                    response = client.get("/api/v2/search/", query)
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200 and response["X-Cache"] == "miss", response.content
                    totals.append(response.json()["meta"]["total_count"])
                    if name == "elasticsearch":  # the node's own time for this very request (Server-Timing)
                        took.append(float(re.search(r"es;dur=([0-9.]+)", response["Server-Timing"]).group(1)))
                        trips.append(int(re.search(r'es-round-trips;desc="([0-9]+)"', response["Server-Timing"]).group(1)))
                    started = time.perf_counter()  # the same request again, answered from the cache
                    assert client.get("/api/v2/search/", query)["X-Cache"] == "hit"
                    cached.append((time.perf_counter() - started) * 1000)
                line = (f"  {name:<14} p50 {statistics.median(latencies):7.1f} ms   p95 {percentile(latencies, 95):7.1f} ms"
                        f"   mean hits {statistics.mean(totals):8.0f}   ({len(measured)} requests)")
                if took:
                    took_p95 = percentile(took, 95)
                    line += f"   ES took p50 {statistics.median(took):.0f} ms, p95 {took_p95:.0f} ms"
                    line += (f"\n  {'':<14} round trips to the node per request: "
                             + ", ".join(f"{n}: {trips.count(n)}" for n in sorted(set(trips))))
                    view_p95 = percentile(latencies, 95)
                    line += (f"\n  {'':<14} view p95 {view_p95:.1f} ms: ≤ 25 ms {'yes' if view_p95 <= 25 else 'NO'}; "
                             f"≤ 1.5 × took p95 + 5 ms = {1.5 * took_p95 + 5:.1f} ms "
                             f"{'yes' if view_p95 <= 1.5 * took_p95 + 5 else 'NO'}")
                self.stdout.write(line)
                self.stdout.write(f"  {'  (cached)':<14} p50 {statistics.median(cached):7.1f} ms   "
                                  f"p95 {percentile(cached, 95):7.1f} ms   the same requests answered from the API cache")
                totals_by_engine[name] = totals
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

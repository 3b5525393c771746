"""Benchmark of the exchange-format import: a generated, valid file of N lines imported into a fresh portal.

    .venv/bin/python -m bench import --lines 10000 [--progress 1000] [--tracemalloc] [--keep FILE]

Without DATABASE_URL ``bench/__main__.py`` gives it a fresh SQLite file in a temporary directory (removed
afterwards); with DATABASE_URL it migrates that database and imports into it, which must be a fresh one
(e.g. ``createdb cms_bench_import``): the first run is meant to create everything. Three runs of the same
file: everything new (published), the same file again (nothing changed, nothing written), and the file
with every tenth item changed (new revisions). Each prints its time, time and queries per line and the
peak memory. Not a test: the figures go into the README.
"""

import json
import random
import resource
import time
import tracemalloc
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from austausch.importer import import_jsonl
from austausch.models import ExternalId
from portal.setup import set_up_portal
from taxonomy import data

TRAEGER = ["kommune", "freier_traeger", "privat", "verein", "bildung"]
THEMEN = [
    "Smartphone-Grundlagen",
    "Aquarellmalerei",
    "Englisch im Alltag",
    "Rückenfit",
    "Erzählcafé",
    "Kräuterwanderung",
    "Bewerbungstraining",
    "Töpferwerkstatt",
    "Chorprobe",
    "Schach für alle",
    "Erste Hilfe am Kind",
    "Plattdeutsch-Stammtisch",
    "Holzwerkstatt",
    "Yoga am Morgen",
    "Lesekreis",
]
KINDS = ("angebot",) * 5 + ("veranstaltung",) * 4 + ("beitrag",)  # 5:4:1, as in the demo corpus


def generate(path: Path, lines: int, seed: int = 12, changed_every: int = 0) -> None:
    """Providers first (one per 250 lines), then offers, events and articles that refer to them.

    ``changed_every``: every n-th item gets another teaser (the file of the update run).
    """
    rng = random.Random(seed)
    orte = [ort[0] for ort in data.ORTE]
    bereiche = [slug for slug, _ in data.BEREICHE]
    lagen = [slug for slug, _ in data.LEBENSLAGEN]
    gruppen = [slug for slug, _ in data.ZIELGRUPPEN]
    barrieren = [slug for slug, _ in data.BARRIEREFREIHEIT]
    providers = max(1, lines // 250)
    with open(path, "w", encoding="utf-8") as out:
        for p in range(providers):
            out.write(
                json.dumps(
                    {
                        "art": "anbieter",
                        "id": f"bench-anb-{p}",
                        "name": f"Benchmark-Anbieter {p:03d}",
                        "traeger": TRAEGER[p % len(TRAEGER)],
                        "beschreibung": f"Anbieter Nummer {p} im Landkreis.",
                        "ort": orte[p % len(orte)],
                        "email": f"anbieter{p}@example.org",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        for n in range(lines - providers):
            out.write(
                json.dumps(
                    _item(n, rng, providers, orte, bereiche, lagen, gruppen, barrieren, changed_every),
                    ensure_ascii=False,
                )
                + "\n"
            )


def _item(n, rng, providers, orte, bereiche, lagen, gruppen, barrieren, changed_every) -> dict:
    kind = KINDS[n % len(KINDS)]
    day, month = 1 + n % 28, 1 + (n // 28) % 12
    thema = THEMEN[n % len(THEMEN)]
    teaser = f"Ein Angebot zum Thema {thema} – Nummer {n}."
    if changed_every and n % changed_every == 0:
        teaser += " Jetzt mit neuem Termin."
    record = {
        "art": kind,
        "id": f"bench-{n}",
        "anbieter": f"bench-anb-{rng.randrange(providers)}",
        "titel": f"{thema} Nr. {n}",
        "kurzbeschreibung": teaser,
        "beschreibung": [f"Absatz eins von Nummer {n}.", "Bitte bequeme Kleidung mitbringen."],
        "bereich": rng.choice(bereiche),
        "lebenslagen": rng.sample(lagen, 2),
        "zielgruppen": rng.sample(gruppen, 2),
    }
    if kind == "beitrag":
        record.update(datum=f"2027-{month:02d}-{day:02d}", autor="Redaktion")
        return record
    record.update(
        {
            "format": "praesenz",
            "ort": rng.choice(orte),
            "veranstaltungsort": {"name": "Bürgerhaus", "strasse": "Markt 1", "plz": "04916"},
            "kostenlos": n % 3 == 0,
            "preis": None if n % 3 == 0 else f"{5 + n % 40}.00",
            "barrierefreiheit": rng.sample(barrieren, 2),
            "anmeldung": {"art": "keine"},
            "kontakt": {"name": "Kontaktperson", "email": "kontakt@example.org", "telefon": None},
        }
    )
    if kind == "angebot":
        record.update(
            zeitliche_form="zeitraum",
            beginn=f"2027-{month:02d}-{day:02d}",
            ende=f"2027-{month:02d}-{min(28, day + 14):02d}",
            zeiten="dienstags 17–19 Uhr",
        )
    else:
        record.update(
            beginn=f"2027-{month:02d}-{day:02d}T10:00:00+01:00",
            ende=f"2027-{month:02d}-{day:02d}T12:00:00+01:00",
            ganztaegig=False,
            wiederholung="FREQ=WEEKLY;COUNT=6" if n % 4 == 0 else None,
        )
    return record


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


class Command(BaseCommand):
    help = "Benchmark the exchange-format import (first import, unchanged re-import, update)."

    def add_arguments(self, parser):
        parser.add_argument("--lines", type=int, default=10_000)
        parser.add_argument("--progress", type=int, default=1000, help="report every N lines")
        parser.add_argument(
            "--tracemalloc", dest="trace", action="store_true", help="also trace Python allocations (slower)"
        )
        parser.add_argument("--keep", help="write the generated file here and keep it")
        parser.add_argument("--once", action="store_true", help="only the first import")

    def handle(self, *args, lines, progress, trace, keep, once, **options):
        db = connection.settings_dict
        self.stdout.write(f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        call_command("migrate", verbosity=0, interactive=False)
        set_up_portal()
        if ExternalId.objects.filter(external_id__startswith="bench-").exists():
            raise CommandError("This database holds a benchmark's import already: use a fresh one.")
        with TemporaryDirectory(prefix="3l-bench-import-") as workdir:
            path = Path(keep) if keep else Path(workdir) / "bench.jsonl"
            started = time.perf_counter()
            generate(path, lines)
            self.stdout.write(
                f"file: {lines} lines, {path.stat().st_size / 1024 / 1024:.1f} MB, "
                f"generated in {time.perf_counter() - started:.1f} s"
            )
            self.timed_import(path, "first import (everything new, published)", progress, trace)
            if once:
                return
            self.timed_import(path, "re-import of the same file (unchanged)", progress, trace)
            changed = Path(workdir) / "bench-changed.jsonl"
            generate(changed, lines, changed_every=10)
            self.timed_import(changed, "re-import with every tenth item changed (update)", progress, trace)

    def timed_import(self, path: Path, label: str, every: int, trace: bool):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        def report_progress(stage: str, done: int) -> None:
            self.stdout.write(f"  {stage}: {done} Zeilen ({time.perf_counter() - started:.1f} s)")
            self.stdout.flush()

        if trace:
            tracemalloc.start()
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            report = import_jsonl(path, progress=report_progress, progress_every=every)
        elapsed = time.perf_counter() - started
        traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if trace else None
        if trace:
            tracemalloc.stop()
        self.stdout.write(f"{label}: {report.summary()}")
        if not report.ok:
            raise CommandError("\n".join(str(error) for error in report.errors[:20]))
        items = max(report.lines, 1)
        self.stdout.write(
            f"  total {elapsed:.1f} s · {elapsed / items * 1000:.1f} ms and {queries / items:.1f} queries per line "
            f"({report.lines / elapsed:.0f} lines/s, {queries} queries)"
        )
        self.stdout.write(
            f"  peak RSS {peak_rss_mb():.0f} MB (before this run {rss_before:.0f} MB)"
            + (f", peak traced by tracemalloc {traced:.1f} MB" if traced is not None else "")
        )
        return report

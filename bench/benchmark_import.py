"""Benchmark of the exchange-format import: a generated file of N lines (10,000 by default), imported with
progress into a portal of its own; prints the time and the peak memory of each run. Not a test.

    .venv/bin/python bench/benchmark_import.py [--lines 10000] [--tracemalloc] [--keep FILE]

Without DATABASE_URL it uses a fresh SQLite file in a temporary directory (removed afterwards); with
DATABASE_URL it migrates that database and imports into it (use a database of its own, e.g. cms_bench).
The second run imports the same file again and shows what an unchanged re-import costs (nothing written).
"""

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def generate(path: Path, lines: int, seed: int = 12) -> None:
    """Providers first (one per 250 lines), then offers, events and articles (5:4:1) that refer to them."""
    from taxonomy import data

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
            kind = (
                "angebot",
                "angebot",
                "angebot",
                "angebot",
                "angebot",
                "veranstaltung",
                "veranstaltung",
                "veranstaltung",
                "veranstaltung",
                "beitrag",
            )[n % 10]
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            record = {
                "art": kind,
                "id": f"bench-{n}",
                "anbieter": f"bench-anb-{rng.randrange(providers)}",
                "titel": f"{THEMEN[n % len(THEMEN)]} Nr. {n}",
                "kurzbeschreibung": f"Ein Angebot zum Thema {THEMEN[n % len(THEMEN)]} – Nummer {n}.",
                "beschreibung": [f"Absatz eins von Nummer {n}.", "Bitte bequeme Kleidung mitbringen."],
                "bereich": rng.choice(bereiche),
                "lebenslagen": rng.sample(lagen, 2),
                "zielgruppen": rng.sample(gruppen, 2),
            }
            if kind == "beitrag":
                record.update(datum=f"2027-{month:02d}-{day:02d}", autor="Redaktion")
            else:
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
            elif kind == "veranstaltung":
                record.update(
                    beginn=f"2027-{month:02d}-{day:02d}T18:00:00+01:00",
                    ende=f"2027-{month:02d}-{day:02d}T20:00:00+01:00",
                    ganztaegig=False,
                    wiederholung="FREQ=WEEKLY;COUNT=6" if n % 4 == 0 else None,
                )
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def timed_import(path: Path, label: str, every: int, trace: bool):
    from austausch.importer import import_jsonl

    def progress(stage: str, lines: int) -> None:
        print(f"  {label} · {stage}: {lines} Zeilen ({time.perf_counter() - started:.1f} s)", flush=True)

    if trace:
        tracemalloc.start()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    report = import_jsonl(path, progress=progress, progress_every=every)
    elapsed = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] / 1024 / 1024 if trace else None
    if trace:
        tracemalloc.stop()
    print(f"{label}: {report.summary()}")
    if not report.ok:
        for error in report.errors[:20]:
            print(f"  {error}")
        raise SystemExit(1)
    print(f"  time {elapsed:.1f} s, {report.lines / elapsed:.0f} lines/s")
    print(
        f"  peak RSS {peak_rss_mb():.0f} MB (before this run {rss_before:.0f} MB)"
        + (f", peak traced by tracemalloc {traced:.1f} MB" if traced is not None else "")
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--progress", type=int, default=1000, help="report every N lines")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--keep", help="write the generated file here and keep it")
    parser.add_argument("--once", action="store_true", help="skip the second (unchanged) run")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="3l-bench-import-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir.name}/bench.sqlite3")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DEBUG"] = "0"  # with DEBUG on Django keeps every query in memory: that would be measured
    import django

    django.setup()
    from django.core.management import call_command

    from portal.setup import set_up_portal

    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    call_command("migrate", verbosity=0, interactive=False)
    set_up_portal()

    path = Path(args.keep) if args.keep else Path(workdir.name) / "bench.jsonl"
    started = time.perf_counter()
    generate(path, args.lines)
    print(
        f"file: {args.lines} lines, {path.stat().st_size / 1024 / 1024:.1f} MB, "
        f"generated in {time.perf_counter() - started:.1f} s"
    )
    timed_import(path, "first import (everything new, published)", args.progress, args.tracemalloc)
    if not args.once:
        timed_import(path, "second import (same file, nothing changed)", args.progress, args.tracemalloc)
    workdir.cleanup()


if __name__ == "__main__":
    main()

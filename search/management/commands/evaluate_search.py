"""How well the search finds what residents mean: a judged query set, measured per engine.

The file is a JSON list of {"q": "...", "filters": {"ort": ["finsterwalde"], ...}, "relevant": [ids]}, an id
being a page's id in the 3L exchange format ("ang-001", kept by the importer) or its slug.
Printed per engine: zero-hit rate (among queries with relevant content), mean precision@5 (relevant among
the first five shown; 0 when nothing was found although something was relevant), mean recall@20 (capped:
relevant among the first twenty, of at most twenty relevant), mean nDCG@10 (binary relevance), the worst
queries, and where the engines disagree on the total or the top ten.
"""

import json
import math
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import QueryDict
from django.test import override_settings
from wagtail.models import Page

from search.params import SearchParamError, parse_search_params
from search.service import run_search


def as_querydict(entry: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    if entry.get("q"):
        data["q"] = entry["q"]
    for facet, values in (entry.get("filters") or {}).items():
        data.setlist(facet, values if isinstance(values, list) else [values])
    data["limit"] = "20"
    return data


def metrics(found: list[str], relevant: set[str], total: int) -> dict:
    top5, top10, top20 = found[:5], found[:10], found[:20]
    if not relevant:
        return {"p5": None, "r20": None, "ndcg10": None, "p5_best": None}
    p5 = sum(s in relevant for s in top5) / len(top5) if top5 else 0.0
    # the best precision@5 any ranking of the same hits could reach: with two relevant items and ten hits, 0.4
    shown = min(5, total)
    p5_best = min(len(relevant), shown) / shown if shown else 0.0
    r20 = sum(s in relevant for s in top20) / min(20, len(relevant))  # 20 places hold no more than 20
    dcg = sum(1 / math.log2(i + 2) for i, s in enumerate(top10) if s in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return {"p5": p5, "r20": r20, "ndcg10": dcg / ideal, "p5_best": p5_best}


def page_labels(page_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """{page id: (its exchange-format id, if it has one, and its slug)}.

    The exchange ids live in ``austausch`` (a layer above search); its ``external_id`` relation on pages is
    read through the ORM by name, so that this command works with or without it.
    """
    pages = Page.objects.filter(pk__in=page_ids)
    has_exchange_ids = any(f.name == "external_id" for f in Page._meta.get_fields())
    fields = ("pk", "slug", "external_id__external_id") if has_exchange_ids else ("pk", "slug")
    return {pk: tuple(x for x in (*rest[1:], rest[0]) if x) for pk, *rest in pages.values_list(*fields)}


class Command(BaseCommand):
    help = "Evaluate the search on a judged query set (JSON) with every configured engine."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--worst", type=int, default=10, help="How many of the worst queries to print.")

    def handle(self, *args, file, worst, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                judged = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"{file}: {error}") from None
        engines = ["database"] + (["elasticsearch"] if settings.PORTAL_SEARCH.get("URL") else [])
        answers = {name: self.run(name, judged) for name in engines}
        for name, rows in answers.items():
            self.report(name, rows, worst)
        if len(answers) == 2:
            differing = [
                row_db["q"]
                for row_db, row_es in zip(answers["database"], answers["elasticsearch"], strict=True)
                if (row_db["total"], row_db["found"][:10]) != (row_es["total"], row_es["found"][:10])
            ]
            self.stdout.write(f"\nengines agree on total and top 10: {len(judged) - len(differing)}/{len(judged)}")
            for q in differing:
                self.stdout.write(f"  differ: {q!r}")

    def run(self, engine: str, judged: list[dict]) -> list[dict]:
        rows = []
        with override_settings(PORTAL_SEARCH={**settings.PORTAL_SEARCH, "ENGINE": engine}):
            for entry in judged:
                try:
                    params = parse_search_params(as_querydict(entry), strict=True)
                except SearchParamError as error:
                    raise CommandError(f"{entry.get('q')!r}: {error}") from None
                result = run_search(params, source="api", log=False)
                relevant = set(entry.get("relevant") or [])
                labels = page_labels([h.page_id for h in result.hits])
                # each hit by the name the judged set uses for it: its exchange id or its slug
                found = [
                    next((x for x in labels.get(h.page_id, ()) if x in relevant), None)
                    or (labels.get(h.page_id) or (str(h.page_id),))[0]
                    for h in result.hits
                ]
                rows.append(
                    {
                        "q": entry.get("q", ""),
                        "filters": entry.get("filters") or {},
                        "total": result.total,
                        "found": found,
                        "relevant": relevant,
                        **metrics(found, relevant, result.total),
                    }
                )
        return rows

    def report(self, engine: str, rows: list[dict], worst: int) -> None:
        judged = [row for row in rows if row["relevant"]]
        zero = [row for row in judged if row["total"] == 0]
        self.stdout.write(f"\n{engine}: {len(rows)} queries, {len(judged)} with relevant content")
        if not judged:
            return
        self.stdout.write(f"  zero-hit rate  {len(zero) / len(judged):6.1%}   ({len(zero)} queries)")
        for key, label in (("p5", "precision@5"), ("r20", "recall@20"), ("ndcg10", "nDCG@10")):
            self.stdout.write(f"  {label:<14} {statistics.mean(row[key] for row in judged):6.3f}")
        self.stdout.write(
            f"  (precision@5 at best with these hits {statistics.mean(r['p5_best'] for r in judged):.3f}: "
            "queries with fewer than five relevant items cannot reach 1)"
        )
        self.stdout.write("  worst queries (nDCG@10):")
        for row in sorted(judged, key=lambda r: (r["ndcg10"], r["r20"]))[:worst]:
            missing = sorted(row["relevant"] - set(row["found"][:20]))
            self.stdout.write(
                f"    {row['ndcg10']:.2f}  {row['q']!r} {row['filters'] or ''} total {row['total']}, "
                f"missing {', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}"
            )

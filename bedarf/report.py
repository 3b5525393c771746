"""The demand report: residents' wishes and searches that found little, per month and by Lebenslage,
Zielgruppe and Ort. The service office sees everything; a provider only the Lebenslagen, Zielgruppen
and Orte of its own offers and events."""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from anbieter import scoping
from bildungsboerse.models import OfferPage
from kalender.models import EventPage
from search.models import SearchQueryLog
from security.csvsafe import neutralise_row
from taxonomy.models import Lebenslage, Ort, Zielgruppe

from .models import Wish

DIMENSIONS = {"lebenslage": ("Lebenslage", Lebenslage), "zielgruppe": ("Zielgruppe", Zielgruppe), "ort": ("Ort", Ort)}


@dataclass(frozen=True)
class Row:
    month: datetime.date
    dimension: str
    slug: str
    name: str
    wishes: int
    weak_searches: int


@dataclass
class Report:
    start: datetime.date
    end: datetime.date  # exclusive: the first day after the period
    threshold: int
    rows: list[Row]
    topics: list[tuple[str, int]] = field(default_factory=list)
    queries: list[tuple[str, int]] = field(default_factory=list)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def provider_scope(user) -> dict[str, set[str]] | None:
    """{dimension: allowed slugs} for a provider's user; None for who sees everything."""
    if scoping.sees_all_providers(user):
        return None
    providers = scoping.provider_ids_of(user)
    scope = {name: set() for name in DIMENSIONS}
    for model in (OfferPage, EventPage):
        pages = model.objects.filter(anbieter__in=providers)
        scope["lebenslage"] |= set(pages.values_list("lebenslagen__slug", flat=True))
        scope["zielgruppe"] |= set(pages.values_list("zielgruppen__slug", flat=True))
        scope["ort"] |= set(pages.values_list("ort__slug", flat=True))
    return {name: {slug for slug in slugs if slug} for name, slugs in scope.items()}


def _bounds(start: datetime.date, end: datetime.date):
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=tz),
    )


def build_report(
    start: datetime.date, end: datetime.date, *, threshold: int | None = None, scope: dict[str, set[str]] | None = None
) -> Report:
    """Counts per (month, dimension, value) in [start, end); ``scope`` limits the values (providers)."""
    threshold = settings.BEDARF_FEW_RESULTS if threshold is None else threshold
    since, until = _bounds(start, end)
    wishes: Counter = Counter()
    searches: Counter = Counter()
    topics: Counter = Counter()
    queries: Counter = Counter()

    def allowed(dimension: str, slug: str | None) -> bool:
        return bool(slug) and (scope is None or slug in scope[dimension])

    rows = Wish.objects.filter(created_at__gte=since, created_at__lt=until).values_list(
        "created_at", "topic", "lebenslage__slug", "zielgruppe__slug", "ort__slug"
    )
    for created_at, topic, *slugs in rows.iterator():
        month = month_start(timezone.localdate(created_at))
        visible = scope is None
        for dimension, slug in zip(DIMENSIONS, slugs, strict=True):
            if allowed(dimension, slug):
                wishes[(month, dimension, slug)] += 1
                visible = True
        if visible:
            topics[" ".join(topic.split()).lower()] += 1

    logs = SearchQueryLog.objects.filter(created_at__gte=since, created_at__lt=until, result_count__lte=threshold)
    for created_at, query, filters in logs.values_list("created_at", "query", "filters").iterator():
        month = month_start(timezone.localdate(created_at))
        visible = scope is None
        for dimension in DIMENSIONS:
            for slug in (filters or {}).get(dimension, []) or []:
                if allowed(dimension, slug):
                    searches[(month, dimension, slug)] += 1
                    visible = True
        if visible and query:
            queries[" ".join(query.split()).lower()] += 1

    names = {
        dimension: dict(model.objects.values_list("slug", "name")) for dimension, (_l, model) in DIMENSIONS.items()
    }
    order = list(DIMENSIONS)
    keys = sorted(set(wishes) | set(searches), key=lambda k: (k[0], order.index(k[1]), names[k[1]].get(k[2], k[2])))
    result = [
        Row(
            month,
            dimension,
            slug,
            names[dimension].get(slug, slug),
            wishes[(month, dimension, slug)],
            searches[(month, dimension, slug)],
        )
        for month, dimension, slug in keys
    ]
    return Report(
        start=start,
        end=end,
        threshold=threshold,
        rows=result,
        topics=topics.most_common(20),
        queries=queries.most_common(20),
    )


def totals(report: Report) -> list[dict]:
    """The whole period per (dimension, value), most wished first."""
    summed: dict = {}
    for row in report.rows:
        entry = summed.setdefault(
            (row.dimension, row.slug),
            {"dimension": DIMENSIONS[row.dimension][0], "name": row.name, "wishes": 0, "weak_searches": 0},
        )
        entry["wishes"] += row.wishes
        entry["weak_searches"] += row.weak_searches
    return sorted(summed.values(), key=lambda e: (-(e["wishes"] + e["weak_searches"]), e["dimension"], e["name"]))


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Monat", "Merkmal", "Wert", "Wünsche", f"Suchen mit höchstens {report.threshold} Treffern"])
    for row in report.rows:
        writer.writerow(
            neutralise_row(
                [row.month.strftime("%Y-%m"), DIMENSIONS[row.dimension][0], row.name, row.wishes, row.weak_searches]
            )
        )
    return out.getvalue()

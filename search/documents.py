"""What the search knows about a page: one flat document per visible offer, event or article."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from .text import clean_text

TYPE_OF_MODEL = {"offerpage": "angebot", "eventpage": "veranstaltung", "articlepage": "beitrag"}
MULTI_VALUED = ("lebenslage", "zielgruppe", "barrierefrei")


def is_visible(page: Page) -> bool:
    """Residents can see it: live, public, under live ancestors, from an approved provider."""
    if not page.live or page.expired:
        return False
    if page.get_ancestors().filter(depth__gt=1, live=False).exists():
        return False
    if page.get_view_restrictions().exists():
        return False
    provider = getattr(page, "anbieter", None)
    return provider is None or provider.is_active


def body_text(page) -> str:
    parts = []
    for block in page.body:
        if block.block_type in ("paragraph", "heading"):
            parts.append(strip_tags(str(block.value.source if hasattr(block.value, "source") else block.value)))
        elif block.block_type == "notice":
            parts.append(f"{block.value['title']} {strip_tags(block.value['text'].source)}")
    return " ".join(" ".join(parts).split())


def _schedule(page) -> tuple[datetime.date | None, datetime.date | None, datetime.datetime | None]:
    """(first day, last day, sort time). Articles have no run time; ongoing offers run always."""
    typ = TYPE_OF_MODEL[page._meta.model_name]
    if typ == "veranstaltung" and getattr(page, "rrule", ""):
        # A recurring event is found by its occurrences: from the next (or current) one to the last
        # (open-ended for a series without an end); rebuild_search_index nightly moves date_from on.
        first = (page.upcoming_occurrences(limit=1) or page.occurrences()[-1:] or [None])[0]
        last = timezone.localdate(page.series_end) if page.series_end else None
        if first is None:  # every occurrence cancelled
            return timezone.localdate(page.start), last, page.start
        return first.day, last, first.start
    if typ == "veranstaltung":
        end = page.end or page.start
        return timezone.localdate(page.start), timezone.localdate(end), page.start
    if typ == "angebot":
        if page.first_date:
            start = datetime.datetime.combine(page.first_date, datetime.time.min)
            return page.first_date, page.last_date, timezone.make_aware(start)
        return None, None, None
    return None, None, None


def _ratings(page) -> tuple[float | None, int]:
    """(average of all criteria, number of ratings) from feedback's summary; articles have none."""
    summary = getattr(page, "rating_overview", None)
    if summary is None or not summary.count:
        return None, 0
    return round(summary.overall, 2), summary.count


def build_document(page) -> dict | None:
    """The search document of ``page`` (a specific page), or None if residents must not find it."""
    if page._meta.model_name not in TYPE_OF_MODEL or not is_visible(page):
        return None
    date_from, date_to, sort_at = _schedule(page)
    ort = getattr(page, "ort", None)
    coordinates = page.coordinates if hasattr(page, "coordinates") else None
    rating, rating_count = _ratings(page)
    zielgruppen, lebenslagen = list(page.zielgruppen.all()), list(page.lebenslagen.all())
    return {
        "page_id": page.pk,
        "typ": TYPE_OF_MODEL[page._meta.model_name],
        "title": clean_text(page.title),
        "teaser": clean_text(page.teaser),
        "body": clean_text(body_text(page)),
        "url": page.url or "",
        "anbieter": page.anbieter.slug if page.anbieter_id else None,
        "anbieter_name": clean_text(page.anbieter.name) if page.anbieter_id else "",
        "bereich": page.bereich.slug if page.bereich_id else None,
        "lebenslage": sorted(t.slug for t in lebenslagen),
        "zielgruppe": sorted(t.slug for t in zielgruppen),
        # whom and what it is for, searchable by name: "Senioren Finsterwalde", "Internet für Senioren"
        "themen": clean_text(" ".join(t.name for t in (*zielgruppen, *lebenslagen))),
        "barrierefrei": sorted(t.slug for t in page.barrierefreiheit.all())
        if hasattr(page, "barrierefreiheit")
        else [],
        "ort": ort.slug if ort else None,
        "ort_name": ort.name if ort else "",
        # where it takes place, searchable: "Bürgerhaus", "Lindenstraße 3"
        "venue": clean_text(" ".join(filter(None, (getattr(page, "venue_name", ""), getattr(page, "street", ""))))),
        "kostenlos": bool(getattr(page, "is_free", False)),
        "format": getattr(page, "format", None),
        "date_from": date_from,
        "date_to": date_to,
        "sort_at": sort_at,
        "location": coordinates,
        "rating": rating,
        "rating_count": rating_count,
    }


def facet_values(document: dict) -> list[tuple[str, str]]:
    """Every (facet, slug) pair of a document, as the facets count them."""
    values = [("typ", document["typ"])]
    for facet in ("bereich", "ort", "anbieter", "format"):
        if document[facet]:
            values.append((facet, document[facet]))
    for facet in MULTI_VALUED:
        values.extend((facet, slug) for slug in document[facet])
    if document["kostenlos"]:
        values.append(("kostenlos", "ja"))
    return values

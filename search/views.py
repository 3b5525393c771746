"""The residents' search page /suche/ and the API's /api/v2/search/ and /api/v2/search/suggest/."""

import copy
from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST, require_safe
from wagtail.models import Page

from caching.content import cached_api_response
from caching.pages import on_cache_hit
from core.canonical import absolute_url
from core.models import classified_page_models
from security.ratelimit import RateLimit, rate_limit

from .documents import TYPE_OF_MODEL
from .guidance import did_you_mean, recognised_filters, relaxations
from .params import MAX_QUERY_LENGTH, TYPES, SearchParamError, known_slugs, parse_search_params
from .service import (
    FACET_LABELS,
    count_results,
    facet_listing,
    log_click,
    log_query,
    query_log_entry,
    run_search,
    suggest,
)

HTML_PAGE_SIZE = 10


class HitWindow:
    """The engine returns only the current page of hits; Paginator only needs the total besides."""

    def __init__(self, hits, total):
        self.hits, self.total = hits, total

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice):
        return self.hits


def with_pages(hits) -> tuple[list, list]:
    """Copies of the hits that carry their live page (``hit.page``), for the badges and "Merken" the listing
    cards show; and those pages, one query per page type (the hit's type names it: no query for the pages' types
    first). The engine's hits stay as they are (cached)."""
    models = {
        TYPE_OF_MODEL[model._meta.model_name]: model
        for model in classified_page_models()
        if model._meta.model_name in TYPE_OF_MODEL
    }
    ids = defaultdict(list)
    for hit in hits:
        ids[models.get(hit.typ)].append(hit.page_id)
    pages = {}
    for model, page_ids in ids.items():
        found = (
            model.objects.live().filter(pk__in=page_ids).card_columns()
            if model
            else Page.objects.live().filter(pk__in=page_ids).specific()
        )
        pages.update((page.pk, page) for page in found)
    carried = []
    for hit in hits:
        hit = copy.copy(hit)
        hit.page = pages.get(hit.page_id)
        carried.append(hit)
    return carried, list(pages.values())


def paginate(result, params) -> PaginatorPage:
    return Paginator(HitWindow(result.hits, result.total), params.limit).get_page(params.offset // params.limit + 1)


@require_GET
def search(request):
    context = {
        "search_query": request.GET.get("q", "")[:MAX_QUERY_LENGTH],
        "facet_labels": FACET_LABELS,
        "types": TYPES,
    }
    from_script = request.headers.get("X-Requested-With") == "fetch"
    try:
        params = parse_search_params(request.GET, strict=False, default_limit=HTML_PAGE_SIZE)
    except SearchParamError as error:
        context["error"] = error
        # the script shows the message above the form it keeps; never a whole page inside the page
        return render(request, "search/_error.html" if from_script else "search/search.html", context, status=400)
    result = run_search(params, source="html")
    hits, hit_pages = with_pages(result.hits)
    context.update(
        params=params,
        result=result,
        facets=facet_listing(result, params),
        results=paginate(result, params),
        hits=hits,
        hit_pages=hit_pages,
        orte=known_slugs("ort").items(),
        proposed_filters=recognised_filters(params, request.GET),
        relaxations=relaxations(params, request.GET, count_results) if not result.total else [],
        did_you_mean=did_you_mean(params) if not result.total and params.q else None,
    )
    template = "search/_results.html" if from_script else "search/search.html"
    response = render(request, template, context)
    if result.degraded:
        add_never_cache_headers(response)  # the database fallback's answer: not for any cache
    elif params.offset == 0:  # as run_search logs: first pages only
        on_cache_hit(response, {"search_log": query_log_entry(params, result, source="html")})
    return response


def api_error(error: SearchParamError) -> JsonResponse:
    return JsonResponse({"message": str(error), "parameter": error.parameter}, status=400)


def serialize_hit(request, hit) -> dict:
    return {
        "id": hit.page_id,
        "type": hit.typ,
        "title": hit.title,
        "teaser": hit.teaser,
        "url": absolute_url(hit.url),
        "detail_url": absolute_url(f"/api/v2/pages/{hit.page_id}/"),
        "date_from": hit.date_from.isoformat() if hit.date_from else None,
        "date_to": hit.date_to.isoformat() if hit.date_to else None,
        "start": timezone.localtime(hit.sort_at).isoformat() if hit.sort_at else None,
        "place": hit.ort_name or None,
        "location": {"lat": hit.location[0], "lon": hit.location[1]} if hit.location else None,
        "distance_km": hit.distance_km,
        "anbieter": hit.anbieter_name or None,
        "bewertung": {"durchschnitt": hit.rating, "anzahl": hit.rating_count},
        "highlight": hit.highlight or None,
    }


def cached_search(request, params, build):
    """``build()`` returns (response, result); anonymous answers come from the cache (caching/content.py).

    A hit is still written to the query log, as the search would have (the demand report counts searches).
    Answers from the database fallback while Elasticsearch is down are not stored.
    """
    outcome = {}

    def fresh():
        outcome["response"], outcome["result"] = build()
        if outcome["result"].degraded:
            add_never_cache_headers(outcome["response"])  # neither here nor in a frontend cache
        return outcome["response"]

    def log_data():
        result = outcome["result"]
        return None if result.degraded else {"total": result.total, "engine": result.engine}

    response, logged = cached_api_response(request, fresh, extra=log_data, vary=settings.PORTAL_SEARCH["ENGINE"])
    if logged is not None and params.offset == 0:
        log_query(params, SimpleNamespace(degraded=False, **logged), source="api")
    return response


@require_safe  # GET and HEAD
def api_search(request):
    try:
        params = parse_search_params(request.GET, strict=True)
    except SearchParamError as error:
        return api_error(error)

    def build():
        result = run_search(params, source="api")
        facets = {
            facet: [{k: v for k, v in value.items() if k != "selected"} for value in values]
            for facet, values in facet_listing(result, params).items()
        }
        response = JsonResponse(
            {
                "meta": {
                    "total_count": result.total,
                    "offset": params.offset,
                    "limit": params.limit,
                    "sortierung": params.sort,
                    "degraded": result.degraded,
                    "einzelne_woerter": bool(result.extra.get("any_word")),
                },
                "items": [serialize_hit(request, hit) for hit in result.hits],
                "facets": facets,
            },
            json_dumps_params={"ensure_ascii": False},
        )
        response["Server-Timing"] = server_timing(result)
        return response, result

    return cached_search(request, params, build)


def server_timing(result) -> str:
    """How long the engine took (Elasticsearch's own ``took`` as well, summed over the round trips to the node,
    and how many there were), for browsers' tools and `make bench`."""
    timing = f"search;dur={result.took_ms or 0:.1f}"
    if "took" in result.extra:
        timing += f", es;dur={result.extra['took']}"
    if "round_trips" in result.extra:
        timing += f', es-round-trips;desc="{result.extra["round_trips"]}"'
    return timing


@require_safe  # GET and HEAD
def api_suggest(request):
    prefix = request.GET.get("q", "").strip()
    if not prefix:
        return api_error(SearchParamError("q", "Bitte einen Anfang des Suchbegriffs angeben."))
    if len(prefix) > 100:
        return api_error(SearchParamError("q", "Der Suchbegriff ist zu lang (höchstens 100 Zeichen)."))

    def build():
        suggestions = suggest(prefix, timezone.localdate())
        for suggestion in suggestions:
            suggestion["url"] = absolute_url(suggestion["url"])
        return JsonResponse({"items": suggestions}, json_dumps_params={"ensure_ascii": False})

    return cached_api_response(request, build, vary=settings.PORTAL_SEARCH["ENGINE"])[0]


CLICKS = RateLimit("suche-klick", limit=60, window=10 * 60)  # a resident opens a few results, not hundreds


@csrf_exempt  # sent by navigator.sendBeacon from cached pages; it changes nothing but a counter
@require_POST
@rate_limit(CLICKS)
def api_search_click(request):
    """A result opened from /suche/ (``id`` of the page, ``q`` the search term): ranks autocomplete."""
    page_id = request.POST.get("id", "")
    if not page_id.isascii() or not page_id.isdigit() or len(page_id) > 12:
        return api_error(SearchParamError("id", "Bitte die Nummer einer Seite angeben."))
    if not log_click(request.POST.get("q", "")[:MAX_QUERY_LENGTH], int(page_id)):
        return api_error(SearchParamError("id", "Diese Seite wird von der Suche nicht gefunden."))
    return HttpResponse(status=204)


@require_safe  # GET and HEAD
def api_geojson(request):
    """The search's hits as a GeoJSON FeatureCollection for the map; same parameters as /api/v2/search/."""
    from dataclasses import replace

    data = request.GET.copy()
    for name in ("limit", "offset", "seite"):
        data.pop(name, None)  # the map shows the first GEOJSON_MAX_FEATURES hits, not a page of them
    try:
        params = parse_search_params(data, strict=True)
    except SearchParamError as error:
        return api_error(error)
    cap = settings.GEOJSON_MAX_FEATURES

    def build():
        result = run_search(replace(params, limit=cap, offset=0), source="api")
        features = [
            {
                "type": "Feature",
                "id": hit.page_id,
                "geometry": {"type": "Point", "coordinates": [round(hit.location[1], 6), round(hit.location[0], 6)]},
                "properties": {
                    "title": hit.title,
                    "type": hit.typ,
                    "type_label": TYPES.get(hit.typ, ""),
                    "url": absolute_url(hit.url),
                    "place": hit.ort_name or None,
                    "date_from": hit.date_from.isoformat() if hit.date_from else None,
                    "date_to": hit.date_to.isoformat() if hit.date_to else None,
                    "distance_km": hit.distance_km,
                },
            }
            for hit in result.hits
            if hit.location
        ]
        return JsonResponse(
            {
                "type": "FeatureCollection",
                "features": features,
                "total_count": result.total,
                "truncated": result.total > cap,
            },
            content_type="application/geo+json",
            json_dumps_params={"ensure_ascii": False},
        ), result

    return cached_search(request, replace(params, offset=0), build)

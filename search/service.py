"""Running a search for residents: the configured engine, the fallback, the query log, the facets."""

import logging
from dataclasses import replace

from django.db import DatabaseError

from . import query_log
from .engines import SearchResult, get_engine
from .engines.database import DatabaseEngine
from .indexing import flag_degraded, replay_if_backlog
from .params import FACETS, SearchParams, known_slugs

logger = logging.getLogger(__name__)
FACET_LABELS = {
    "typ": "Art",
    "bereich": "Bereich",
    "lebenslage": "Lebenslage",
    "zielgruppe": "Zielgruppe",
    "ort": "Ort",
    "anbieter": "Anbieter",
    "kostenlos": "Kosten",
    "barrierefrei": "Barrierefreiheit",
    "format": "Format",
}


def run_search(params: SearchParams, source: str, log: bool = True) -> SearchResult:
    """Search for most of the words; if nothing matches them, for any one of them (the result says so). The
    query log keeps the search as asked (its total, also when the fallback answers)."""
    fallback = params.any_word_fallback() if len(params.required_groups) > 1 and not params.any_word else None
    result, relaxed = search_or_any_word(params, fallback)
    if params.offset == 0 and log:
        log_query(params, result, source)
    if relaxed is not None and relaxed.total:
        relaxed.extra["any_word"] = True
        return relaxed
    return result


def search_or_any_word(
    params: SearchParams, any_word: SearchParams | None = None
) -> tuple[SearchResult, SearchResult | None]:
    """The search with the configured engine, and ``any_word`` if it finds nothing (the engine may send both at
    once); if Elasticsearch fails, both from the database, marked degraded."""
    engine = get_engine()
    try:
        result, relaxed = engine.search_or_any_word(params, any_word)
    except DatabaseError:
        raise
    except Exception as error:
        if engine.name == "database":
            raise
        logger.exception("Elasticsearch search failed; answering from the database")
        flag_degraded(f"Suche fehlgeschlagen: {error}")
        result, relaxed = DatabaseEngine().search_or_any_word(params, any_word)
        for degraded in (result, relaxed):
            if degraded is not None:
                degraded.degraded = True
    else:
        if engine.name != "database":
            replay_if_backlog(look_in_database=False)  # the node answers again: push what the outage left
    return result, relaxed


def count_results(params: SearchParams) -> int:
    """How many a variant of a search finds (the proposals on an empty page); not logged."""
    return search_or_any_word(replace(params, limit=1))[0].total


def log_query(params: SearchParams, result: SearchResult, source: str) -> None:
    """The search's row in the query log, written with the next batch (search/query_log.py)."""
    query_log.record(query_log_entry(params, result, source))


def query_log_entry(params: SearchParams, result: SearchResult, source: str) -> dict:
    """The query log row of a search, also kept with a cached page to be written again on each hit."""
    return {
        "query": params.q,
        "filters": params.filters_for_log(),
        "result_count": result.total,
        "source": source,
        "engine": result.engine,
        "degraded": result.degraded,
    }


def log_cached_search(sender, request, data, **kwargs) -> None:
    """A search page answered from the page cache (caching/pages.py) is logged as the search would have, in a
    batch with other hits (search/query_log.py): the hit itself makes no query."""
    if data and "search_log" in data:
        query_log.record(data["search_log"])


def facet_listing(result: SearchResult, params: SearchParams) -> dict[str, list[dict]]:
    """Every facet's values in taxonomy order: those with results, and the selected ones."""
    listing = {}
    for facet in FACETS:
        counts, selected = result.facets.get(facet, {}), set(params.filters.get(facet, ()))
        if facet == "ort":
            selected.update(params.center_orte)
        listing[facet] = [
            {"slug": slug, "name": name, "count": counts.get(slug, 0), "selected": slug in selected}
            for slug, name in known_slugs(facet).items()
            if counts.get(slug) or slug in selected
        ]
    return listing


def suggest(prefix: str, today) -> list[dict]:
    """Titles, then what residents often search, then places, providers, Zielgruppen and Lebenslagen; typo
    tolerant and ranked by the query log and clicks (search/autocomplete.py), alike for both engines."""
    from .autocomplete import query_suggestions, term_suggestions, title_suggestions

    return title_suggestions(prefix, 8, today) + query_suggestions(prefix, 3) + term_suggestions(prefix, 4)


def log_click(query: str, page_id: int) -> bool:
    """A result opened from the search (ranks autocomplete); only pages the search can find count."""
    from .models import SearchClick, SearchDocument

    if not SearchDocument.objects.filter(page_id=page_id).exists():
        return False
    SearchClick.objects.create(query=query[:200], page_id=page_id)
    return True

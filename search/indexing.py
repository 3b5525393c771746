"""Keeping the search documents in step with the pages, in every engine that holds them.

The database engine's table is always kept (it is the fallback); Elasticsearch as well when it
is the configured engine. Elasticsearch errors while indexing are logged and flagged for the
editors, never raised into the editor's publish action; `rebuild_search_index` repairs drift.
"""

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page

from caching.content import bump_content_version
from core.models import classified_page_models

from .documents import build_document
from .engines import get_engine
from .engines.database import DatabaseEngine

logger = logging.getLogger(__name__)
DEGRADED_CACHE_KEY = "search:degraded"
_batch = threading.local()  # the pages waiting for the end of a deferred() block, in this thread


def flag_degraded(reason: str) -> None:
    """Remember for the admin dashboard that Elasticsearch failed, and when."""
    cache.set(DEGRADED_CACHE_KEY, {"at": timezone.now().isoformat(), "reason": reason[:300]}, 60 * 60 * 24)


def engines() -> list:
    selected = [DatabaseEngine()]
    if settings.PORTAL_SEARCH["ENGINE"] != "database":
        selected.append(get_engine())
    return selected


def specific_pages(pages: Iterable[Page]) -> Iterator:
    for page in pages:
        page = page.specific_deferred if type(page) is Page else page
        if any(isinstance(page, model) for model in classified_page_models()):
            yield page


def update_pages(pages: Iterable[Page]) -> None:
    """Index the visible pages among ``pages``; remove the others from the search."""
    if _waiting() is not None:
        _waiting().update(page.pk for page in pages)
        return
    documents, removed = [], []
    for page in specific_pages(pages):
        document = build_document(page)
        (documents.append(document) if document else removed.append(page.pk))
    for engine in engines():
        try:
            engine.delete(removed)
            engine.index(documents)
        except Exception as error:  # an unreachable cluster must not break publishing
            logger.exception("Search indexing failed in %s", engine.name)
            flag_degraded(f"Indexierung fehlgeschlagen: {error}")
    bump_content_version()  # cached search answers and page API answers (ratings) are stale now


def update_subtree(page: Page) -> None:
    """The page and everything below it: visibility is inherited from ancestors."""
    if _waiting() is not None:
        _waiting().add(page.pk)
        if page.numchild:
            _waiting().update(Page.objects.descendant_of(page).values_list("pk", flat=True))
        return
    update_pages(Page.objects.descendant_of(page, inclusive=True).specific())


def remove_pages(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    if _waiting() is not None:
        _waiting().update(page_ids)
        return
    for engine in engines():
        try:
            engine.delete(page_ids)
        except Exception as error:
            logger.exception("Search removal failed in %s", engine.name)
            flag_degraded(f"Entfernen aus dem Index fehlgeschlagen: {error}")
    bump_content_version()


def _waiting() -> set[int] | None:
    return getattr(_batch, "page_ids", None)


@contextmanager
def deferred():
    """Index what the block publishes, moves or removes once, together, when it ends (a bulk import).

    Inside the block, ``update_pages``, ``update_subtree`` and ``remove_pages`` (and so the publish signals)
    only note the pages of this thread. At the end each noted page is indexed as it is then, or removed
    if it is gone or invisible: one request per engine and one content-version bump instead of one per page.
    An exception discards the notes: nothing reached the engines, so a rolled-back import leaves them as
    they were. Call it around the transaction's block, inside the transaction (the database engine's rows
    are written in it); Elasticsearch is written with ``refresh=wait_for`` before the version bump as always.
    """
    if _waiting() is not None:  # nested: the outer block indexes
        yield
        return
    _batch.page_ids = set()
    try:
        yield
        page_ids = _batch.page_ids
    finally:
        del _batch.page_ids
    if page_ids:
        index_pages_by_id(page_ids)


def index_pages_by_id(page_ids: Iterable[int]) -> None:
    """Index the pages that exist and are visible among ``page_ids``; remove the rest, in one batch per engine."""
    page_ids = set(page_ids)
    existing = set(Page.objects.filter(pk__in=page_ids).values_list("pk", flat=True))
    for model in classified_page_models():  # with what the documents read, as the rebuild loads them
        pages = (model.objects.filter(pk__in=existing).select_related(*model.listing_select_related)
                 .prefetch_related(*model.listing_prefetch_related))
        for chunk in _chunks(pages.iterator(chunk_size=500), 500):
            update_pages(chunk)
    if page_ids - existing:
        remove_pages(page_ids - existing)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def pages_using(field: str, value) -> Iterator:
    """Every offer, event and article whose ``field`` refers to ``value`` (a term or a provider)."""
    for model in classified_page_models():
        if any(f.name == field for f in model._meta.get_fields()):
            yield from model.objects.filter(**{field: value})


def all_documents() -> Iterator[dict]:
    for model in classified_page_models():
        pages = (model.objects.live().select_related(*model.listing_select_related)
                 .prefetch_related(*model.listing_prefetch_related))
        for page in pages.iterator(chunk_size=500):
            document = build_document(page)
            if document:
                yield document


def rebuild_index() -> dict[str, int]:
    """Rebuild every engine's documents from the pages; Elasticsearch without downtime (alias switch)."""
    return {engine.name: engine.rebuild(all_documents()) for engine in engines()}

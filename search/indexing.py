"""Keeping the search documents in step with the pages, in every engine that holds them.

The database engine's table is always kept (it is the fallback); Elasticsearch as well when it
is the configured engine. Elasticsearch errors while indexing are logged and flagged for the
editors, never raised into the editor's publish action. Nothing is lost meanwhile: every change
records its pages in PendingIndexUpdate in the change's own transaction, and only a successful push
deletes the record. The backlog is replayed on the next successful contact with the node (an index
update, a search) and by `replay_search_backlog` (a timer); /health/ reports it.
"""

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone
from wagtail.models import Page

from caching.content import bump_content_version
from core.models import classified_page_models

from .documents import build_document
from .engines import get_engine
from .engines.database import DatabaseEngine
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)
DEGRADED_CACHE_KEY = "search:degraded"
# set when a push to Elasticsearch failed: the next successful contact (an index update, a search) replays
BACKLOG_HINT_CACHE_KEY = "search:backlog"
REPLAY_BATCH = 500
_batch = threading.local()  # the pages waiting for the end of a deferred() block, in this thread


def flag_degraded(reason: str) -> None:
    """Remember for the admin dashboard that Elasticsearch failed, and when."""
    cache.set(DEGRADED_CACHE_KEY, {"at": timezone.now().isoformat(), "reason": reason[:300]}, 60 * 60 * 24)


def engines() -> list:
    selected = [DatabaseEngine()]
    if uses_elasticsearch():
        selected.append(get_engine())
    return selected


def specific_pages(pages: Iterable[Page]) -> Iterator:
    for page in pages:
        page = page.specific_deferred if type(page) is Page else page
        if any(isinstance(page, model) for model in classified_page_models()):
            yield page


def uses_elasticsearch() -> bool:
    return settings.PORTAL_SEARCH["ENGINE"] != "database"


def update_pages(pages: Iterable[Page]) -> None:
    """Index the visible pages among ``pages``; remove the others from the search.

    The database engine's rows change in the caller's transaction. For Elasticsearch the pages are
    first recorded as pending in that same transaction, then pushed; only a push that succeeds
    deletes the record, so that nothing changed during an outage is lost (replay_pending).
    """
    if _waiting() is not None:
        _waiting().update(page.pk for page in pages)
        return
    documents, removed = [], []
    for page in specific_pages(pages):
        document = build_document(page)
        (documents.append(document) if document else removed.append(page.pk))
    _apply(documents, removed)


def remove_pages(page_ids: Iterable[int]) -> None:
    page_ids = list(page_ids)
    if _waiting() is not None:
        _waiting().update(page_ids)
        return
    _apply([], page_ids)


def _apply(documents: list[dict], removed: list[int]) -> None:
    database = DatabaseEngine()
    try:
        with transaction.atomic():  # a savepoint: a failing index row must not break the editor's action
            database.delete(removed)
            database.index(documents)
    except Exception as error:
        logger.exception("Search indexing failed in %s", database.name)
        flag_degraded(f"Indexierung fehlgeschlagen: {error}")
    if uses_elasticsearch() and (documents or removed):
        pending = record_pending([d["page_id"] for d in documents] + removed)
        try:
            engine = get_engine()
            engine.delete(removed)
            engine.index(documents)
        except Exception as error:  # an unreachable cluster must not break publishing: the rows stay
            logger.warning("Elasticsearch indexing failed, %d page(s) kept as pending: %s", len(pending), error)
            flag_degraded(f"Indexierung fehlgeschlagen: {error}")
            cache.set(BACKLOG_HINT_CACHE_KEY, True, None)
        else:
            PendingIndexUpdate.objects.filter(pk__in=pending).delete()
            replay_if_backlog()  # the node answers: what an earlier outage left behind goes now
    bump_content_version()  # cached search answers and page API answers (ratings) are stale now


def update_subtree(page: Page) -> None:
    """The page and everything below it: visibility is inherited from ancestors."""
    if _waiting() is not None:
        _waiting().add(page.pk)
        if page.numchild:
            _waiting().update(Page.objects.descendant_of(page).values_list("pk", flat=True))
        return
    update_pages(Page.objects.descendant_of(page, inclusive=True).specific())


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
    existing = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type"))
    present = {ContentType.objects.get_for_id(type_id).model_class() for type_id in set(existing.values())}
    for model in classified_page_models():  # with what the documents read, as the rebuild loads them
        if not any(kind is not None and issubclass(kind, model) for kind in present):
            continue  # none of the pages is of this type: no query for it
        pages = (
            model.objects.filter(pk__in=existing)
            .select_related(*model.listing_select_related)
            .prefetch_related(*model.listing_prefetch_related)
        )
        for chunk in _chunks(pages.iterator(chunk_size=500), 500):
            update_pages(chunk)
    if page_ids - existing.keys():
        remove_pages(page_ids - existing.keys())


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the backlog of an outage ---


def record_pending(page_ids: Iterable[int]) -> list[int]:
    """Record the pages as pending in the current transaction; the ids of the new rows."""
    rows = PendingIndexUpdate.objects.bulk_create([PendingIndexUpdate(page_id=pk) for pk in sorted(set(page_ids))])
    if rows and rows[0].pk is None:  # a backend that returns no ids: the newest rows of these pages
        return list(
            PendingIndexUpdate.objects.filter(page_id__in=[r.page_id for r in rows])
            .order_by("-pk")
            .values_list("pk", flat=True)[: len(rows)]
        )
    return [row.pk for row in rows]


def backlog() -> dict:
    """How many pages wait for Elasticsearch, and since when (for /health/ and the dashboard)."""
    summary = PendingIndexUpdate.objects.aggregate(count=Count("page_id", distinct=True), oldest=Min("created_at"))
    oldest = summary["oldest"]
    return {
        "count": summary["count"],
        "oldest_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


def replay_pending(limit: int = REPLAY_BATCH) -> int:
    """Push one batch of pending pages, as they are now, to Elasticsearch and Wagtail's index.

    Raises if the node fails (the rows stay). Rows other processes are replaying are skipped
    (PostgreSQL), and rows written meanwhile for the same pages stay for the next round.
    """
    with transaction.atomic():
        rows = list(
            PendingIndexUpdate.objects.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", "page_id")[:limit]
        )
        if not rows:
            return 0
        page_ids = sorted({page_id for _pk, page_id in rows})
        pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
        documents = [d for d in (build_document(page) for page in specific_pages(pages.values())) if d]
        indexed = {d["page_id"] for d in documents}
        engine = get_engine()
        engine.delete([pk for pk in page_ids if pk not in indexed])
        engine.index(documents)
        replay_wagtail_index(page_ids, pages)
        PendingIndexUpdate.objects.filter(pk__in=[pk for pk, _page_id in rows]).delete()
    bump_content_version()
    return len(page_ids)


def replay_wagtail_index(page_ids: list[int], pages: dict) -> None:
    """Wagtail's own Elasticsearch index (pages API, admin search) missed the same changes."""
    from modelsearch import index as model_index
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        if not backend.catch_indexing_errors:  # the database backend changed with the transaction
            continue
        for page_id in page_ids:
            page = pages.get(page_id)
            instance = model_index.get_indexed_instance(page) if page is not None else None
            if instance is not None:
                backend.add(instance)
            else:
                backend.delete(Page(pk=page_id))  # gone: Wagtail's document id is the page's id


def replay_if_backlog(look_in_database: bool = True) -> int:
    """After a successful contact with the node: replay one batch if an outage left a backlog.

    Searches pass ``look_in_database=False``: they only follow the hint a failed push leaves in the
    cache (no query per search); index updates also look at the table (another process's failure).
    """
    if not cache.get(BACKLOG_HINT_CACHE_KEY) and not (look_in_database and PendingIndexUpdate.objects.exists()):
        return 0
    try:
        replayed = replay_pending()
    except Exception as error:
        logger.warning("Replaying the search backlog failed: %s", error)
        cache.set(BACKLOG_HINT_CACHE_KEY, True, None)
        return 0
    if not PendingIndexUpdate.objects.exists():
        cache.delete(BACKLOG_HINT_CACHE_KEY)
    return replayed


def pages_using(field: str, value) -> Iterator:
    """Every offer, event and article whose ``field`` refers to ``value`` (a term or a provider)."""
    for model in classified_page_models():
        if any(f.name == field for f in model._meta.get_fields()):
            yield from model.objects.filter(**{field: value})


def all_documents() -> Iterator[dict]:
    for model in classified_page_models():
        pages = (
            model.objects.live()
            .select_related(*model.listing_select_related)
            .prefetch_related(*model.listing_prefetch_related)
        )
        for page in pages.iterator(chunk_size=500):
            document = build_document(page)
            if document:
                yield document


def rebuild_index() -> dict[str, int]:
    """Rebuild every engine's documents from the pages; Elasticsearch without downtime (alias switch).

    The backlog recorded before the rebuild started is settled by it.
    """
    settled = list(PendingIndexUpdate.objects.values_list("pk", flat=True))
    counts = {engine.name: engine.rebuild(all_documents()) for engine in engines()}
    PendingIndexUpdate.objects.filter(pk__in=settled).delete()
    return counts

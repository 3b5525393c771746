"""Indexes a bulk import brings up to date once per object at its end, not on every save.

Creating a published page saves it three times (into the tree, as a revision, when publishing); Wagtail's
admin search (modelsearch), its reference index and the portal's search would each index it three times,
the latter inside the import's transaction. Within ``deferred_indexes()`` they only note what this thread
saves or publishes, and index each noted object once, as it is at the end of the block (still inside the
import's transaction: the database indexes commit or roll back with it). An exception discards the notes:
a rolled-back import has sent nothing to Elasticsearch.

Wagtail's reference index has its own switch (``disable_reference_index_auto_update``). modelsearch has none:
for the block its ``post_save`` handler is swapped for one that asks whether the saving thread defers, so that
other threads (a threaded server) keep indexing as before.
"""

import logging
import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index as modelsearch_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from search.indexing import deferred as deferred_portal_search

logger = logging.getLogger(__name__)
_state = threading.local()
_swap_lock = threading.Lock()
_swap_users = 0
_swapped: list = []


@contextmanager
def deferred_indexes():
    """Admin search, reference index and portal search: once per object saved in the block, at its end."""
    if getattr(_state, "saved", None) is not None:  # nested: the outer block indexes
        yield
        return
    _state.saved = {"search": defaultdict(set), "references": defaultdict(set)}
    _swap_search_handler(in_=True)
    try:
        with deferred_portal_search(), disable_reference_index_auto_update():
            post_save.connect(_note_reference_save, dispatch_uid="austausch-deferred-references", weak=False)
            try:
                yield
            finally:
                post_save.disconnect(dispatch_uid="austausch-deferred-references")
            saved = _state.saved
            _update_admin_search(saved["search"])
            _update_references(saved["references"])
    finally:
        _state.saved = None
        _swap_search_handler(in_=False)


def _deferring() -> dict | None:
    return getattr(_state, "saved", None)


def _note_reference_save(sender, instance, raw=False, **kwargs):
    saved = _deferring()
    if saved is not None and not raw and sender in ReferenceIndex.tracked_models:
        saved["references"][sender].add(instance.pk)


def _admin_search_unless_deferred(sender, instance, raw=False, **kwargs):
    saved = _deferring()
    if saved is None:
        post_save_signal_handler(instance=instance, sender=sender, raw=raw, **kwargs)
    elif not raw:
        saved["search"][sender].add(instance.pk)


def _swap_search_handler(in_: bool) -> None:
    """Put the deferring handler in place of modelsearch's (first block in), and back (last block out)."""
    global _swap_users
    with _swap_lock:
        if in_:
            _swap_users += 1
            if _swap_users > 1:
                return
            for model in modelsearch_index.get_indexed_models():
                if post_save.disconnect(post_save_signal_handler, sender=model):
                    post_save.connect(
                        _admin_search_unless_deferred,
                        sender=model,
                        weak=False,
                        dispatch_uid=f"austausch-deferred-search-{model._meta.label}",
                    )
                    _swapped.append(model)
            return
        _swap_users -= 1
        if _swap_users:
            return
        while _swapped:
            model = _swapped.pop()
            post_save.disconnect(sender=model, dispatch_uid=f"austausch-deferred-search-{model._meta.label}")
            post_save.connect(post_save_signal_handler, sender=model)


def _update_admin_search(saved: dict) -> None:
    """What modelsearch's handler would have indexed, once per object: each model's objects in one bulk per backend
    (its task indexes one object with two queries of its own). Errors are treated as modelsearch treats them:
    logged for Elasticsearch (the import stands), raised for the database backends."""
    indexed = defaultdict(dict)  # by pk: a page moved in the tree was saved as a Page too
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=pks).order_by("pk"):
            indexed_instance = instance.get_indexed_instance()  # pages: the specific page
            if indexed_instance is not None:
                indexed[type(indexed_instance)].setdefault(indexed_instance.pk, indexed_instance)
    for model, by_pk in indexed.items():
        in_index = set(model.get_indexed_objects().filter(pk__in=by_pk).values_list("pk", flat=True))
        instances = [instance for pk, instance in sorted(by_pk.items()) if pk in in_index]
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(model, instances)
            except Exception:
                logger.exception(
                    "Indexing %d %s in search backend '%s' failed", len(instances), model._meta.label, name
                )
                if not backend.catch_indexing_errors:
                    raise


def _update_references(saved: dict) -> None:
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=pks):
            ReferenceIndex.create_or_update_for_object(instance)

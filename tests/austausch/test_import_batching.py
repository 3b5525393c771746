"""A bulk import brings the indexes up to date once per page at its end (austausch/batch.py): Wagtail's admin
search and reference index and the portal's search follow it as they follow an editor; each page is indexed
once, not on each of its three saves; afterwards, and in other threads, every save indexes at once again."""

import threading
from types import SimpleNamespace

from django.db.models.signals import post_save
from modelsearch.backends import get_search_backend
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex

from austausch import batch
from austausch.importer import import_jsonl
from bildungsboerse.models import OfferPage
from search.models import SearchDocument
from taxonomy.models import Bereich
from tests.factories import make_offer

from .conftest import AWO, SMARTPHONE_KURS, changed, jsonl


def admin_search(model, query: str) -> set[str]:
    return {page.title for page in get_search_backend().search(query, model)}


def test_imported_pages_reach_the_admin_search_the_reference_index_and_the_portal_search(portal, example_lines):
    import_jsonl(example_lines)
    offer = OfferPage.objects.get(title=SMARTPHONE_KURS["titel"])
    assert admin_search(OfferPage, "Smartphone") == {offer.title}
    bereich = Bereich.objects.get(slug="bildung")
    assert offer.pk in {int(ref.object_id) for ref in ReferenceIndex.get_references_to(bereich)
                        if ref.base_content_type.model == "page"}
    assert SearchDocument.objects.filter(page_id=offer.pk, title=offer.title).exists()

    import_jsonl(jsonl(AWO, changed(SMARTPHONE_KURS, titel="Handy-Sprechstunde für Ältere")))
    assert admin_search(OfferPage, "Handy") == {"Handy-Sprechstunde für Ältere"}
    assert SearchDocument.objects.get(page_id=offer.pk).title == "Handy-Sprechstunde für Ältere"


def test_each_page_is_indexed_once_per_import(portal, example_lines, monkeypatch):
    indexed = []
    monkeypatch.setattr(batch, "insert_or_update_object_task", SimpleNamespace(enqueue=lambda *args: indexed.append(args)))
    import_jsonl(example_lines)
    pages = [args for args in indexed if args[1] in ("offerpage", "eventpage", "articlepage")]
    assert sorted(args[1] for args in pages) == ["articlepage", "eventpage", "offerpage"]


def test_saves_after_the_import_and_in_other_threads_index_at_once(portal, example_lines):
    import_jsonl(example_lines)
    assert any(receiver is post_save_signal_handler for receiver in post_save._live_receivers(OfferPage)[0])
    make_offer("Töpfern für Familien")
    assert admin_search(OfferPage, "Töpfern") == {"Töpfern für Familien"}

    seen = {}

    def save_elsewhere():
        seen["deferring"] = batch._deferring()

    with batch.deferred_indexes():
        worker = threading.Thread(target=save_elsewhere)
        worker.start()
        worker.join()
        assert batch._deferring() is not None
    assert seen["deferring"] is None  # another thread's saves are indexed as usual meanwhile

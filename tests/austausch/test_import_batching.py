"""A bulk import brings the indexes up to date once per page at its end (austausch/batch.py): Wagtail's admin
search and reference index and the portal's search follow it as they follow an editor; each page is indexed
once, not on each of its three saves; afterwards, and in other threads, every save indexes at once again."""

import threading

import pytest
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

from .conftest import AWO, SENIORENTANZ, SMARTPHONE_KURS, changed, jsonl


def admin_search(model, query: str) -> set[str]:
    return {page.title for page in get_search_backend().search(query, model)}


def test_imported_pages_reach_the_admin_search_the_reference_index_and_the_portal_search(portal, example_lines):
    import_jsonl(example_lines)
    offer = OfferPage.objects.get(title=SMARTPHONE_KURS["titel"])
    assert admin_search(OfferPage, "Smartphone") == {offer.title}
    bereich = Bereich.objects.get(slug="bildung")
    assert offer.pk in {
        int(ref.object_id) for ref in ReferenceIndex.get_references_to(bereich) if ref.base_content_type.model == "page"
    }
    assert SearchDocument.objects.filter(page_id=offer.pk, title=offer.title).exists()

    import_jsonl(jsonl(AWO, changed(SMARTPHONE_KURS, titel="Handy-Sprechstunde für Ältere")))
    assert admin_search(OfferPage, "Handy") == {"Handy-Sprechstunde für Ältere"}
    assert SearchDocument.objects.get(page_id=offer.pk).title == "Handy-Sprechstunde für Ältere"


def record_admin_indexing(monkeypatch) -> list[tuple[str, int]]:
    """(class name, pk) of what the admin search's backend is given to index, one by one or in bulk."""
    indexed = []
    backend_class = type(get_search_backend())
    add, add_bulk = backend_class.add, backend_class.add_bulk

    def add_one(self, obj):
        indexed.append((type(obj).__name__, obj.pk))
        return add(self, obj)

    def add_many(self, model, objs):
        indexed.extend((type(obj).__name__, obj.pk) for obj in objs)
        return add_bulk(self, model, objs)

    monkeypatch.setattr(backend_class, "add", add_one)
    monkeypatch.setattr(backend_class, "add_bulk", add_many)
    return indexed


def test_each_page_is_indexed_once_per_import(portal, example_lines, monkeypatch):
    indexed = record_admin_indexing(monkeypatch)
    import_jsonl(example_lines)
    assert sorted(name for name, _pk in indexed if name in ("OfferPage", "EventPage", "ArticlePage")) == [
        "ArticlePage",
        "EventPage",
        "OfferPage",
    ]

    # moved to another provider's folder, the event is saved as a Page too: still given to the backend once
    # (PostgreSQL's backend refuses a bulk that names a row twice)
    indexed.clear()
    other = changed(AWO, id="anb-vhs", name="Kreisvolkshochschule Elbe-Elster", traeger="bildung")
    import_jsonl(jsonl(other, changed(SENIORENTANZ, anbieter="anb-vhs", titel="Seniorentanz in Herzberg")))
    assert [name for name, _pk in indexed if name == "EventPage"] == ["EventPage"]
    assert len(indexed) == len(set(indexed))


def test_an_admin_search_node_that_fails_is_logged_and_the_import_stands(portal, example_lines, monkeypatch, caplog):
    """As modelsearch treats Elasticsearch: its errors are logged, the saved content stays (the database backends'
    errors roll the import back, as they would an editor's save)."""
    backend_class = type(get_search_backend())

    def unreachable(self, model, objs):
        raise ConnectionError("search node down")

    monkeypatch.setattr(backend_class, "add_bulk", unreachable)
    monkeypatch.setattr(backend_class, "catch_indexing_errors", True)
    report = import_jsonl(example_lines)
    assert report.created and not report.errors
    assert OfferPage.objects.filter(title=SMARTPHONE_KURS["titel"]).exists()
    assert "search node down" in caplog.text

    monkeypatch.setattr(backend_class, "catch_indexing_errors", False)
    with pytest.raises(ConnectionError):
        import_jsonl(jsonl(AWO, changed(SMARTPHONE_KURS, titel="Handy-Sprechstunde für Ältere")))
    assert not OfferPage.objects.filter(title="Handy-Sprechstunde für Ältere").exists()


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

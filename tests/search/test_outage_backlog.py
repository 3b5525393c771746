"""Nothing changed while Elasticsearch is down is lost (issue 14, finding 12).

Every change records its pages as pending in its own transaction; a successful push deletes the record; the
backlog is replayed on the next successful contact with the node (or by ``replay_search_backlog``) and
/health/ reports it. The outage is a loopback proxy in front of the suite's node that the test cuts off.
"""

import uuid
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from wagtail.models import Page

from search.engines import get_engine
from search.indexing import all_documents
from search.models import PendingIndexUpdate
from tests.factories import make_article, make_event, make_offer, make_user, offer_form_data
from tests.search.conftest import ES_URL, use_elasticsearch
from tests.search.proxy import CuttableProxy

DEAD_NODE = "http://127.0.0.1:9"  # nothing listens on the discard port


def pending_pages() -> set[int]:
    return set(PendingIndexUpdate.objects.values_list("page_id", flat=True))


def health_backlog(client) -> dict:
    response = client.get("/health/")
    assert response.status_code == 200
    return response.json()["checks"]["search"]["backlog"]


def republish_with_title(page, title: str):
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    page.save_revision().publish()
    return page


# --- the record (no node needed: a node that never answers) ---


def test_changes_while_the_node_is_down_are_recorded_and_health_reports_them(client, portal, settings):
    use_elasticsearch(settings, url=DEAD_NODE)
    offer = make_offer("Yoga im Park")
    event = make_event("Konzert im Schloss")
    event.unpublish()
    assert pending_pages() == {offer.pk, event.pk}
    backlog = health_backlog(client)
    assert backlog["count"] == 2 and backlog["oldest_seconds"] >= 0
    assert client.get("/health/").json()["checks"]["search"]["status"] == "degraded"
    # the fallback search already knows both changes: the database table changed with the pages
    titles = {item["title"] for item in client.get("/api/v2/search/", {"q": "Yoga Konzert"}).json()["items"]}
    assert titles == {"Yoga im Park"}


def test_the_dashboard_tells_the_editors_how_many_pages_wait(admin_client, portal, settings):
    use_elasticsearch(settings, url=DEAD_NODE)
    make_offer("Yoga im Park")
    make_offer("Töpfern am Abend")
    html = admin_client.get("/admin/").content.decode()
    assert "Die Suche läuft eingeschränkt" in html
    assert "Seiten mit Änderungen, die noch auf Elasticsearch warten: 2." in html


def test_a_change_that_rolls_back_leaves_no_record(portal, settings):
    use_elasticsearch(settings, url=DEAD_NODE)
    offer = make_offer("Yoga im Park")
    PendingIndexUpdate.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        republish_with_title(offer, "Yoga am See")
        assert pending_pages() == {offer.pk}  # written in the change's transaction …
        raise RuntimeError("the editor's action fails later")
    assert pending_pages() == set()  # … and gone with it


def test_deleting_and_rating_updates_are_recorded_too(portal, settings):
    use_elasticsearch(settings, url=DEAD_NODE)
    offer, article = make_offer("Yoga im Park"), make_article("Neues Programm")
    PendingIndexUpdate.objects.all().delete()
    article.delete()
    from feedback.services import reindex

    reindex(offer.pk)  # what a new rating or a moderated one does
    assert pending_pages() == {article.pk, offer.pk}


def test_the_replay_command_keeps_the_backlog_while_the_node_still_fails(portal, settings, capsys):
    use_elasticsearch(settings, url=DEAD_NODE)
    offer = make_offer("Yoga im Park")
    with pytest.raises(SystemExit) as exit_info:
        call_command("replay_search_backlog")
    assert exit_info.value.code == 1
    assert "1 page(s) still pending" in capsys.readouterr().err
    assert pending_pages() == {offer.pk}


def test_nothing_is_recorded_on_the_database_engine(client, portal):
    make_offer("Yoga im Park")
    assert pending_pages() == set()
    assert client.get("/health/").json()["checks"]["search"] == {"status": "ok", "engine": "database"}


# --- the real node behind a proxy that the test cuts off ---


@pytest.fixture
def cuttable_node(settings, portal):
    if not ES_URL:
        pytest.fail("ELASTICSEARCH_TEST_URL is not set: run the suite with `make test`, which starts Elasticsearch.")
    target = urlsplit(ES_URL.split(",")[0])
    proxy = CuttableProxy(target.hostname, target.port).start()
    use_elasticsearch(settings, url=proxy.url, index=f"test_{uuid.uuid4().hex[:8]}_ausfall")
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "TIMEOUT": 3}
    engine = get_engine()
    engine.drop()
    engine.rebuild(all_documents())  # before the outage: whatever the test session's data holds
    yield proxy
    proxy.cut()
    proxy.start()
    engine.drop()
    proxy.cut()


def index_titles() -> dict[int, str]:
    engine = get_engine()
    engine.client.indices.refresh(index=engine.alias)
    response = engine.client.search(index=engine.alias, size=1000, source=["title"], query={"match_all": {}})
    return {int(hit["_id"]): hit["_source"]["title"] for hit in response["hits"]["hits"]}


def fresh_rebuild_titles() -> dict[int, str]:
    """What rebuild_search_index would write, without writing it."""
    return {document["page_id"]: document["title"] for document in all_documents()}


@pytest.mark.elasticsearch
@pytest.mark.postgres
def test_outage_under_load_loses_nothing_and_answers_no_500(client, cuttable_node):
    assert connection.vendor == "postgresql", "needs PostgreSQL: run with DATABASE_URL=postgres://…"
    offers = [make_offer(f"Yoga Kurs {n}") for n in range(4)]
    events = [make_event(f"Konzert Abend {n}") for n in range(3)]
    assert index_titles() == fresh_rebuild_titles()
    statuses = []

    def searches():
        for path, params in (
            ("/api/v2/search/", {"q": "Yoga"}),
            ("/suche/", {"q": "Konzert"}),
            ("/api/v2/search/suggest/", {"q": "Yo"}),
            ("/api/v2/search/", {"typ": "veranstaltung"}),
        ):
            statuses.append(client.get(path, params).status_code)

    admin = Client(raise_request_exception=False)
    admin.force_login(make_user("admin", superuser=True))

    def publish_in_the_admin(page, title: str):
        data = offer_form_data(title, slug=page.slug)
        data.pop("action-submit")
        data["action-publish"] = "Veröffentlichen"
        statuses.append(admin.post(f"/admin/pages/{page.pk}/edit/", data).status_code)

    cuttable_node.cut()
    for round_ in range(3):  # a bounded load: searches between the editors' actions
        searches()
        if round_ == 2:  # through the admin's edit form, as the office does it
            publish_in_the_admin(offers[round_], f"Pilates Kurs {round_}")
            statuses.append(admin.post(f"/admin/pages/{events[0].pk}/unpublish/").status_code)
        else:
            republish_with_title(offers[round_], f"Pilates Kurs {round_}")
        searches()
        if round_ == 0:
            offers[3].unpublish()
        if round_ == 1:
            events[1].unpublish()
        make_offer(f"Tanz Kurs {round_}")
        searches()
        backlog = health_backlog(client)
        assert backlog["count"] >= round_ + 2
    assert client.get("/health/").json()["checks"]["search"]["status"] == "degraded"
    assert 500 not in statuses and set(statuses) == {200, 302}
    # during the outage the residents' search already answers from the database: the new titles
    api = client.get("/api/v2/search/", {"q": "Pilates"}).json()
    assert api["meta"]["degraded"] is True and {i["title"] for i in api["items"]} == {
        f"Pilates Kurs {n}" for n in range(3)
    }

    cuttable_node.start()  # the node answers again: the next search replays the backlog
    assert client.get("/api/v2/search/", {"q": "Yoga"}).status_code == 200
    backlog = health_backlog(client)
    assert backlog == {"count": 0, "oldest_seconds": 0}
    assert client.get("/health/").json()["checks"]["search"]["status"] == "ok"
    expected = fresh_rebuild_titles()
    assert index_titles() == expected  # same ids, same titles, without a rebuild
    assert offers[3].pk not in expected and events[1].pk not in expected and events[0].pk not in expected
    assert expected[offers[0].pk] == "Pilates Kurs 0"
    engine_answer = client.get("/api/v2/search/", {"q": "Pilates"}).json()
    assert engine_answer["meta"]["degraded"] is False
    assert {i["title"] for i in engine_answer["items"]} == {f"Pilates Kurs {n}" for n in range(3)}


@pytest.mark.elasticsearch
def test_the_replay_command_pushes_the_backlog_once_the_node_answers(cuttable_node, capsys):
    offer, gone = make_offer("Yoga im Park"), make_offer("Töpfern am Abend")
    cuttable_node.cut()
    republish_with_title(offer, "Yoga am See")
    gone.unpublish()
    assert pending_pages() == {offer.pk, gone.pk}
    cuttable_node.start()
    call_command("replay_search_backlog")
    assert "2 page(s) replayed; 0 pending." in capsys.readouterr().out
    assert pending_pages() == set()
    titles = index_titles()
    assert titles == fresh_rebuild_titles()
    assert titles[offer.pk] == "Yoga am See" and gone.pk not in titles


@pytest.mark.elasticsearch
def test_the_next_edit_after_the_outage_replays_what_it_left(cuttable_node):
    offer, other = make_offer("Yoga im Park"), make_offer("Töpfern am Abend")
    cuttable_node.cut()
    offer.unpublish()
    cuttable_node.start()
    republish_with_title(other, "Töpfern am Morgen")  # a successful push: the backlog follows
    assert pending_pages() == set()
    titles = index_titles()
    assert offer.pk not in titles and titles[other.pk] == "Töpfern am Morgen"


@pytest.mark.elasticsearch
def test_wagtails_own_index_gets_the_missed_changes_too(cuttable_node, settings):
    """The pages API search and the admin search use Wagtail's index on the same node: it missed them too."""
    prefix = f"test_{uuid.uuid4().hex[:8]}_wagtail_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [cuttable_node.url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 3,
            "OPTIONS": {},
        }
    }
    offer, gone = make_offer("Yoga im Park"), make_offer("Töpfern am Abend")
    client = get_engine().client
    try:
        cuttable_node.cut()
        republish_with_title(offer, "Yoga am See")
        gone.delete()
        cuttable_node.start()
        call_command("replay_search_backlog")
        index = f"{prefix}wagtailcore_page"
        client.indices.refresh(index=index)
        assert client.get(index=index, id=str(offer.pk))["_source"]["title"] == "Yoga am See"
        assert not client.exists(index=index, id=str(gone.pk))
    finally:
        client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)

"""Publishing indexes; everything that hides a page takes it out of the search, on both engines."""

import datetime

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from bildungsboerse.models import BildungsboerseIndexPage
from search.engines import get_engine
from search.params import parse_search_params
from taxonomy.models import Zielgruppe
from tests.factories import make_event, make_offer, make_provider


def found(string: str = "") -> set[str]:
    return {hit.title for hit in get_engine().search(parse_search_params(QueryDict(string), strict=True)).hits}


def test_publishing_indexes_with_taxonomies_and_unpublishing_removes(engine_name):
    offer = make_offer("Yoga im Park", zielgruppen=["senioren", "familien"])
    assert found("zielgruppe=familien") == {"Yoga im Park"}
    offer.unpublish()
    assert found("q=Yoga") == set()


def test_taxonomy_changes_of_a_new_revision_reach_the_index(engine_name):
    offer = make_offer("Yoga im Park", zielgruppen=["senioren"])
    offer.zielgruppen = [Zielgruppe.objects.get(slug="jugendliche")]
    offer.save_revision().publish()
    assert found("zielgruppe=jugendliche") == {"Yoga im Park"}
    assert found("zielgruppe=senioren") == set()


def test_drafts_of_live_pages_do_not_reach_the_index(engine_name):
    offer = make_offer("Yoga im Park")
    offer.title = "Geheimer Entwurfstitel"
    offer.save_revision()
    assert found("q=Yoga") == {"Yoga im Park"}
    assert found("q=Entwurfstitel") == set()


def test_deleting_removes(engine_name):
    offer = make_offer("Yoga im Park")
    offer.delete()
    assert found("q=Yoga") == set()


def test_unpublishing_the_parent_removes_the_subtree_and_republishing_restores_it(engine_name):
    make_offer("Yoga im Park")
    index_page = BildungsboerseIndexPage.objects.get()
    index_page.unpublish()
    assert found("q=Yoga") == set()
    index_page.save_revision().publish()
    assert found("q=Yoga") == {"Yoga im Park"}


def test_scheduled_expiry_removes_from_results(engine_name):
    offer = make_offer("Yoga im Park")
    offer.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    offer.save_revision().publish()
    call_command("publish_scheduled")
    assert found("q=Yoga") == set()


def test_ended_events_are_not_found(engine_name):
    make_event("Konzert gestern", start=timezone.now() - datetime.timedelta(days=1, hours=3))
    make_event("Konzert morgen", start=timezone.now() + datetime.timedelta(days=1))
    assert found("q=Konzert") == {"Konzert morgen"}


def test_suspending_a_provider_removes_its_pages(engine_name):
    provider = make_provider()
    make_offer("Yoga im Park", anbieter=provider)
    provider.is_active = False
    provider.save()
    assert found("q=Yoga") == set()


def test_taxonomy_renames_reach_the_index(engine_name, client):
    make_offer("Yoga im Park", zielgruppen=["senioren"])
    gruppe = Zielgruppe.objects.get(slug="senioren")
    gruppe.slug, gruppe.name = "aeltere", "Ältere Menschen"
    gruppe.save()
    assert found("zielgruppe=aeltere") == {"Yoga im Park"}
    facets = client.get("/api/v2/search/", {"zielgruppe": "aeltere"}).json()["facets"]["zielgruppe"]
    assert {"slug": "aeltere", "name": "Ältere Menschen", "count": 1} in facets


def test_rebuild_restores_a_drifted_index(engine_name):
    make_offer("Yoga im Park")
    get_engine().delete([p.pk for p in BildungsboerseIndexPage.objects.get().get_children()])
    assert found("q=Yoga") == set()
    call_command("rebuild_search_index")
    assert found("q=Yoga") == {"Yoga im Park"}
    call_command("rebuild_search_index", "--check")


@pytest.mark.elasticsearch
def test_rebuild_switches_the_alias_to_a_new_index(settings, portal):
    from tests.search.conftest import ES_URL, use_elasticsearch

    use_elasticsearch(settings, index="test_alias_suche")
    engine = get_engine()
    engine.drop()
    make_offer("Yoga im Park")
    before = set(engine.client.indices.get_alias(name=engine.alias))
    call_command("rebuild_search_index")
    after = set(engine.client.indices.get_alias(name=engine.alias))
    assert len(after) == 1 and after.isdisjoint(before)
    assert (
        not engine.client.indices.exists(index=",".join(before), allow_no_indices=False, ignore_unavailable=False)
        if before
        else True
    )
    assert found("q=Yoga") == {"Yoga im Park"}
    engine.drop()
    assert ES_URL

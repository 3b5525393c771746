"""The Wagtail API v2: every page type's fields, taxonomy filters, 400 on bad input, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from caching.content import bump_content_version
from tests.factories import make_article, make_event, make_offer, make_provider

API = "/api/v2/pages/"


def get(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_offer_exposes_its_fields_with_taxonomies_provider_venue_and_iso_dates(client, portal):
    provider = make_provider(name="AWO Kreisverband", slug="awo")
    offer = make_offer(
        "Sturzprävention",
        anbieter=provider,
        start_date=datetime.date(2030, 4, 1),
        end_date=datetime.date(2030, 5, 31),
        price=12,
        venue_name="Gemeindezentrum",
    )
    data = client.get(f"{API}{offer.pk}/").json()
    assert data["meta"]["type"] == "bildungsboerse.OfferPage"
    assert data["title"] == "Sturzprävention" and data["teaser"] == "Teaser Sturzprävention"
    assert data["anbieter"]["slug"] == "awo" and data["anbieter"]["name"] == "AWO Kreisverband"
    assert data["bereich"] == {"slug": "bildung", "name": "Bildung"}
    assert data["lebenslagen"] == [{"slug": "digitales-leben", "name": "Digitales Leben"}]
    assert data["zielgruppen"] == [{"slug": "senioren", "name": "Seniorinnen und Senioren"}]
    assert data["barrierefreiheit"] == [{"slug": "stufenlos", "name": "Stufenloser Zugang"}]
    assert data["venue"]["name"] == "Gemeindezentrum"
    assert data["venue"]["ort"] == {"slug": "herzberg-elster", "name": "Herzberg (Elster)"}
    assert data["venue"]["latitude"] == pytest.approx(51.687) and data["venue"]["longitude"] == pytest.approx(13.233)
    assert (data["start_date"], data["end_date"]) == ("2030-04-01", "2030-05-31")
    assert data["price"] == "12.00" and data["is_free"] is False and data["format"] == "praesenz"


def test_event_dates_are_iso_8601_with_time_zone(client, portal):
    start = timezone.make_aware(datetime.datetime(2030, 7, 1, 19, 0))
    event = make_event("Konzert", start=start)
    data = client.get(f"{API}{event.pk}/").json()
    assert data["start"] == "2030-07-01T19:00:00+02:00"
    assert data["end"] == "2030-07-01T21:00:00+02:00"
    assert data["all_day"] is False and data["zielgruppen"][0]["slug"] == "senioren"


def test_article_exposes_date_author_and_taxonomies(client, portal):
    article = make_article("Rufbus", author="Servicebüro", date=datetime.date(2030, 2, 3))
    data = client.get(f"{API}{article.pk}/").json()
    assert (data["date"], data["author"]) == ("2030-02-03", "Servicebüro")
    assert data["lebenslagen"] == [{"slug": "ehrenamt", "name": "Ehrenamt & Engagement"}]
    assert data["anbieter"] is None


def test_index_and_standard_pages_are_in_the_api(client, portal):
    types = {item["meta"]["type"] for item in get(client, limit=50)["items"]}
    assert {
        "home.HomePage",
        "bildungsboerse.BildungsboerseIndexPage",
        "kalender.KalenderIndexPage",
        "aktuelles.AktuellesIndexPage",
        "home.StandardPage",
    } <= types


def test_filter_by_type_and_taxonomies(client, portal):
    make_offer("Smartphone", zielgruppen=["senioren"])
    make_offer("Bewerbung", zielgruppen=["jugendliche"], ort="finsterwalde")
    make_event("Tanz", zielgruppen=["senioren"])
    make_article("Ehrenamt", zielgruppen=["senioren"])

    def found(**params):
        return {item["title"] for item in get(client, **params)["items"]}

    assert found(type="bildungsboerse.OfferPage", zielgruppe="senioren") == {"Smartphone"}
    assert found(zielgruppe="senioren") == {"Smartphone", "Tanz", "Ehrenamt"}
    assert found(zielgruppe=["senioren", "jugendliche"], ort="finsterwalde") == {"Bewerbung", "Tanz"}
    assert found(type="kalender.EventPage") == {"Tanz"}


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"zielgruppe": "marsmenschen"}, "zielgruppe"),
        ({"lebenslage": "x", "type": "bildungsboerse.OfferPage"}, "lebenslage"),
        ({"type": "gibtsnicht.Seite"}, "type"),
        ({"limit": "1000"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"offset": "abc"}, "offset"),
        ({"kostenlos": "vielleicht"}, "kostenlos"),
        ({"type": "aktuelles.ArticlePage", "ort": "herzberg-elster"}, "ort"),
        ({"unbekannt": "1"}, "unbekannt"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, portal, params, parameter):
    response = client.get(API, params)
    assert response.status_code == 400
    assert parameter in response.json()["message"]


def test_unpublished_pages_and_suspended_providers_never_leave_the_admin(client, portal):
    draft = make_offer("Geheimer Entwurf", live=False)
    hidden = make_offer("Gesperrt", anbieter=make_provider(is_active=False))
    titles = {item["title"] for item in get(client, type="bildungsboerse.OfferPage")["items"]}
    assert "Geheimer Entwurf" not in titles and "Gesperrt" not in titles
    assert client.get(f"{API}{draft.pk}/").status_code == 404
    assert client.get(f"{API}{hidden.pk}/").status_code == 404


def test_draft_changes_of_a_live_page_are_not_served(client, portal):
    offer = make_offer("Veröffentlichter Titel")
    offer.title = "Unveröffentlichte Änderung"
    offer.save_revision()
    assert client.get(f"{API}{offer.pk}/").json()["title"] == "Veröffentlichter Titel"


@pytest.mark.parametrize(
    "page_type, factory",
    [
        ("bildungsboerse.OfferPage", make_offer),
        ("kalender.EventPage", make_event),
        ("aktuelles.ArticlePage", make_article),
    ],
)
def test_listing_query_count_does_not_grow_with_its_length(client, portal, page_type, factory):
    provider = make_provider()
    for i in range(2):
        factory(f"Erste {i}", anbieter=provider)
    params = {"type": page_type, "fields": "*"}
    get(client, **params)  # warm the site and locale caches shared by every request
    bump_content_version()  # measure the endpoint, not its answer cache (tests/ops/test_caching.py)
    with CaptureQueriesContext(connection) as few:
        assert len(get(client, **params)["items"]) == 2
    for i in range(10):
        factory(f"Weitere {i}", anbieter=make_provider())
    bump_content_version()
    with CaptureQueriesContext(connection) as many:
        assert len(get(client, **params)["items"]) == 12
    assert len(many) == len(few)

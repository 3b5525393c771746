"""Listing pages filter by the taxonomies; bad filters answer 400 in German."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bildungsboerse.models import BildungsboerseIndexPage
from caching.content import bump_content_version
from kalender.models import KalenderIndexPage
from tests.factories import make_event, make_offer, make_provider
from tests.module_data import rolled_back_at_the_end


def titles(response) -> set[str]:
    return {item.title for item in response.context["items"]}


@pytest.fixture(scope="class")
def offers(django_db_setup, django_db_blocker):
    """Three offers, built once for the class's tests, which only read the listing (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        yield {
            "smartphone": make_offer("Smartphone", zielgruppen=["senioren"], ort="herzberg-elster"),
            "bewerbung": make_offer(
                "Bewerbung", zielgruppen=["jugendliche"], lebenslagen=["schule-ausbildung"], ort="finsterwalde"
            ),
            "familie": make_offer(
                "Erste Hilfe",
                zielgruppen=["familien", "senioren"],
                ort="finsterwalde",
                is_free=True,
                bereich="soziales",
            ),
        }


@pytest.mark.django_db
class TestFilters:
    """The filters over the same three offers (a class, so that the module's tests with offers of their own do
    not see them)."""

    def test_values_of_one_filter_combine_with_or(self, client, offers):
        url = BildungsboerseIndexPage.objects.get().url
        response = client.get(url, {"zielgruppe": ["jugendliche", "familien"]})
        assert titles(response) == {"Bewerbung", "Erste Hilfe"}

    def test_different_filters_combine_with_and(self, client, offers):
        url = BildungsboerseIndexPage.objects.get().url
        assert titles(client.get(url, {"zielgruppe": "senioren", "ort": "finsterwalde"})) == {"Erste Hilfe"}
        assert titles(client.get(url, {"zielgruppe": "senioren", "kostenlos": "1"})) == {"Erste Hilfe"}
        assert titles(client.get(url, {"bereich": "bildung", "lebenslage": "schule-ausbildung"})) == {"Bewerbung"}

    def test_offer_with_two_matching_groups_is_listed_once(self, client, offers):
        response = client.get(BildungsboerseIndexPage.objects.get().url, {"zielgruppe": ["familien", "senioren"]})
        assert [item.title for item in response.context["items"]].count("Erste Hilfe") == 1

    @pytest.mark.parametrize(
        "params, message",
        [
            ({"zielgruppe": "marsmenschen"}, "„marsmenschen“ ist kein bekannter Wert."),
            ({"ort": "berlin"}, "„berlin“ ist kein bekannter Wert."),
            ({"seite": "abc"}, "ganze Zahl"),
            ({"seite": "0"}, "größer oder gleich 1"),
            ({"kostenlos": "vielleicht"}, "Erlaubt sind „1“ oder „0“."),
            ({"format": "brieftaube"}, "„brieftaube“ ist kein bekannter Wert."),
        ],
    )
    def test_bad_filters_answer_400_with_german_message(self, client, offers, params, message):
        response = client.get(BildungsboerseIndexPage.objects.get().url, params)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert "Smartphone" not in html  # nothing is listed as if the filter did not exist


def test_listing_paginates(client, portal):
    for i in range(14):
        make_offer(f"Kurs {i:02d}")
    url = BildungsboerseIndexPage.objects.get().url
    first, second = client.get(url), client.get(url, {"seite": 2})
    assert len(first.context["items"]) == 12 and len(second.context["items"]) == 2
    assert titles(first).isdisjoint(titles(second))
    assert "seite=2" in first.content.decode()


def test_unpublished_ended_and_suspended_provider_content_is_not_listed(client, portal):
    suspended = make_provider(is_active=False)
    make_offer("Entwurf", live=False)
    make_offer(
        "Vorbei",
        start_date=timezone.localdate() - datetime.timedelta(days=40),
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    make_offer("Gesperrter Anbieter", anbieter=suspended)
    make_offer("Laufend", schedule="laufend", start_date=None, end_date=None)
    make_offer("Aktuell")
    assert titles(client.get(BildungsboerseIndexPage.objects.get().url)) == {"Laufend", "Aktuell"}


def test_calendar_lists_upcoming_events_in_order_and_hides_ended_ones(client, portal):
    now = timezone.now()
    make_event("Übermorgen", start=now + datetime.timedelta(days=2))
    make_event("Morgen", start=now + datetime.timedelta(days=1))
    make_event("Gestern", start=now - datetime.timedelta(days=1))
    make_event("Läuft gerade", start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1))
    response = client.get(KalenderIndexPage.objects.get().url)
    assert [item.title for item in response.context["items"]] == ["Läuft gerade", "Morgen", "Übermorgen"]


def test_ended_event_page_itself_still_answers_and_says_so(client, portal):
    event = make_event("Gestern", start=timezone.now() - datetime.timedelta(days=2))
    response = client.get(event.url)
    assert response.status_code == 200 and "bereits vorbei" in response.content.decode()


def test_listing_query_count_does_not_grow_with_items(client, portal):
    url = BildungsboerseIndexPage.objects.get().url
    make_offer("Eins")
    client.get(url)  # warm the site caches shared by every request
    bump_content_version()  # measure rendering, not the fragment cache (tests/ops/test_caching.py)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(8):
        make_offer(f"Mehr {i}")
    bump_content_version()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)

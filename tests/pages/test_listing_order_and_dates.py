"""Listings sort (sortierung=datum|neu|titel) and narrow to a date range (von, bis); wrong values answer 400 in
German; the active range is a removable chip and the filters' summary counts it."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import make_event, make_offer


def titles(response) -> list[str]:
    return [item.title for item in response.context["items"]]


@pytest.fixture
def offers(portal):
    today = timezone.localdate()
    return {
        "spaet": make_offer(
            "Aquarellmalen",
            start_date=today + datetime.timedelta(days=40),
            end_date=today + datetime.timedelta(days=60),
        ),
        "bald": make_offer(
            "Zumba", start_date=today + datetime.timedelta(days=2), end_date=today + datetime.timedelta(days=5)
        ),
        "mitte": make_offer(
            "Englisch", start_date=today + datetime.timedelta(days=10), end_date=today + datetime.timedelta(days=20)
        ),
    }


def test_offers_sort_by_date_by_title_and_newest(client, offers):
    assert titles(client.get("/bildungsboerse/")) == ["Zumba", "Englisch", "Aquarellmalen"]
    assert titles(client.get("/bildungsboerse/?sortierung=titel")) == ["Aquarellmalen", "Englisch", "Zumba"]
    assert titles(client.get("/bildungsboerse/?sortierung=neu")) == ["Englisch", "Zumba", "Aquarellmalen"]


def test_offers_narrow_to_a_date_range_shown_as_a_chip(client, offers):
    today = timezone.localdate()
    von, bis = today + datetime.timedelta(days=4), today + datetime.timedelta(days=12)
    response = client.get(f"/bildungsboerse/?von={von:%Y-%m-%d}&bis={bis:%Y-%m-%d}")
    assert titles(response) == ["Zumba", "Englisch"]  # both overlap the range, the Aquarellmalen starts later
    html = response.content.decode()
    assert f"ab {von:%d.%m.%Y}" in html and f"bis {bis:%d.%m.%Y}" in html
    assert "Filter (2" in html
    assert titles(client.get(f"/bildungsboerse/?von={today + datetime.timedelta(days=30):%Y-%m-%d}")) == [
        "Aquarellmalen"
    ]


def test_events_narrow_to_a_date_range(client, portal):
    now = timezone.now()
    make_event("Lesung", start=now + datetime.timedelta(days=3))
    make_event("Konzert", start=now + datetime.timedelta(days=20))
    day = timezone.localdate(now + datetime.timedelta(days=20))
    assert titles(client.get(f"/veranstaltungen/?von={day:%Y-%m-%d}&bis={day:%Y-%m-%d}")) == ["Konzert"]
    assert titles(client.get("/veranstaltungen/?sortierung=titel")) == ["Konzert", "Lesung"]


@pytest.mark.parametrize(
    "query, field",
    [("sortierung=preis", "Sortierung"), ("von=gestern", "ab Datum"), ("von=2026-12-10&bis=2026-12-01", "bis Datum")],
)
def test_wrong_sort_or_dates_answer_400_in_german(client, offers, query, field):
    response = client.get(f"/bildungsboerse/?{query}")
    assert response.status_code == 400
    assert f"{field}:" in response.content.decode()

"""The calendar's day, week and month views, "heute" and "dieses Wochenende", filtered like the search."""

import datetime

import pytest
from django.utils import timezone

from kalender.recurrence import BERLIN
from search.params import period_dates
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def test_month_grid_is_an_accessible_table_with_occurrences(client, portal):
    today = timezone.localdate()
    first = today.replace(day=1)
    make_event("Chorprobe", start=at(first), repeat="daily", repeat_count=3, zielgruppen=["senioren"])
    make_event("Kinderdisco", start=at(first), zielgruppen=["familien"])
    html = client.get(f"/veranstaltungen/{today.year}/{today.month}/").content.decode()
    assert "<caption>" in html and html.count('<th scope="col">') == 7
    assert 'aria-current="date"' in html
    assert html.count("Chorprobe") == 3 and "Kinderdisco" in html
    filtered = client.get(f"/veranstaltungen/{today.year}/{today.month}/?zielgruppe=senioren").content.decode()
    assert "Chorprobe" in filtered and "Kinderdisco" not in filtered
    assert client.get(f"/veranstaltungen/{today.year}/13/").status_code == 404
    assert client.get(f"/veranstaltungen/{today.year}/{today.month}/?ort=atlantis").status_code == 400


def test_day_week_today_and_weekend_lists(client, portal):
    today = timezone.localdate()
    saturday = period_dates("wochenende", today)[1]  # a day of this weekend (Sunday's: Sunday)
    make_event("Heute-Termin", start=at(today, 23))
    make_event("Wochenend-Markt", start=at(saturday, 10), ort="herzberg-elster")
    assert "Heute-Termin" in client.get("/veranstaltungen/heute/").content.decode()
    weekend = client.get("/veranstaltungen/wochenende/?ort=herzberg-elster").content.decode()
    assert "Wochenend-Markt" in weekend and "Heute-Termin" not in weekend
    day = client.get(f"/veranstaltungen/{saturday.year}/{saturday.month}/{saturday.day}/").content.decode()
    assert "Wochenend-Markt" in day
    iso = saturday.isocalendar()
    assert "Wochenend-Markt" in client.get(f"/veranstaltungen/{iso.year}/woche/{iso.week}/").content.decode()


def test_listing_orders_a_running_series_by_its_next_occurrence(client, portal):
    long_ago = at(timezone.localdate() - datetime.timedelta(days=60))
    make_event("Später", start=at(timezone.localdate() + datetime.timedelta(days=10)))
    make_event("Lauftreff täglich", start=long_ago, repeat="daily")
    html = client.get("/veranstaltungen/").content.decode()
    assert html.index("Lauftreff täglich") < html.index("Später")


def test_month_view_preselects_only_events_that_can_reach_the_month(client, portal):
    """Past single events and ended series are left in the database; what can still touch the month is kept."""
    from kalender.models import EventPage

    today = timezone.localdate()
    first = today.replace(day=1)
    window_start, window_end = at(first, 0), at(first + datetime.timedelta(days=42), 0)
    make_event("Vorjahreskonzert", start=at(first - datetime.timedelta(days=400)))
    make_event("Abgelaufene Reihe", start=at(first - datetime.timedelta(days=90)), repeat="daily", repeat_count=5)
    make_event(
        "Ausstellung über den Monatswechsel",
        start=at(first - datetime.timedelta(days=3)),
        end=at(first + datetime.timedelta(days=3)),
    )
    make_event("Gestern ohne Ende", start=at(first - datetime.timedelta(days=1), 20), end=None)
    make_event(
        "Stammtisch seit Jahren", start=at(first - datetime.timedelta(days=700)), repeat="daily", repeat_interval=7
    )
    kept = set(EventPage.objects.overlapping(window_start, window_end).values_list("title", flat=True))
    assert kept == {"Ausstellung über den Monatswechsel", "Gestern ohne Ende", "Stammtisch seit Jahren"}
    html = client.get(f"/veranstaltungen/{today.year}/{today.month}/").content.decode()
    assert "Stammtisch seit Jahren" in html and "Ausstellung über den Monatswechsel" in html
    assert "Vorjahreskonzert" not in html and "Abgelaufene Reihe" not in html

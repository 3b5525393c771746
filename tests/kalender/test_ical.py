"""iCalendar output: one event, the whole calendar and filtered feeds, parsed back with ``icalendar``."""

import datetime

import pytest
from icalendar import Calendar

from kalender.models import EventOccurrenceChange
from kalender.recurrence import BERLIN
from search.documents import build_document
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(calendar: Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


def future(days: int, hour: int = 19) -> datetime.datetime:
    day = datetime.datetime.now(BERLIN).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def test_single_event_download_with_stable_uid_and_berlin_time(client, portal):
    event = make_event("Lesung im Schloss", start=future(5), price=8, venue_name="Schloss", street="Schlossplatz 1")
    for url in (event.url + "ical/", event.url + "?format=ics"):
        calendar = parse(client.get(url))
        [vevent] = vevents(calendar)
        assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
        assert str(vevent["SUMMARY"]) == "Lesung im Schloss"
        assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert vevent.decoded("DTSTART") == future(5)
        assert vevent.decoded("DTEND") == future(5) + datetime.timedelta(hours=2)
        assert "Schloss, Schlossplatz 1" in str(vevent["LOCATION"])
        assert str(vevent["URL"]).endswith(event.url)
        [timezone] = calendar.walk("VTIMEZONE")
        assert str(timezone["TZID"]) == "Europe/Berlin"
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]


def test_recurring_event_carries_rrule_exdate_and_moved_occurrence(client, portal):
    start = future(7)
    event = make_event(
        "Stammtisch",
        start=start,
        repeat="weekly",
        repeat_weekdays=["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()],
        repeat_count=6,
    )
    week = datetime.timedelta(days=7)
    event.occurrence_changes = [
        EventOccurrenceChange(original_date=(start + week).date(), action="cancel"),
        EventOccurrenceChange(
            original_date=(start + 2 * week).date(),
            action="move",
            new_start=start + 2 * week + datetime.timedelta(days=1),
            note="Raum belegt",
        ),
    ]
    event.save_revision().publish()
    calendar = parse(client.get(event.url + "ical/"))
    master, override = vevents(calendar)
    rrule = master["RRULE"]
    assert rrule["FREQ"] == ["WEEKLY"] and rrule["COUNT"] == [6]
    exdates = (
        [d.dt for d in master["EXDATE"].dts]
        if not isinstance(master["EXDATE"], list)
        else [d.dt for ex in master["EXDATE"] for d in ex.dts]
    )
    assert exdates == [start + week]
    assert exdates[0].tzinfo is not None and master["EXDATE"].params.get("TZID") == "Europe/Berlin"
    assert override["UID"] == master["UID"]
    assert override.decoded("RECURRENCE-ID") == start + 2 * week
    assert override.decoded("DTSTART") == start + 2 * week + datetime.timedelta(days=1)
    # the API lists the occurrences, the search finds the series by its next one
    occurrences = client.get(f"/api/v2/pages/{event.pk}/").json()["next_occurrences"]
    assert len(occurrences) == 5 and occurrences[1]["moved"] is True and occurrences[1]["note"] == "Raum belegt"
    document = build_document(event)
    assert document["date_from"] == start.date() and document["date_to"] == (start + 5 * week).date()


def test_all_day_event_uses_dates(client, portal):
    day = future(3).replace(hour=0)
    event = make_event("Dorffest", start=day, end=day + datetime.timedelta(days=1), all_day=True)
    [vevent] = vevents(parse(client.get(event.url + "ical/")))
    assert vevent.decoded("DTSTART") == day.date()
    assert vevent.decoded("DTEND") == day.date() + datetime.timedelta(days=2)  # exclusive end


def test_feeds_for_the_calendar_and_for_filters(client, portal):
    make_event("Seniorentanz Herzberg", start=future(2), zielgruppen=["senioren"], ort="herzberg-elster")
    make_event("Seniorenkino Finsterwalde", start=future(2), zielgruppen=["senioren"], ort="finsterwalde")
    make_event("Kinderfest Herzberg", start=future(2), zielgruppen=["familien"], ort="herzberg-elster")
    make_event("Vorbei", start=future(-5))
    make_event("Entwurf", start=future(2), live=False)
    everything = parse(client.get("/veranstaltungen/feed.ics"))
    assert sorted(str(e["SUMMARY"]) for e in vevents(everything)) == [
        "Kinderfest Herzberg",
        "Seniorenkino Finsterwalde",
        "Seniorentanz Herzberg",
    ]
    assert str(everything["X-WR-TIMEZONE"]) == "Europe/Berlin"
    filtered = parse(client.get("/veranstaltungen/feed.ics?zielgruppe=senioren&ort=herzberg-elster"))
    assert [str(e["SUMMARY"]) for e in vevents(filtered)] == ["Seniorentanz Herzberg"]
    same = parse(client.get("/veranstaltungen/feed/?zielgruppe=senioren&ort=herzberg-elster"))
    assert [str(e["UID"]) for e in vevents(same)] == [str(e["UID"]) for e in vevents(filtered)]
    bad = client.get("/veranstaltungen/feed.ics?zielgruppe=niemand")
    assert bad.status_code == 400 and "zielgruppe" in bad.content.decode()

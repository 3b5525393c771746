"""iCalendar SEQUENCE and LAST-MODIFIED grow with each published revision, counted in one query per feed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from tests.factories import make_event

pytestmark = pytest.mark.django_db


def vevent_of(client, url: str, event) -> dict:
    calendar = Calendar.from_ical(client.get(url).content)
    [vevent] = [v for v in calendar.walk("VEVENT") if str(v["UID"]).startswith(f"event-{event.pk}@")]
    return vevent


def test_sequence_and_last_modified_grow_when_the_event_is_republished(client, portal):
    event = make_event("Lesung")
    first = vevent_of(client, event.url + "ical/", event)
    assert first["SEQUENCE"] == 0
    assert first.decoded("LAST-MODIFIED") == event.last_published_at.replace(microsecond=0)

    event.save_revision()  # a draft changes nothing for subscribers
    assert vevent_of(client, event.url + "ical/", event)["SEQUENCE"] == 0

    published = event.last_published_at
    for expected in (1, 2):
        event.start += datetime.timedelta(hours=1)
        event.save_revision().publish()
        event.refresh_from_db()
        current = vevent_of(client, "/veranstaltungen/feed.ics", event)
        assert current["SEQUENCE"] == expected
        assert current.decoded("LAST-MODIFIED") == event.last_published_at.replace(microsecond=0)
        assert event.last_published_at > published
        published = event.last_published_at


def test_publication_counts_take_one_query_per_feed(client, portal):
    events = [make_event(f"Termin {n}") for n in range(4)]
    events[0].save_revision().publish()
    with CaptureQueriesContext(connection) as queries:
        calendar = Calendar.from_ical(client.get("/veranstaltungen/feed.ics").content)
    log_queries = [q for q in queries.captured_queries if "wagtailcore_pagelogentry" in q["sql"]]
    assert len(log_queries) == 1
    sequences = {str(v["UID"]): int(v["SEQUENCE"]) for v in calendar.walk("VEVENT")}
    assert sequences[f"event-{events[0].pk}@testserver"] == 1
    assert [sequences[f"event-{e.pk}@testserver"] for e in events[1:]] == [0, 0, 0]

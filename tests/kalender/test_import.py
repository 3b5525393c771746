"""Importing providers' iCalendar feeds served by a local HTTP server: create, update, delete, idempotency."""

import http.server
import threading

import pytest
from django.core.management import call_command

from kalender.importer import import_all
from kalender.models import EventPage, IcalFeed
from tests.factories import make_provider_account

pytestmark = pytest.mark.django_db

FEED = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//DE\r
BEGIN:VEVENT\r
UID:konzert-1@verein.example\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Berlin:20301105T190000\r
DTEND;TZID=Europe/Berlin:20301105T210000\r
SUMMARY:{title}\r
DESCRIPTION:Ein Abend mit Musik.\r
LOCATION:Bürgerhaus Finsterwalde\r
END:VEVENT\r
{extra}END:VCALENDAR\r
"""
SERIES = """BEGIN:VEVENT\r
UID:chor@verein.example\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Berlin:20301104T180000\r
DTEND;TZID=Europe/Berlin:20301104T193000\r
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4\r
EXDATE;TZID=Europe/Berlin:20301111T180000\r
SUMMARY:Chorprobe\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:chor@verein.example\r
DTSTAMP:20260101T000000Z\r
RECURRENCE-ID;TZID=Europe/Berlin:20301118T180000\r
DTSTART;TZID=Europe/Berlin:20301119T180000\r
DTEND;TZID=Europe/Berlin:20301119T193000\r
SUMMARY:Chorprobe\r
END:VEVENT\r
"""


@pytest.fixture
def server():
    """A local HTTP server; ``server.files[path] = bytes`` sets what it serves."""
    files = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.files = files
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_create_update_remove_and_idempotency(portal, server):
    provider, _user = make_provider_account("Musikverein")
    feed = IcalFeed.objects.create(anbieter=provider, url=server.url + "/verein.ics", trust=IcalFeed.Trust.PUBLISH)
    server.files["/verein.ics"] = FEED.format(title="Herbstkonzert", extra=SERIES).encode()

    [report] = import_all()
    assert (report.created, report.errors) == (2, [])
    concert = EventPage.objects.get(ical_uid="konzert-1@verein.example")
    assert concert.live and concert.anbieter == provider and concert.get_parent().specific.anbieter == provider
    assert concert.ort.slug == "finsterwalde" and concert.venue_name == "Bürgerhaus Finsterwalde"
    choir = EventPage.objects.get(ical_uid="chor@verein.example")
    assert choir.rrule == "FREQ=WEEKLY;COUNT=4;BYDAY=MO" and choir.repeat == "custom"
    assert [(o.start.day, o.moved) for o in choir.occurrences()] == [(4, False), (19, True), (25, False)]

    [again] = import_all()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert EventPage.objects.filter(ical_feed=feed).count() == 2

    server.files["/verein.ics"] = FEED.format(title="Herbstkonzert (neue Zeit)", extra="").encode()
    [changed] = import_all()
    assert (changed.updated, changed.removed) == (1, 1)
    concert.refresh_from_db()
    assert concert.title == "Herbstkonzert (neue Zeit)" and concert.live
    assert not EventPage.objects.get(ical_uid="chor@verein.example").live


def test_draft_trust_creates_drafts(portal, server):
    provider, _user = make_provider_account("Heimatverein")
    IcalFeed.objects.create(anbieter=provider, url=server.url + "/h.ics", trust=IcalFeed.Trust.DRAFT)
    server.files["/h.ics"] = FEED.format(title="Führung", extra="").encode()
    [report] = import_all()
    event = EventPage.objects.get(ical_uid="konzert-1@verein.example")
    assert report.created == 1 and not event.live and event.has_unpublished_changes
    event.get_latest_revision().publish()  # the service office approves
    server.files["/h.ics"] = FEED.format(title="Führung (geändert)", extra="").encode()
    [changed] = import_all()
    event.refresh_from_db()
    assert changed.updated == 1 and event.title == "Führung" and event.has_unpublished_changes  # live page untouched
    assert event.get_latest_revision_as_object().title == "Führung (geändert)"
    [again] = import_all()
    assert (again.updated, again.unchanged) == (0, 1)


def test_malformed_and_missing_feeds_are_reported_without_breaking_the_others(portal, server, capsys):
    good, _ = make_provider_account("Guter Verein")
    bad, _ = make_provider_account("Kaputter Verein")
    gone, _ = make_provider_account("Weg Verein")
    IcalFeed.objects.create(anbieter=bad, url=server.url + "/kaputt.ics")
    IcalFeed.objects.create(anbieter=gone, url=server.url + "/fehlt.ics")
    IcalFeed.objects.create(anbieter=good, url=server.url + "/gut.ics", trust=IcalFeed.Trust.PUBLISH)
    server.files["/kaputt.ics"] = b"BEGIN:VCALENDAR\r\nDas ist kein Kalender\r\n"
    server.files["/gut.ics"] = FEED.format(title="Konzert", extra="").encode()
    call_command("import_ical_feeds")
    out, err = capsys.readouterr()
    assert "Kaputter Verein" in err and "Weg Verein" in err and "3 Kalender, davon 2 mit Fehlern" in out
    assert EventPage.objects.filter(anbieter=good, live=True).count() == 1
    assert IcalFeed.objects.get(anbieter=bad).last_status == "fehler"


def test_only_http_urls_and_the_size_limit(portal, server, settings):
    provider, _ = make_provider_account("Vorsichtiger Verein")
    local_file = IcalFeed(anbieter=provider, url="file:///etc/passwd")
    [report] = import_all([local_file]) if local_file.save() is None else []
    assert "http" in report.errors[0]
    settings.ICAL_IMPORT_MAX_BYTES = 100
    server.files["/gross.ics"] = FEED.format(title="x" * 200, extra="").encode()
    [big] = import_all([IcalFeed.objects.create(anbieter=provider, url=server.url + "/gross.ics")])
    assert "größer" in big.errors[0]

"""The "Anreise mit Bus und Bahn" link: VBB Fahrinfo (HAFAS query.exe) with the venue's address as destination
(Z) and, when the next session is known, its date (TT.MM.JJJJ) and time (HH:MM) to arrive by (timesel=arrive)."""

import datetime
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import make_event, make_offer


def journey_link(client, page) -> str:
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    [link] = [a["href"] for a in html.select("a[href]") if "Anreise mit Bus und Bahn" in a.get_text()]
    return link


def test_event_link_names_the_venue_and_arrival_by_its_next_start(client, portal):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=3)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    event = make_event(
        "Seniorentanz im Bürgerhaus",
        ort="doberlug-kirchhain",
        venue_name="Bürgerhaus",
        street="Hauptstraße 5",
        postal_code="03253",
        start=start,
    )
    parts = urlsplit(journey_link(client, event))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "fahrinfo.vbb.de", "/bin/query.exe/dn")
    assert parse_qs(parts.query) == {
        "Z": ["Hauptstraße 5, 03253 Doberlug-Kirchhain"],
        "timesel": ["arrive"],
        "date": [start.strftime("%d.%m.%Y")],
        "time": ["14:00"],
    }


def test_offer_without_a_known_session_links_the_destination_only(client, portal):
    offer = make_offer(
        "Kräuterwanderung", ort="finsterwalde", street="Markt 3", postal_code="03238", schedule_note="nach Absprache"
    )
    query = parse_qs(urlsplit(journey_link(client, offer)).query)
    assert query == {"Z": ["Markt 3, 03238 Finsterwalde"], "timesel": ["arrive"]}

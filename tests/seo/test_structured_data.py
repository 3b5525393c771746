"""schema.org JSON-LD on events, offers and provider pages, with the properties rich results require."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from tests.factories import make_event, make_offer, make_provider

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    [block] = JSON_LD.findall(response.content.decode())
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    return data


def test_event_is_an_event_with_place_offer_and_organizer(client, portal):
    provider = make_provider(name="Kulturverein")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=4)
    event = make_event(
        "Konzert <im> Park",
        start=start,
        price=12,
        anbieter=provider,
        venue_name="Stadtpark",
        street="Parkweg 1",
        format="praesenz",
    )
    data = json_ld(client, event.url)
    assert data["@type"] == "Event" and data["name"] == "Konzert <im> Park"
    assert datetime.datetime.fromisoformat(data["startDate"]) == start
    assert datetime.datetime.fromisoformat(data["endDate"]) == start + datetime.timedelta(hours=2)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    place = data["location"]
    assert place["@type"] == "Place" and place["name"] == "Stadtpark"
    address = place["address"]
    assert address["@type"] == "PostalAddress" and address["streetAddress"] == "Parkweg 1"
    assert address["addressLocality"] == "Finsterwalde" and address["addressCountry"] == "DE"
    assert len(address["postalCode"]) == 5
    assert place["geo"]["@type"] == "GeoCoordinates" and 51 < place["geo"]["latitude"] < 52
    assert data["offers"] == {**data["offers"], "@type": "Offer", "price": "12.00", "priceCurrency": "EUR"}
    assert data["isAccessibleForFree"] is False
    assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"] == "Kulturverein"
    assert "<im>" not in JSON_LD.findall(client.get(event.url).content.decode())[0]  # escaped for HTML


def test_education_event_and_online_event(client, portal):
    event = make_event(
        "Vortrag",
        bereich="bildung",
        format="online",
        ort=None,
        is_free=True,
        registration_mode="extern",
        registration_url="https://example.org/anmelden",
    )
    data = json_ld(client, event.url)
    assert data["@type"] == "EducationEvent"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/anmelden"}
    assert data["isAccessibleForFree"] is True and data["offers"]["price"] == "0"


def test_offer_is_a_course_with_instances(client, portal):
    provider = make_provider(name="Volkshochschule")
    today = timezone.localdate()
    offer = make_offer("Englisch A1", anbieter=provider, price=80, schedule_note="dienstags 18 Uhr")
    data = json_ld(client, offer.url)
    assert data["@type"] == "Course" and data["provider"]["name"] == "Volkshochschule"
    assert data["offers"][0]["category"] == "Paid" and data["offers"][0]["priceCurrency"] == "EUR"
    [instance] = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] == "Onsite"
    assert instance["startDate"] == today.isoformat()
    assert instance["courseSchedule"]["description"] == "dienstags 18 Uhr"
    start = timezone.now() + datetime.timedelta(days=2)
    dated = make_offer(
        "Erste Hilfe", dates=[(start, None), (start + datetime.timedelta(days=7), None)], format="hybrid"
    )
    instances = json_ld(client, dated.url)["hasCourseInstance"]
    assert [i["courseMode"] for i in instances] == ["Blended", "Blended"]


def test_period_course_describes_its_weekly_sessions(client, portal):
    offer = make_offer(
        "Aquarell für Einsteiger",
        start_date=datetime.date(2027, 1, 12),
        end_date=datetime.date(2027, 3, 30),
        schedule_note="dienstags, 18:00–19:30 Uhr, 12 Termine",
    )
    [instance] = json_ld(client, offer.url)["hasCourseInstance"]
    schedule = instance["courseSchedule"]
    assert {key: schedule[key] for key in ("repeatFrequency", "repeatCount", "byDay", "startTime", "endTime")} == {
        "repeatFrequency": "P1W",
        "repeatCount": 12,
        "byDay": ["https://schema.org/Tuesday"],
        "startTime": "18:00",
        "endTime": "19:30",
    }
    assert (schedule["startDate"], schedule["endDate"]) == ("2027-01-12", "2027-03-30")


def test_provider_page_is_an_organization(client, portal):
    provider = make_provider(name="Heimatverein", email="info@heimat.example.org", street="Markt 2")
    data = json_ld(client, provider.get_absolute_url())
    assert data["@type"] == "Organization" and data["name"] == "Heimatverein"
    assert data["url"].endswith(provider.get_absolute_url()) and data["sameAs"] == [provider.website]
    assert data["address"]["streetAddress"] == "Markt 2"

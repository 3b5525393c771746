"""The office hears once when one address books a large share of an offer's seats (issue 14, finding 8).

Rule: ANMELDUNG_SEAT_ALERT_SHARE of the seats of the dates the address booked on one page, and at least
ANMELDUNG_SEAT_ALERT_MIN_SEATS seats; one German mail to the office per page and address, never per request.
"""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from anmeldung import services
from anmeldung.models import SeatShareAlert, Slot
from tests.factories import make_event, make_offer

API = "/api/v2/anmeldungen/"
OFFICE = "servicebuero@landkreis.example.org"


@pytest.fixture(autouse=True)
def rule(settings):
    settings.ANMELDUNG_SEAT_ALERT_SHARE, settings.ANMELDUNG_SEAT_ALERT_MIN_SEATS = 0.25, 4
    settings.SERVICE_OFFICE_EMAIL = OFFICE  # the office group has nobody with an address in these tests


def book(client, page, slot, email: str, people: int, ip: str = "198.51.100.20"):
    body = {
        "seite": page.pk,
        "termin": slot.pk,
        "name": "Bucher",
        "email": email,
        "personen": people,
        "einwilligung": True,
    }
    response = client.post(API, json.dumps(body), content_type="application/json", REMOTE_ADDR=ip)
    assert response.status_code == 201, response.content
    return response


def office_mails() -> list:
    return [m for m in mail.outbox if m.to == [OFFICE]]


def test_one_mail_per_offer_and_address_once_the_share_is_large(client, portal):
    soon = timezone.now() + datetime.timedelta(days=3)
    offer = make_offer(
        "Nähkurs",
        registration_mode="portal",
        capacity=10,
        dates=[
            (soon + datetime.timedelta(days=7 * n), soon + datetime.timedelta(days=7 * n, hours=2)) for n in range(3)
        ],
    )
    first, second, third = Slot.objects.filter(page=offer).order_by("starts_at")
    book(client, offer, first, "viel@example.org", 2)  # 2 of 10: normal
    assert office_mails() == []
    book(client, offer, second, "viel@example.org", 3)  # 5 of the 20 seats of its two dates: a quarter
    [alert] = office_mails()
    assert alert.subject == "Viele Plätze für eine Adresse: 5 von 20 – Nähkurs"
    assert "viel@example.org" in alert.body and "„Nähkurs“ 5 von 20 Plätzen" in alert.body and "(25 %)" in alert.body
    assert "/admin/anmeldung/registration/?q=viel%40example.org" in alert.body
    book(client, offer, third, "viel@example.org", 4)  # 9 of 30: still large, but the office knows already
    assert len(office_mails()) == 1
    book(client, offer, first, "familie@example.org", 6, ip="192.0.2.60")  # another address, 6 of 10
    assert [m.body.count("familie@example.org") for m in office_mails()] == [0, 1]
    assert SeatShareAlert.objects.count() == 2
    assert not SeatShareAlert.objects.filter(email_digest__contains="@").exists()  # no address kept in clear


def test_small_groups_and_the_providers_own_bookings_raise_no_alert(client, portal, provider):
    anbieter, _user = provider
    event = make_event(
        "Konzert",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=28,
        start=timezone.now() + datetime.timedelta(days=5),
    )
    slot = Slot.objects.get(page=event)
    book(client, event, slot, "paar@example.org", 2)  # below the minimum
    book(client, event, slot, "gruppe@example.org", 6)  # 6 of 28: below a quarter
    small = make_event(
        "Töpfern",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=8,
        start=timezone.now() + datetime.timedelta(days=5),
    )
    services.register(
        Slot.objects.get(page=small), name="Gruppe", email="gruppe@example.org", people=6, created_by=_user
    )  # the provider registers a group itself
    assert office_mails() == [] and not SeatShareAlert.objects.exists()


def test_a_registration_that_fails_leaves_no_alert_behind(client, portal, settings):
    event = make_event(
        "Konzert", registration_mode="portal", capacity=10, start=timezone.now() + datetime.timedelta(days=5)
    )
    settings.EMAIL_BACKEND = "tests.residents.test_mail_outage.FailingBackend"
    body = {"seite": event.pk, "name": "Bucher", "email": "viel@example.org", "personen": 6, "einwilligung": True}
    response = client.post(API, json.dumps(body), content_type="application/json")
    assert response.status_code == 503
    assert not SeatShareAlert.objects.exists()  # the retry will alert the office
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(API, json.dumps(body), content_type="application/json").status_code == 201
    assert len(office_mails()) == 1 and SeatShareAlert.objects.count() == 1

"""Fair seats (issue 14, finding 8): one connection books at most ANMELDUNG_MAX_SEATS_PER_CLIENT seats of a date.

One client took 24 of 28 seats in four requests, with four addresses of six people each.
"""

import datetime
import json

from django.utils import timezone

from anmeldung.models import Registration
from tests.factories import make_event

API = "/api/v2/anmeldungen/"


def book(client, event, n: int, people: int, ip: str):
    body = {
        "seite": event.pk,
        "name": f"Person {n}",
        "email": f"p{n}@example.org",
        "personen": people,
        "einwilligung": True,
    }
    return client.post(API, json.dumps(body), content_type="application/json", REMOTE_ADDR=ip)


def test_one_client_cannot_take_most_seats_with_several_addresses(client, portal, settings):
    settings.ANMELDUNG_MAX_SEATS_PER_CLIENT = 8
    event = make_event(
        "Konzert", registration_mode="portal", capacity=28, start=timezone.now() + datetime.timedelta(days=5)
    )
    answers = [book(client, event, n, 6, "198.51.100.9") for n in range(4)]
    assert [a.status_code for a in answers] == [201, 400, 400, 400]
    assert answers[1].json()["field"] == "personen" and "schon 8 Plätze" in answers[1].json()["message"]
    assert book(client, event, 10, 2, "198.51.100.9").status_code == 201  # up to the allowance
    assert book(client, event, 11, 1, "198.51.100.9").status_code == 400
    assert book(client, event, 12, 6, "192.0.2.50").status_code == 201  # another household
    seats = sum(
        Registration.objects.filter(email__in=[f"p{n}@example.org" for n in (0, 1, 2, 3, 10, 11)]).values_list(
            "people", flat=True
        )
    )
    assert seats == 8


def test_a_refused_registration_does_not_use_up_the_allowance(client, portal, settings):
    settings.ANMELDUNG_MAX_SEATS_PER_CLIENT = 8
    event = make_event(
        "Konzert", registration_mode="portal", capacity=28, start=timezone.now() + datetime.timedelta(days=5)
    )
    assert book(client, event, 1, 6, "198.51.100.9").status_code == 201
    assert book(client, event, 1, 2, "198.51.100.9").status_code == 400  # the same address again: refused
    assert book(client, event, 2, 2, "198.51.100.9").status_code == 201  # the two seats are still there

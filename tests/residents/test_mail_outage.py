"""The mail server is down: a registration answers 503 and stores nothing, and the retry works (issue 14, finding 14).

It answered 500 with the registration stored, so the retry met "besteht bereits" and no mail ever went out.
"""

import datetime
import json

import pytest
from django.core import mail
from django.utils import timezone

from anmeldung.models import Registration
from tests.factories import make_event

from .helpers import human


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("Mailserver nicht erreichbar")


@pytest.fixture
def event(portal):
    return make_event(
        "Kochkurs", registration_mode="portal", capacity=5, start=timezone.now() + datetime.timedelta(days=5)
    )


def api_body(event):
    return json.dumps(
        {"seite": event.pk, "name": "Anna Muster", "email": "anna@example.org", "personen": 2, "einwilligung": True}
    )


def test_registration_api_answers_503_stores_nothing_and_the_retry_succeeds(client, event, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    response = client.post("/api/v2/anmeldungen/", api_body(event), content_type="application/json")
    assert response.status_code == 503 and "nicht gespeichert" in response.json()["message"]
    assert not Registration.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retry = client.post("/api/v2/anmeldungen/", api_body(event), content_type="application/json")
    assert retry.status_code == 201 and Registration.objects.get().people == 2
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_registration_form_answers_503_in_german_and_stores_nothing(client, event, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    from anmeldung.models import Slot

    data = human(
        {
            "termin": Slot.objects.get(page=event).pk,
            "name": "Anna Muster",
            "email": "anna@example.org",
            "telefon": "",
            "personen": "1",
            "nachricht": "",
            "einwilligung": "on",
        }
    )
    response = client.post(f"/anmeldung/{event.pk}/", data)
    assert response.status_code == 503 and "nicht gespeichert" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancel_link_answers_503_changes_nothing_and_the_retry_cancels(client, event, settings):
    from anmeldung import services
    from anmeldung.models import Slot

    registration = services.register(Slot.objects.get(page=event), name="Anna Muster", email="anna@example.org")
    path = services.cancel_url(registration).split("testserver", 1)[1]
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    response = client.post(path)
    assert response.status_code == 503 and "besteht weiter" in response.content.decode()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(path).status_code == 200
    assert Registration.objects.get().status == Registration.Status.CANCELLED

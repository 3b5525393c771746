"""Retention: participants are anonymised a configurable time after the event; deletion on request."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from anmeldung import services
from anmeldung.models import Registration, Slot

from .helpers import human, link_in


def test_purge_anonymises_only_after_the_retention_period(portal, event, settings):
    settings.ANMELDUNG_RETENTION_DAYS = 30
    services.register(Slot.objects.get(page=event), name="Erika", email="erika@example.org", phone="0351 1")
    Slot.objects.filter(page=event).update(ends_at=timezone.now() - datetime.timedelta(days=29))
    call_command("purge_participants")
    assert Registration.objects.get().email == "erika@example.org"
    Slot.objects.filter(page=event).update(ends_at=timezone.now() - datetime.timedelta(days=31))
    call_command("purge_participants")
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.phone) == ("", "", "")
    assert registration.anonymised_at and registration.people == 1  # the count stays for statistics


def test_person_deletes_their_data_by_link(client, on_commit, portal, event):
    slot = Slot.objects.get(page=event)
    on_commit(lambda: services.register(slot, name="Erika", email="erika@example.org", people=3))
    on_commit(lambda: services.register(slot, name="Paul", email="paul@example.org"))
    response = client.post("/anmeldung/daten-loeschen/", human({"email": "erika@example.org"}))
    assert response.status_code == 200
    link = link_in(mail.outbox[-1], "/anmeldung/daten-loeschen/")
    on_commit(lambda: client.post(link))
    erika = Registration.objects.exclude(email="paul@example.org").get()
    assert erika.status == "storniert" and erika.email == "" and erika.name == ""
    assert Registration.objects.get(email="paul@example.org").status == "bestaetigt"  # moved up
    assert client.post("/anmeldung/daten-loeschen/falsch/").status_code == 400

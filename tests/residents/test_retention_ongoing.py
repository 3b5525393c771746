"""Registrations for ongoing offers ("laufend") are anonymised too (issue 14, finding 11).

Their slot has no end, so ``purge_participants`` never touched them. Rule: such a registration counts as
ended ANMELDUNG_OPEN_ENDED_DAYS after it was made, or when it was cancelled; ANMELDUNG_RETENTION_DAYS later
its personal data goes, like every other registration's.
"""

import datetime
import json

from django.core.management import call_command
from django.utils import timezone

from anmeldung.models import Registration, Slot
from tests.factories import make_offer


def register(client, offer, email: str):
    body = {"seite": offer.pk, "name": "Erika Muster", "email": email, "personen": 1, "einwilligung": True}
    assert client.post("/api/v2/anmeldungen/", json.dumps(body), content_type="application/json").status_code == 201
    return Registration.objects.get(email=email)


def test_registrations_on_ongoing_offers_expire_after_open_ended_and_retention_days(client, portal, settings):
    settings.ANMELDUNG_RETENTION_DAYS, settings.ANMELDUNG_OPEN_ENDED_DAYS = 30, 365
    offer = make_offer("Sprachcafé", schedule="laufend", registration_mode="portal", capacity=10)
    assert Slot.objects.get(page=offer).ends_at is None
    old, recent, cancelled = (register(client, offer, f"{n}@example.org") for n in ("alt", "neu", "storniert"))
    now = timezone.now()
    Registration.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=365 + 31))
    Registration.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=365 + 29))
    Registration.objects.filter(pk=cancelled.pk).update(
        status="storniert", cancelled_at=now - datetime.timedelta(days=31)
    )
    call_command("purge_participants")
    emails = dict(Registration.objects.values_list("pk", "email"))
    assert emails == {old.pk: "", recent.pk: "neu@example.org", cancelled.pk: ""}

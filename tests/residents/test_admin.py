"""Providers see, export, message and decide only for their own participants; the office for all."""

import datetime

from django.contrib.staticfiles import finders
from django.core import mail
from django.utils import timezone

from anmeldung import services
from anmeldung.models import Registration, Slot
from tests.factories import log_in, make_event, make_office_editor, make_provider_account
from tests.residents.helpers import registration_box


def test_providers_see_only_their_own_participants_even_by_guessing_ids(client, portal, provider, event):
    other, _other_user = make_provider_account("Kirchgemeinde", username="kirche")
    foreign = make_event("Orgelkonzert", anbieter=other, registration_mode="portal", capacity=5)
    own = services.register(Slot.objects.get(page=event), name="Eigene Person", email="eigen@example.org")
    theirs = services.register(Slot.objects.get(page=foreign), name="Fremde Person", email="fremd@example.org")
    foreign_slot = Slot.objects.get(page=foreign)

    log_in(client, "vhs")
    listing = client.get("/admin/anmeldung/registration/").content.decode()
    assert "Eigene Person" in listing and "Fremde Person" not in listing
    export = b"".join(client.get("/admin/anmeldung/registration/?export=csv").streaming_content).decode()
    assert "eigen@example.org" in export and "fremd@example.org" not in export
    assert client.get(f"/admin/anmeldung/registration/inspect/{own.pk}/").status_code == 200
    for url in (
        f"/admin/anmeldung/registration/inspect/{theirs.pk}/",
        f"/admin/anmeldung/registration/cancel/{theirs.pk}/",
        f"/admin/anmeldung/slot/message/{foreign_slot.pk}/",
        f"/admin/anmeldung/slot/cancel/{foreign_slot.pk}/",
        f"/admin/anmeldung/slot/inspect/{foreign_slot.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url, {"subject": "x", "text": "y"}).status_code in (302, 403), url
    assert Registration.objects.get(pk=theirs.pk).status == "bestaetigt"
    assert Slot.objects.get(pk=foreign_slot.pk).status == "offen"

    client.logout()
    make_office_editor()
    log_in(client, "redaktion")
    listing = client.get("/admin/anmeldung/registration/").content.decode()
    assert "Eigene Person" in listing and "Fremde Person" in listing


def test_provider_registers_on_behalf_and_confirms_minimum_with_one_action(client, portal, provider):
    anbieter, _user = provider
    event = make_event(
        "Wanderung",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=2,
        min_participants=2,
        start=timezone.now() + datetime.timedelta(days=4),
    )
    slot = Slot.objects.get(page=event)
    log_in(client, "vhs")
    for name in ("Anruferin", "Schalterkunde", "Dritte Person"):
        response = client.post(
            "/admin/anmeldung/registration/create/",
            {"termin": slot.pk, "name": name, "personen": "1", "einwilligung": "on"},
        )
        assert response.status_code == 302
    assert list(Registration.objects.values_list("name", "status")) == [
        ("Anruferin", "bestaetigt"),
        ("Schalterkunde", "bestaetigt"),
        ("Dritte Person", "warteliste"),
    ]
    assert Registration.objects.filter(created_by__username="vhs").count() == 3
    response = client.post(
        "/admin/anmeldung/registration/create/",
        {"termin": slot.pk, "name": "Zu viele", "personen": "5", "einwilligung": "on"},
    )
    assert response.status_code == 400 and "zwischen 1 und 2 Personen" in response.content.decode()

    services.register(slot, name="Online", email="online@example.org")  # waiting list too
    box = registration_box(client, event)  # the seats are in the page's live registration box (issue 17)
    assert "findet ab 2 Anmeldungen statt, 2 bisher" in box
    mail.outbox.clear()
    assert client.post(f"/admin/anmeldung/slot/confirm/{slot.pk}/").status_code == 302
    assert Slot.objects.get(pk=slot.pk).status == "findet_statt"
    assert [m.to for m in mail.outbox] == [["online@example.org"]]  # everyone with an address
    assert "findet statt" in mail.outbox[0].subject


def test_printable_programme_per_municipality(client, portal):
    make_event("Seniorentanz", ort="finsterwalde")
    make_event("Kinderkino", ort="elsterwerda")
    html = client.get("/programm/finsterwalde/").content.decode()
    assert "Programm für Finsterwalde" in html and "Seniorentanz" in html and "Kinderkino" not in html
    # the print rules come from a stylesheet file (an inline <style> is blocked by the site's CSP, issue 15)
    assert "<style" not in html and 'href="/static/anmeldung/css/programme.css"' in html
    assert "@media print" in open(finders.find("anmeldung/css/programme.css"), encoding="utf-8").read()
    assert client.get("/programm/gibt-es-nicht/").status_code == 404

"""A double click on a cancellation link: the second request gets the already-cancelled page (issue 14, finding 15).

Both requests pass the view's "still active?" check before either has cancelled; the loser then met
``ValidationError`` inside the service (PostgreSQL) or "database is locked" (SQLite) and answered 500.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from anmeldung import services
from anmeldung.models import Registration, Slot
from portal.setup import set_up_portal
from tests.factories import make_event


def registration_of(event) -> Registration:
    return services.register(Slot.objects.get(page=event), name="Anna Muster", email="anna@example.org")


def test_the_request_that_loses_the_race_gets_the_already_cancelled_page(client, portal, monkeypatch):
    event = make_event("Kochkurs", registration_mode="portal", capacity=3)
    registration = registration_of(event)
    path = services.cancel_url(registration).split("testserver", 1)[-1]
    seen_before_the_other_click = Registration.objects.get(pk=registration.pk)
    assert client.post(path).status_code == 200  # the first click
    # the second click read the registration before the first one committed
    monkeypatch.setattr(services, "registration_for_token", lambda token: seen_before_the_other_click)
    second = client.post(path)
    assert second.status_code == 400 and "bereits storniert" in second.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CANCELLED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_clicks_cancel_once_and_neither_fails():
    assert connection.vendor == "postgresql", "needs PostgreSQL: run with DATABASE_URL=postgres://…"
    set_up_portal()
    event = make_event("Kochkurs", registration_mode="portal", capacity=1)
    registration = registration_of(event)
    waiting = services.register(Slot.objects.get(page=event), name="Bert Beispiel", email="bert@example.org")
    path = services.cancel_url(registration).split("testserver", 1)[-1]
    start = threading.Barrier(2)
    mail.outbox.clear()

    def click(_n):
        try:
            start.wait()
            return Client().post(path).status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(click, range(2)))
    assert statuses == [200, 400]
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED  # moved up once
    assert len([m for m in mail.outbox if m.to == ["anna@example.org"]]) == 1

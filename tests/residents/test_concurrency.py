"""No overbooking: 200 registrations at once for 20 seats, really in parallel, on PostgreSQL."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from anmeldung import services
from anmeldung.models import Registration, Slot
from portal.setup import set_up_portal
from tests.factories import make_event


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_simultaneous_registrations_for_20_seats():
    assert connection.vendor == "postgresql", "needs PostgreSQL's row locks: run with DATABASE_URL=postgres://…"
    set_up_portal()
    event = make_event("Konzert", registration_mode="portal", capacity=20)
    slot = Slot.objects.get(page=event)
    start = threading.Barrier(40)  # 40 threads with a connection each (PostgreSQL allows 100 in all)
    errors = []

    def worker(numbers):
        try:
            start.wait()
            for n in numbers:
                services.register(slot, name=f"Person {n}", email=f"p{n}@example.org")
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=40) as pool:
        list(pool.map(worker, [range(i, 200, 40) for i in range(40)]))

    assert errors == []
    assert Registration.objects.filter(status="bestaetigt").count() == 20
    assert Registration.objects.filter(status="warteliste").count() == 180
    assert Registration.objects.values("email").distinct().count() == 200
    # the first 20 to get the lock have the seats; the queue is in the order of registration
    confirmed = list(Registration.objects.filter(status="bestaetigt").values_list("pk", flat=True))
    assert confirmed == sorted(Registration.objects.values_list("pk", flat=True))[:20]

"""Registration end to end through HTTP: seats, waiting list, move-up, cancel link, API, minimum."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from anmeldung.models import Registration, Slot
from tests.factories import make_event, make_offer

from .helpers import assert_refused, human, link_in, post_json, registration_box


def form(**fields):
    return human(
        {"name": "Erika Muster", "email": "erika@example.org", "personen": "1", "einwilligung": "on", **fields}
    )


def register(client, on_commit, page, **fields):
    return on_commit(lambda: client.post(f"/anmeldung/{page.pk}/", form(**fields)))


def test_page_shows_form_seats_and_minimum(client, provider):
    anbieter, _user = provider
    event = make_event("Yoga", anbieter=anbieter, registration_mode="portal", capacity=10, min_participants=4)
    html = registration_box(client, event)  # since issue 17 loaded into the cached page
    assert f'action="/anmeldung/{event.pk}/"' in html
    assert "10 von 10 Plätzen frei" in html
    assert "findet ab 4 Anmeldungen statt, 0 bisher" in html


def test_showing_a_page_writes_nothing_and_a_previewed_draft_leaves_the_seats_alone(client, event, django_user_model):
    """Slots follow publishing only: a page view reads them, a preview of a draft never changes them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert "3 von 3 Plätzen frei" in registration_box(client, event)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    draft = event.get_latest_revision_as_object()
    draft.title, draft.capacity = "Kochkurs (Entwurf)", 30
    draft.save_revision()
    client.force_login(django_user_model.objects.create_superuser("chefin", "chefin@example.org", "geheim-123"))
    assert "30 von 30 Plätzen frei" in client.get(f"/admin/pages/{event.pk}/view_draft/").content.decode()
    slot = Slot.objects.get(page=event)
    assert slot.title == "Kochkurs" and slot.capacity == 3
    client.logout()
    assert "3 von 3 Plätzen frei" in registration_box(client, event)


def test_full_event_puts_next_person_on_waiting_list_and_cancel_moves_up(client, on_commit, event):
    assert register(client, on_commit, event, email="a@example.org", personen="2").status_code == 200
    assert register(client, on_commit, event, email="b@example.org").status_code == 200
    response = register(client, on_commit, event, email="c@example.org", name="Carla")
    assert "Sie stehen auf der Warteliste" in response.content.decode()
    register(client, on_commit, event, email="d@example.org", name="Dora")
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "bestaetigt",
        "b@example.org": "bestaetigt",
        "c@example.org": "warteliste",
        "d@example.org": "warteliste",
    }
    confirmation = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert "bestätigt" in confirmation.subject and confirmation.alternatives[0][1] == "text/html"
    cancel_path = link_in(confirmation, "/anmeldung/abmelden/")

    assert client.get(cancel_path).status_code == 200  # asks first: a mail scanner must not cancel
    assert Registration.objects.get(email="a@example.org").status == "bestaetigt"
    mail.outbox.clear()
    on_commit(lambda: client.post(cancel_path))
    statuses = dict(Registration.objects.values_list("email", "status"))
    # two seats free: Carla and Dora move up, in order
    assert statuses == {
        "a@example.org": "storniert",
        "b@example.org": "bestaetigt",
        "c@example.org": "bestaetigt",
        "d@example.org": "bestaetigt",
    }
    assert {m.to[0] for m in mail.outbox if "frei geworden" in m.subject} == {"c@example.org", "d@example.org"}
    # the link is spent
    response = client.post(cancel_path)
    assert response.status_code == 400 and "bereits storniert" in response.content.decode()


def test_waiting_list_moves_up_strictly_in_order(client, on_commit, event):
    register(client, on_commit, event, email="a@example.org", personen="3")
    register(client, on_commit, event, email="b@example.org", personen="2")  # waits first
    register(client, on_commit, event, email="c@example.org", personen="1")  # waits behind b, not ahead
    assert Registration.objects.get(email="c@example.org").status == "warteliste"
    from anmeldung.services import cancel

    on_commit(lambda: cancel(Registration.objects.get(email="a@example.org")))
    assert set(Registration.objects.filter(status="bestaetigt").values_list("email", flat=True)) == {
        "b@example.org",
        "c@example.org",
    }


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
        ({"personen": "7"}, "personen", "zwischen 1 und 3 Personen"),
        ({"personen": "0"}, "personen", "mindestens 1 Person"),
        ({"einwilligung": ""}, "einwilligung", "stimmen Sie der Verarbeitung"),
        ({"name": ""}, "name", "Ihren Namen"),
    ],
)
def test_bad_input_is_refused_with_a_german_message_and_nothing_stored(
    client, on_commit, event, fields, field, message
):
    response = register(client, on_commit, event, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Bitte prüfen Sie Ihre Angaben" in html
    assert not Registration.objects.exists() and not mail.outbox


def test_same_email_cannot_register_twice(client, on_commit, event):
    register(client, on_commit, event)
    response = register(client, on_commit, event)
    assert response.status_code == 400 and "bereits eine Anmeldung" in response.content.decode()
    assert Registration.objects.count() == 1


def test_forged_cancel_link_changes_nothing(client, on_commit, event):
    register(client, on_commit, event)
    response = client.post("/anmeldung/abmelden/nicht-signiert/")
    assert response.status_code == 400 and "ungültig oder abgelaufen" in response.content.decode()
    assert Registration.objects.get().status == "bestaetigt"


def test_offer_with_fixed_dates_has_seats_per_date(client, on_commit, provider):
    anbieter, _user = provider
    soon = timezone.now() + datetime.timedelta(days=3)
    offer = make_offer(
        "Nähkurs",
        anbieter=anbieter,
        registration_mode="portal",
        capacity=1,
        dates=[
            (soon, soon + datetime.timedelta(hours=2)),
            (soon + datetime.timedelta(days=7), soon + datetime.timedelta(days=7, hours=2)),
        ],
    )
    first, second = Slot.objects.filter(page=offer).order_by("starts_at")
    register(client, on_commit, offer, termin=str(first.pk), email="a@example.org")
    register(client, on_commit, offer, termin=str(second.pk), email="b@example.org")
    register(client, on_commit, offer, termin=str(first.pk), email="c@example.org")
    assert dict(Registration.objects.values_list("email", "status")) == {
        "a@example.org": "bestaetigt",
        "b@example.org": "bestaetigt",
        "c@example.org": "warteliste",
    }


def test_api_registration(client, on_commit, event):
    def post(**data):
        body = {
            "seite": event.pk,
            "name": "Max",
            "email": "max@example.org",
            "personen": 1,
            "einwilligung": True,
            **data,
        }
        return on_commit(lambda: client.post("/api/v2/anmeldungen/", body, content_type="application/json"))

    response = post()
    assert response.status_code == 201
    assert response.json()["status"] == "bestaetigt"
    assert mail.outbox[-1].to == ["max@example.org"]
    response = post(email="kaputt")
    assert response.status_code == 400 and response.json()["field"] == "email"
    assert response.json()["message"].startswith("email: Bitte geben Sie eine gültige E-Mail-Adresse")
    response = post(email="zwei@example.org", personen=9)
    assert response.status_code == 400 and response.json()["field"] == "personen"
    response = post(seite=999999)
    assert response.status_code == 400 and response.json()["field"] == "seite"
    response = client.post("/api/v2/anmeldungen/", "{kein json", content_type="application/json")
    assert response.status_code == 400
    assert Registration.objects.count() == 1


def test_page_without_portal_registration_has_no_form(client, portal):
    event = make_event("Offenes Singen")
    assert client.get(f"/anmeldung/{event.pk}/").status_code == 404
    assert 'id="anmeldung"' not in client.get(event.url).content.decode()


API = "/api/v2/anmeldungen/"


def api_body(event, **fields):
    return {
        "seite": event.pk,
        "name": "Max Muster",
        "email": "max@example.org",
        "personen": 1,
        "einwilligung": True,
        **fields,
    }


def test_api_full_event_puts_the_registration_on_the_waiting_list(client, on_commit, event):
    first = on_commit(lambda: post_json(client, API, api_body(event, personen=3)))
    assert first.status_code == 201 and first.json()["status"] == "bestaetigt"
    second = on_commit(lambda: post_json(client, API, api_body(event, email="eva@example.org", telefon="03531 1")))
    assert second.status_code == 201
    assert second.json() == {
        "id": second.json()["id"],
        "status": "warteliste",
        "termin": first.json()["termin"],
        "personen": 1,
    }
    assert Registration.objects.get(pk=second.json()["id"]).phone == "03531 1"
    assert mail.outbox[-1].to == ["eva@example.org"] and "Warteliste" in mail.outbox[-1].body


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"seite": "²"}, "seite"),  # "²".isdigit() is true: was a 500
        ({"seite": 10**30}, "seite"),
        ({"seite": True}, "seite"),
        ({"termin": 999_999}, "termin"),
        ({"termin": 10**30}, "termin"),  # SQLite: OverflowError
        ({"termin": "1"}, "termin"),  # an id is a number
        ({"name": ""}, "name"),
        ({"name": ["Max"]}, "name"),
        (
            {"email": "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".de"},
            "email",
        ),  # was a 500 on PostgreSQL
        ({"personen": 0}, "personen"),
        ({"personen": 1e400}, "personen"),  # JSON's 1e400 is infinity in Python
        ({"telefon": "1" * 51}, "telefon"),
        ({"nachricht": "x" * 1001}, "nachricht"),
        ({"einwilligung": False}, "einwilligung"),
        ({"einwilligung": "ja"}, "einwilligung"),
        ({"bemerkung": "hallo"}, "bemerkung"),
    ],
)
def test_api_refuses_bad_input_naming_the_field_and_stores_nothing(client, on_commit, event, fields, field):
    assert_refused(on_commit(lambda: post_json(client, API, api_body(event, **fields))), field)
    assert not Registration.objects.exists() and not mail.outbox


def test_api_page_without_portal_registration_is_refused(client, portal):
    event = make_event("Offenes Singen")
    assert_refused(post_json(client, API, api_body(event)), "seite")


def test_api_rate_limit_answers_429_and_stores_nothing(client, on_commit, event, settings):
    settings.SPAM_RATE_LIMIT = 1
    assert on_commit(lambda: post_json(client, API, api_body(event))).status_code == 201
    response = on_commit(lambda: post_json(client, API, api_body(event, email="eva@example.org")))
    assert_refused(response, None, status=429)
    assert Registration.objects.count() == 1 and len(mail.outbox) == 1

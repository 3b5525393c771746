"""Every flow that sends mail survives a mail server that does not answer (issue 14, finding 14).

Decision (as for registration, the registration form and cancelling): the mail goes out inside the action's
transaction; if the server fails, nothing is stored or changed, the answer is 503 with a German message, and a
retry works. Actions that mail several people connect first (core.mail.check_mail_server), so that an outage
stops them before the first mail. The real SMTP backend talks to a closed loopback port here.
"""

import datetime
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from anbieter.models import ProviderRequest
from anmeldung import services, tokens
from anmeldung.models import Registration, Slot
from core.modeladmin import MAIL_FAILED
from feedback.services import invite_participants
from newsletter.models import Subscriber
from tests.factories import log_in, make_event, make_office_editor, make_request

from .helpers import human, post_json

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def closed_port() -> int:
    with socket.socket() as sock:  # a port that was just free: nothing listens there
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def mail_down(settings):
    """The real SMTP backend, pointed at a closed loopback port; ``mail_down.restore()`` brings mail back."""
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    class Switch:
        @staticmethod
        def cut():
            settings.EMAIL_BACKEND = SMTP

        @staticmethod
        def restore():
            settings.EMAIL_BACKEND = LOCMEM
            mail.outbox.clear()

    Switch.cut()
    return Switch


def assert_503_in_german(response, *phrases: str) -> str:
    assert response.status_code == 503, response.status_code
    text = response.content.decode()
    assert all(phrase in text for phrase in phrases), text[:3000]
    return text


# --- public forms ---


def test_access_request_stores_nothing_and_the_retry_works(client, portal, mail_down):
    data = human(
        {
            "organisation": "Heimatverein Doberlug",
            "kind": "verein",
            "contact_name": "Karl Klein",
            "email": "karl@heimatverein.example.org",
            "description": "Führungen und Erzählcafés.",
            "consent": "on",
        }
    )
    assert_503_in_german(client.post("/zugang/beantragen/", data), "E-Mail-Versand gestört", "nichts gespeichert")
    assert not ProviderRequest.objects.exists()
    mail_down.restore()
    assert client.post("/zugang/beantragen/", data).status_code == 302
    assert ProviderRequest.objects.count() == 1 and mail.outbox


def test_deletion_link_request_answers_503_and_the_retry_sends_the_link(client, event, mail_down):
    Registration.objects.create(
        slot=Slot.objects.get(page=event),
        name="Anna",
        email="anna@example.org",
        people=1,
        status=Registration.Status.CONFIRMED,
    )
    data = human({"email": "anna@example.org"})
    assert_503_in_german(client.post("/anmeldung/daten-loeschen/", data), "E-Mail-Versand ist gerade gestört")
    mail_down.restore()
    assert client.post("/anmeldung/daten-loeschen/", data).status_code == 200
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_deleting_personal_data_changes_nothing_while_the_cancellation_mails_cannot_go(client, event, mail_down):
    slot = Slot.objects.get(page=event)
    mail_down.restore()
    registration = services.register(slot, name="Anna Muster", email="anna@example.org")
    mail_down.cut()
    path = f"/anmeldung/daten-loeschen/{tokens.deletion_token('anna@example.org')}/"
    assert_503_in_german(client.post(path), "nichts geändert")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED and registration.email == "anna@example.org"
    mail_down.restore()
    assert client.post(path).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED and registration.email == ""


def test_newsletter_form_and_api_store_nothing_and_answer_503(client, portal, mail_down):
    form = client.post("/newsletter/", human({"email": "leser@example.org", "einwilligung": "on"}))
    assert_503_in_german(form, "nichts gespeichert")
    api = post_json(client, "/api/v2/newsletter/", {"email": "leser@example.org", "einwilligung": True})
    assert api.status_code == 503 and "nichts gespeichert" in api.json()["message"]
    assert not Subscriber.objects.exists()
    mail_down.restore()
    assert (
        post_json(client, "/api/v2/newsletter/", {"email": "leser@example.org", "einwilligung": True}).status_code
        == 202
    )
    assert Subscriber.objects.count() == 1 and [m.to for m in mail.outbox] == [["leser@example.org"]]


# --- background: rating invitations ---


def test_rating_invitations_wait_for_the_next_run_while_mail_is_down(event, mail_down):
    slot = Slot.objects.get(page=event)
    registration = Registration.objects.create(
        slot=slot, name="Anna", email="anna@example.org", people=1, status=Registration.Status.CONFIRMED
    )
    Slot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=2), ends_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert invite_participants() == 0  # no exception: the run goes on and reports what it sent
    registration.refresh_from_db()
    assert registration.feedback_invited_at is None  # not marked: the next run retries it
    mail_down.restore()
    assert invite_participants() == 1
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


# --- the service office's and the providers' actions in the admin ---


@pytest.fixture
def office(client, portal):
    editor = make_office_editor()
    log_in(client, editor.username)
    return editor


def test_approving_and_rejecting_a_request_changes_nothing_while_mail_is_down(client, office, mail_down):
    mail_down.restore()
    request = make_request()
    mail_down.cut()
    users = get_user_model().objects.count()
    assert_503_in_german(client.post(f"/admin/anbieter/providerrequest/approve/{request.pk}/"), str(MAIL_FAILED))
    assert_503_in_german(
        client.post(
            f"/admin/anbieter/providerrequest/reject/{request.pk}/",
            {"reason": "Gewerbliche Angebote nehmen wir nicht auf."},
        ),
        str(MAIL_FAILED),
    )
    request.refresh_from_db()
    assert request.status == "pending" and get_user_model().objects.count() == users


def test_inviting_a_person_creates_no_account_while_mail_is_down(client, office, provider, mail_down):
    anbieter, _user = provider
    users = get_user_model().objects.count()
    response = client.post(
        f"/admin/anbieter/anbieter/invite/{anbieter.pk}/", {"name": "Petra Paul", "email": "petra@vhs.example.org"}
    )
    assert_503_in_german(response, str(MAIL_FAILED))
    assert get_user_model().objects.count() == users
    mail_down.restore()
    assert (
        client.post(
            f"/admin/anbieter/anbieter/invite/{anbieter.pk}/", {"name": "Petra Paul", "email": "petra@vhs.example.org"}
        ).status_code
        == 302
    )
    assert [m.to for m in mail.outbox] == [["petra@vhs.example.org"]]


def test_provider_actions_on_slots_change_nothing_while_mail_is_down(client, provider, event, mail_down):
    slot = Slot.objects.get(page=event)
    mail_down.restore()
    registration = services.register(slot, name="Anna Muster", email="anna@example.org")
    mail_down.cut()
    log_in(client, "vhs")
    assert_503_in_german(client.post(f"/admin/anmeldung/slot/cancel/{slot.pk}/"), str(MAIL_FAILED))
    assert Slot.objects.get(pk=slot.pk).status == Slot.Status.OPEN
    assert_503_in_german(
        client.post(
            f"/admin/anmeldung/slot/message/{slot.pk}/", {"subject": "Raumänderung", "text": "Wir treffen uns im Saal."}
        ),
        str(MAIL_FAILED),
    )
    assert_503_in_german(client.post(f"/admin/anmeldung/registration/cancel/{registration.pk}/"), str(MAIL_FAILED))
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CONFIRMED
    response = client.post(
        "/admin/anmeldung/registration/create/",
        {"termin": slot.pk, "name": "Anrufer", "email": "anrufer@example.org", "personen": "1", "einwilligung": "on"},
    )
    assert_503_in_german(response, str(MAIL_FAILED))
    assert not Registration.objects.filter(name="Anrufer").exists()
    mail_down.restore()
    assert client.post(f"/admin/anmeldung/slot/cancel/{slot.pk}/").status_code == 302
    assert Slot.objects.get(pk=slot.pk).status == Slot.Status.CANCELLED
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


class FailsForErika:
    """A mail server that takes every mail but the one to the person who moves up."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if any("erika@example.org" in message.to for message in messages):
            raise ConnectionRefusedError("Mailserver nicht erreichbar")
        mail.outbox.extend(messages)
        return len(messages)


def test_cancelling_changes_nothing_when_the_moved_up_person_cannot_be_told(client, portal, settings, on_commit):
    event = make_event(
        "Kochkurs", registration_mode="portal", capacity=1, start=timezone.now() + datetime.timedelta(days=5)
    )
    slot = Slot.objects.get(page=event)
    anna = services.register(slot, name="Anna Muster", email="anna@example.org")
    erika = services.register(slot, name="Erika Muster", email="erika@example.org")
    assert erika.status == Registration.Status.WAITING
    settings.EMAIL_BACKEND = f"{__name__}.FailsForErika"
    path = services.cancel_url(anna).split("testserver", 1)[1]
    response = on_commit(lambda: client.post(path))  # the callbacks run as after a real commit
    assert_503_in_german(response, "besteht weiter")
    assert Registration.objects.get(pk=anna.pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=erika.pk).status == Registration.Status.WAITING
    settings.EMAIL_BACKEND = LOCMEM
    assert on_commit(lambda: client.post(path)).status_code == 200
    assert Registration.objects.get(pk=erika.pk).status == Registration.Status.CONFIRMED
    assert "erika@example.org" in {address for message in mail.outbox for address in message.to}

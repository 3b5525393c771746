"""Newsletter: double opt-in, interests, digest never twice, rerun-safe, one-click unsubscribe."""

from django.core import mail
from django.core.management import call_command

from newsletter.models import SentItem, Subscriber
from tests.factories import make_event, make_offer

from .helpers import human, link_in


def test_double_opt_in_digest_once_and_unsubscribe(client, portal):
    senior_offer = make_offer("Computer für Senioren", zielgruppen=["senioren"], ort="herzberg-elster")
    make_offer("Krabbelgruppe", zielgruppen=["familien"], ort="herzberg-elster")
    response = client.post("/newsletter/", human({"email": "Leser@Example.org", "zielgruppe": ["senioren"],
                                                  "einwilligung": "on"}))
    assert response.status_code == 200
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["leser@example.org"] and confirmation.alternatives
    call_command("send_newsletter")
    assert len(mail.outbox) == 1  # nothing before confirmation

    assert client.get(link_in(confirmation, "/newsletter/bestaetigen/")).status_code == 200
    call_command("send_newsletter")
    digest = mail.outbox[-1]
    assert "Computer für Senioren" in digest.body and "Krabbelgruppe" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "<img" not in digest.alternatives[0][0]  # no tracking pixels
    assert list(SentItem.objects.values_list("page_id", flat=True)) == [senior_offer.pk]

    call_command("send_newsletter")  # a rerun sends nothing again
    assert len(mail.outbox) == 2
    new_event = make_event("Seniorentanz", zielgruppen=["senioren"])
    call_command("send_newsletter")
    assert "Seniorentanz" in mail.outbox[-1].body and "Computer für Senioren" not in mail.outbox[-1].body
    assert SentItem.objects.filter(page_id=new_event.pk).count() == 1

    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>").replace("http://testserver", "")
    assert client.post(unsubscribe).status_code == 200  # one click from the mail program, no session
    assert not Subscriber.objects.exists()


def test_failed_mail_records_nothing_so_the_rerun_sends_it(portal, settings, monkeypatch):
    from newsletter import services
    make_offer("Yoga", zielgruppen=["senioren"])
    subscriber = Subscriber.objects.create(email="a@example.org", confirmed_at="2024-01-01T00:00Z")

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(services, "send_templated_mail", broken)
    assert services.send_digests() == (0, 0, 1)
    assert not SentItem.objects.exists()
    monkeypatch.undo()
    assert services.send_digests()[1] == 1
    assert SentItem.objects.filter(subscriber=subscriber).count() == 1


def test_invalid_email_and_bad_confirmation_link(client, portal):
    response = client.post("/newsletter/", human({"email": "kaputt", "einwilligung": "on"}))
    assert response.status_code == 400 and "gültige E-Mail-Adresse" in response.content.decode()
    assert client.get("/newsletter/bestaetigen/falsch/").status_code == 400
    assert not Subscriber.objects.exists()

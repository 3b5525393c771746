"""Newsletter: double opt-in, interests, digest never twice, rerun-safe, one-click unsubscribe."""

import pytest
from django.core import mail
from django.core.management import call_command

from newsletter.models import SentItem, Subscriber
from tests.factories import make_event, make_offer

from .helpers import assert_refused, human, link_in, post_json


def test_double_opt_in_digest_once_and_unsubscribe(client, portal):
    senior_offer = make_offer("Computer für Senioren", zielgruppen=["senioren"], ort="herzberg-elster")
    make_offer("Krabbelgruppe", zielgruppen=["familien"], ort="herzberg-elster")
    response = client.post(
        "/newsletter/", human({"email": "Leser@Example.org", "zielgruppe": ["senioren"], "einwilligung": "on"})
    )
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


# --- the JSON API: POST /api/v2/newsletter/ ---

API = "/api/v2/newsletter/"
LONG_EMAIL = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + ".de"  # valid for Django, 259 characters


def test_api_subscription_mails_the_confirmation_link(client, portal):
    response = post_json(
        client,
        API,
        {
            "email": "Leser@Example.org",
            "zielgruppe": ["senioren"],
            "ort": ["finsterwalde", "herzberg-elster"],
            "einwilligung": True,
        },
    )
    assert response.status_code == 202
    assert "bestätigen" in response.json()["message"]
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "leser@example.org" and subscriber.confirmed_at is None
    assert [z.slug for z in subscriber.zielgruppen.all()] == ["senioren"]
    assert sorted(o.slug for o in subscriber.orte.all()) == ["finsterwalde", "herzberg-elster"]
    assert mail.outbox[-1].to == ["leser@example.org"]
    assert client.get(link_in(mail.outbox[-1], "/newsletter/bestaetigen/")).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None


def test_api_answers_alike_for_new_pending_and_confirmed_addresses(client, portal):
    body = {"email": "leser@example.org", "zielgruppe": ["senioren"], "einwilligung": True}
    new = post_json(client, API, body)
    pending = post_json(client, API, {**body, "zielgruppe": ["familien"]})
    Subscriber.objects.update(confirmed_at="2025-01-01T00:00Z")
    confirmed = post_json(client, API, {**body, "zielgruppe": []})
    unknown = post_json(client, API, {**body, "email": "jemand@example.org"})
    answers = {(r.status_code, r.content) for r in (new, pending, confirmed, unknown)}
    assert answers == {(202, new.content)}  # nothing tells who subscribed
    # but the confirmed subscription's interests are not changed by whoever knows the address
    subscriber = Subscriber.objects.get(email="leser@example.org")
    assert [z.slug for z in subscriber.zielgruppen.all()] == ["familien"]
    assert len(mail.outbox) == 4 and "bereits" in mail.outbox[2].body


@pytest.mark.parametrize(
    "body, field",
    [
        ({"email": "kaputt", "einwilligung": True}, "email"),
        ({"email": LONG_EMAIL, "einwilligung": True}, "email"),  # was a 500 on PostgreSQL (varchar 254)
        ({"email": "a@example.org"}, "einwilligung"),
        ({"email": "a@example.org", "einwilligung": "nein"}, "einwilligung"),  # a form would read "nein" as ticked
        ({"email": ["a@example.org"], "einwilligung": True}, "email"),
        ({"email": "a@example.org", "einwilligung": True, "zielgruppe": ["gibt-es-nicht"]}, "zielgruppe"),
        ({"email": "a@example.org", "einwilligung": True, "ort": "finsterwalde"}, "ort"),  # a list is expected
        ({"email": "a@example.org", "einwilligung": True, "ort": ["finster\x00walde"]}, "ort"),
        ({"email": "a@example.org", "einwilligung": True, "name": "Erika"}, "name"),  # unknown field
        ("{kein json", None),
        ('["a@example.org"]', None),
    ],
)
def test_api_refuses_bad_input_naming_the_field_and_stores_nothing(client, portal, body, field):
    assert_refused(post_json(client, API, body), field)
    assert not Subscriber.objects.exists() and not mail.outbox


def test_api_takes_json_only_and_post_only(client, portal):
    response = client.post(API, {"email": "a@example.org", "einwilligung": "on"})  # form-encoded
    assert_refused(response, None)
    assert "application/json" in response.json()["message"]
    assert_refused(client.get(API), None, status=405)
    assert not Subscriber.objects.exists()


def test_api_rate_limit_answers_429_and_stores_nothing(client, portal, settings):
    settings.SPAM_RATE_LIMIT = 2
    for n in range(2):
        assert post_json(client, API, {"email": f"{n}@example.org", "einwilligung": True}).status_code == 202
    response = post_json(client, API, {"email": "3@example.org", "einwilligung": True})
    assert_refused(response, None, status=429)
    assert "Zu viele Anfragen" in response.json()["message"] and int(response["Retry-After"]) > 0
    assert Subscriber.objects.count() == 2 and len(mail.outbox) == 2
    other = post_json(client, API, {"email": "3@example.org", "einwilligung": True}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 202  # counted per address


def test_api_failed_confirmation_mail_answers_503_and_stores_nothing(client, portal, monkeypatch):
    from newsletter import services

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(services, "send_templated_mail", broken)
    response = post_json(client, API, {"email": "a@example.org", "zielgruppe": ["senioren"], "einwilligung": True})
    assert_refused(response, None, status=503)
    assert not Subscriber.objects.exists()

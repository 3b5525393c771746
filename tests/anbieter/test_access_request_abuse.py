"""The public request for an account is rate-limited and time-checked like the other public forms (issue 14, finding 7).

One client sent 15 requests with a victim's address and attacker text; all 15 were stored and mailed.
"""

import time

from django.core import mail

from anbieter.models import ProviderRequest
from security.spam import TIMESTAMP_FIELD, TOO_FAST, TOO_MANY, timestamp_token

FORM = "/zugang/beantragen/"


def request_data(n: int, **overrides) -> dict:
    return {
        "organisation": f"Verein Nummer {n}",
        "kind": "verein",
        "contact_name": "Karl Klein",
        "email": f"opfer{n}@example.org",
        "description": "Klicken Sie hier: http://angreifer.example",
        "consent": "on",
        "homepage": "",
        TIMESTAMP_FIELD: timestamp_token(time.time() - 60),
        **overrides,
    }


def test_one_client_gets_only_the_rate_limit_of_requests_through(client, portal, settings):
    settings.SPAM_RATE_LIMIT = 10
    statuses = [client.post(FORM, request_data(n), REMOTE_ADDR="198.51.100.7").status_code for n in range(15)]
    assert statuses == [302] * 10 + [400] * 5
    assert ProviderRequest.objects.count() == 10
    assert str(TOO_MANY) in client.post(FORM, request_data(99), REMOTE_ADDR="198.51.100.7").content.decode()
    assert len([m for m in mail.outbox if m.to[0].startswith("opfer")]) == 10
    assert client.post(FORM, request_data(15), REMOTE_ADDR="192.0.2.8").status_code == 302  # another client


def test_a_request_sent_without_the_form_or_too_fast_stores_nothing(client, portal):
    without_form = client.post(FORM, request_data(1, **{TIMESTAMP_FIELD: ""}))
    too_fast = client.post(FORM, request_data(2, **{TIMESTAMP_FIELD: timestamp_token()}))
    assert (without_form.status_code, too_fast.status_code) == (400, 400)
    assert str(TOO_FAST) in too_fast.content.decode()
    assert not ProviderRequest.objects.exists() and mail.outbox == []

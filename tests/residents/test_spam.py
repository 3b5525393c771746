"""security.spam: honeypot, minimum time and rate limit, on its own and on a public form."""

import time

import pytest
from django.test import RequestFactory

from bedarf.models import Wish
from security import spam

from .helpers import human


def request(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_fresh_human_submission_passes():
    data = {spam.TIMESTAMP_FIELD: spam.timestamp_token(time.time() - 10)}
    assert spam.check_submission(data, request(), "t") is None


def test_honeypot_filled_is_refused():
    data = {spam.TIMESTAMP_FIELD: spam.timestamp_token(time.time() - 10), spam.HONEYPOT_FIELD: "http://spam"}
    assert spam.check_submission(data, request(), "t") == str(spam.REJECTED)


def test_too_fast_missing_or_forged_timestamp_is_refused():
    assert spam.check_submission({spam.TIMESTAMP_FIELD: spam.timestamp_token()}, request(), "t") == str(spam.TOO_FAST)
    assert spam.check_submission({}, request(), "t") == str(spam.EXPIRED)
    forged = spam.timestamp_token(time.time() - 10)[:-2] + "xx"
    assert spam.check_submission({spam.TIMESTAMP_FIELD: forged}, request(), "t") == str(spam.EXPIRED)


def test_rate_limit_per_address_and_form(settings):
    settings.SPAM_RATE_LIMIT = 3
    data = {spam.TIMESTAMP_FIELD: spam.timestamp_token(time.time() - 10)}
    results = [spam.check_submission(data, request(), "t") for _ in range(4)]
    assert results == [None, None, None, str(spam.TOO_MANY)]
    assert spam.check_submission(data, request("10.0.0.2"), "t") is None  # another address
    assert spam.check_submission(data, request(), "other-form") is None  # another form


def test_rate_limit_counts_the_client_behind_the_proxy_not_the_proxy(settings):
    settings.SPAM_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    data = {spam.TIMESTAMP_FIELD: spam.timestamp_token(time.time() - 10)}

    def via_proxy(forwarded, **meta):
        return RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded, **meta)

    # a bot that varies what it writes into X-Forwarded-For itself is still one client
    results = [spam.check_submission(data, via_proxy(f"6.6.6.{n}, 198.51.100.7"), "t") for n in range(3)]
    assert results == [None, None, str(spam.TOO_MANY)]
    # other residents behind the same proxy are not blocked with it; X-Real-IP is not read any more
    assert spam.check_submission(data, via_proxy("198.51.100.8", HTTP_X_REAL_IP="198.51.100.7"), "t") is None


def test_obsolete_x_real_ip_setting_is_reported_by_the_system_checks(monkeypatch):
    from ops.checks import obsolete_client_address_setting

    assert obsolete_client_address_setting(None) == []
    monkeypatch.setenv("SPAM_TRUST_X_REAL_IP", "1")
    assert [warning.id for warning in obsolete_client_address_setting(None)] == ["ops.W001"]


@pytest.mark.django_db
def test_bot_on_public_form_stores_nothing(client, portal):
    response = client.post("/was-fehlt/", human({"thema": "Töpferkurs", "homepage": "http://bot.example"}))
    assert response.status_code == 400
    assert "Ihre Eingabe konnte nicht angenommen werden" in response.content.decode()
    response = client.post("/was-fehlt/", {"thema": "Töpferkurs", spam.TIMESTAMP_FIELD: spam.timestamp_token()})
    assert response.status_code == 400 and "zu schnell" in response.content.decode()
    assert not Wish.objects.exists()

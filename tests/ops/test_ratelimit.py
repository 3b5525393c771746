"""The rate-limit helper for public forms: per client, per window, German 429 with Retry-After."""

import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from security.ratelimit import RateLimit, client_ip, client_key, rate_limit

LIMIT = RateLimit("test-form", limit=3, window=60)


@rate_limit(LIMIT)
def form_view(request):
    return HttpResponse("angenommen")


def post(ip="203.0.113.5", **meta):
    return RequestFactory().post("/formular/", {"name": "x"}, REMOTE_ADDR=ip, **meta)


def test_fourth_submission_within_the_window_gets_a_german_429(db):
    for _ in range(3):
        assert form_view(post()).status_code == 200
    response = form_view(post())
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60


def test_other_clients_and_reads_are_not_counted(db):
    for _ in range(3):
        form_view(post())
    assert form_view(post(ip="203.0.113.6")).status_code == 200
    get = RequestFactory().get("/formular/", REMOTE_ADDR="203.0.113.5")
    assert form_view(get).status_code == 200


def test_a_new_window_starts_counting_afresh(db, monkeypatch):
    for _ in range(3):
        form_view(post())
    later = time.time() + 61
    monkeypatch.setattr("security.ratelimit.time.time", lambda: later)
    assert form_view(post()).status_code == 200


def test_limit_can_count_by_another_key(db):
    by_email = RateLimit("by-email", limit=1, window=60)

    @rate_limit(by_email, key=lambda request: request.POST["email"].lower())
    def view(request):
        return HttpResponse("ok")

    first = RequestFactory().post("/", {"email": "A@example.org"}, REMOTE_ADDR="198.51.100.1")
    second = RequestFactory().post("/", {"email": "a@example.org"}, REMOTE_ADDR="198.51.100.2")
    assert view(first).status_code == 200
    assert view(second).status_code == 429


def test_counters_can_be_used_directly_and_reset(db):
    request = post()
    assert LIMIT.hit(request) == 1
    assert LIMIT.hit(request) == 2
    assert not LIMIT.is_exceeded(request)
    LIMIT.hit(request)
    assert LIMIT.is_exceeded(request)
    LIMIT.reset(request)
    assert LIMIT.count(request) == 0


def test_forwarded_for_counts_only_behind_trusted_proxies():
    spoofed = post(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(spoofed) == "10.0.0.1"  # no proxy trusted: the header is the client's own claim
    with override_settings(TRUSTED_PROXY_COUNT=1):
        request = post(ip="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
        assert client_ip(request) == "198.51.100.7"  # what our proxy saw, not what the client wrote
        assert client_ip(post(ip="10.0.0.1")) == "10.0.0.1"


@pytest.mark.parametrize(
    "forwarded, client",
    [
        ("198.51.100.7, 10.0.0.2", "198.51.100.7"),  # load balancer saw the client, nginx saw the load balancer
        ("6.6.6.6, 7.7.7.7, 198.51.100.7, 10.0.0.2", "198.51.100.7"),  # what the client wrote itself is skipped
        ("198.51.100.7", "198.51.100.7"),  # skipped the load balancer: the entry nginx wrote
        ("  198.51.100.7 ,10.0.0.2 ", "198.51.100.7"),
    ],
)
def test_behind_two_proxies_the_client_is_the_rightmost_untrusted_hop(forwarded, client):
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_ip(post(ip="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)) == client


def test_x_real_ip_is_never_trusted():
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(post(ip="10.0.0.1", HTTP_X_REAL_IP="6.6.6.6")) == "10.0.0.1"
        assert (
            client_ip(post(ip="10.0.0.1", HTTP_X_REAL_IP="6.6.6.6", HTTP_X_FORWARDED_FOR="198.51.100.7"))
            == "198.51.100.7"
        )


def test_ipv6_clients_are_counted_per_64_network():
    one = post(ip="2001:db8:1:2:aaaa::1")
    other = post(ip="2001:db8:1:2:bbbb::2")
    assert client_key(one) == client_key(other) == "2001:db8:1:2::/64"
    assert client_key(post(ip="::ffff:192.0.2.1")) == "192.0.2.1"

"""Brute force against the admin logins: locked out after repeated failures, with a German message."""

import pytest
from django.contrib.auth import get_user_model

from security import spam
from security.login_throttle import per_client
from tests.residents.helpers import human

PASSWORD = "richtig-und-lang-genug-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("redakteurin", "r@example.org", PASSWORD, is_superuser=True)


def attempt(client, password, username="redakteurin", ip="198.51.100.20", path="/admin/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_fifth_wrong_password_locks_the_account_for_that_client(client, editor):
    for _ in range(5):
        assert attempt(client, "falsch").status_code == 200  # the form with its error message
    locked = attempt(client, PASSWORD)  # even the right password is not checked any more
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in page
    assert "_auth_user_id" not in client.session
    assert int(locked["Retry-After"]) > 0


def test_lockout_of_one_client_does_not_lock_out_the_editor_elsewhere(client, editor):
    for _ in range(5):
        attempt(client, "falsch", ip="198.51.100.20")
    assert attempt(client, PASSWORD, ip="192.0.2.44").status_code == 302


def test_successful_login_clears_earlier_failures(client, editor):
    for _ in range(4):
        attempt(client, "falsch")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "falsch").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_one_client_trying_many_user_names_is_stopped(client, editor):
    for n in range(20):
        attempt(client, "falsch", username=f"user{n}")
    assert attempt(client, PASSWORD).status_code == 429


def test_django_admin_login_is_throttled_too(client, editor):
    for _ in range(5):
        attempt(client, "falsch", path="/django-admin/login/")
    assert attempt(client, PASSWORD, path="/django-admin/login/").status_code == 429
    assert attempt(client, PASSWORD).status_code == 429  # the same account on the Wagtail login


def test_password_reset_mails_are_limited_per_client(client, db, mailoutbox):
    for _ in range(5):
        assert client.post("/admin/password_reset/", {"email": "x@example.org"}).status_code == 302
    response = client.post("/admin/password_reset/", {"email": "x@example.org"})
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()


@pytest.mark.parametrize(
    "proxies, meta, client_address",
    [
        (0, {"REMOTE_ADDR": "198.51.100.30", "HTTP_X_FORWARDED_FOR": "6.6.6.6"}, "198.51.100.30"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.31"}, "198.51.100.31"),
        (2, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.32, 10.0.0.2"}, "198.51.100.32"),
        (1, {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "2001:db8:5:6::1"}, "2001:db8:5:6::/64"),
    ],
)
def test_login_throttle_and_public_forms_count_the_same_client(client, portal, settings, proxies, meta, client_address):
    settings.TRUSTED_PROXY_COUNT = proxies
    client.post("/admin/login/", {"username": "niemand", "password": "falsch"}, **meta)  # the real login form
    client.post("/was-fehlt/", human({"thema": "Töpferkurs"}), **meta)  # a real public form
    assert per_client().count(ident=client_address) == 1
    assert spam.submission_limit("bedarf").count(ident=client_address) == 1

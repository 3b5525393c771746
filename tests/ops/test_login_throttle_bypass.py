"""The login throttle has no side door and no race (issue 14, finding 6).

Wagtail's front-end login for private pages (``/_util/login/``) accepted 30 wrong passwords and then the
right one while ``/admin/login/`` already answered 429; a parallel burst got 8 password checks through
instead of 5, because every request looked at the count before any had added its failure.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.signals import user_login_failed
from django.db import connection, connections
from django.test import Client

PASSWORD = "richtig-und-lang-genug-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("redakteurin", "r@example.org", PASSWORD)


def attempt(client, password, path):
    return client.post(
        path, {"username": "redakteurin", "password": password, "next": "/"}, REMOTE_ADDR="198.51.100.20"
    )


def test_front_end_login_is_throttled_like_the_admin_login(client, editor):
    for _ in range(5):
        assert attempt(client, "falsch", "/_util/login/").status_code == 200
    locked = attempt(client, PASSWORD, "/_util/login/")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session
    assert attempt(client, PASSWORD, "/admin/login/").status_code == 429  # one count for both doors


def test_failures_at_the_admin_lock_the_front_end_login_too(client, editor):
    for _ in range(5):
        attempt(client, "falsch", "/admin/login/")
    assert attempt(client, PASSWORD, "/_util/login/").status_code == 429
    assert "_auth_user_id" not in client.session


def test_successful_logins_do_not_use_up_the_clients_allowance(client, editor, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "FAILURES_PER_CLIENT": 3}
    for _ in range(5):
        assert attempt(client, PASSWORD, "/admin/login/").status_code == 302
        client.logout()


@pytest.mark.postgres
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True
)  # a flush without it re-creates content types under new ids
def test_a_parallel_burst_gets_exactly_the_limit_of_password_checks(monkeypatch):
    assert connection.vendor == "postgresql", "needs PostgreSQL: run with DATABASE_URL=postgres://…"
    get_user_model().objects.create_user("redakteurin", "r@example.org", PASSWORD)
    verify = MD5PasswordHasher.verify
    # the production hasher takes a few hundred milliseconds: that is the window a burst uses
    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda self, *args: time.sleep(0.3) or verify(self, *args))
    checks = []
    user_login_failed.connect(lambda **kwargs: checks.append(1), weak=False, dispatch_uid="burst-test")
    start = threading.Barrier(12)

    def burst(_n):
        try:
            start.wait()
            return attempt(Client(), "falsch", "/admin/login/").status_code
        finally:
            connections.close_all()

    try:
        with ThreadPoolExecutor(max_workers=12) as pool:
            statuses = sorted(pool.map(burst, range(12)))
    finally:
        user_login_failed.disconnect(dispatch_uid="burst-test")
    assert len(checks) == 5
    assert statuses == [200] * 5 + [429] * 7

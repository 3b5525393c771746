"""Signed, expiring links for people without an account: cancel a registration, delete one's data."""

from django.conf import settings
from django.core import signing

CANCEL_SALT = "anmeldung.cancel"
DELETION_SALT = "anmeldung.delete-data"


def make_token(salt: str, payload) -> str:
    return signing.dumps(payload, salt=salt, compress=True)


def read_token(salt: str, token: str, max_age: int):
    """The payload, or None for a forged, damaged or expired token."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None


def cancel_token(registration) -> str:
    # the e-mail address is part of the payload: once anonymised, the link is dead
    return make_token(CANCEL_SALT, [registration.pk, registration.email])


def cancel_payload(token: str):
    return read_token(CANCEL_SALT, token, settings.ANMELDUNG_CANCEL_LINK_MAX_AGE)


def deletion_token(email: str) -> str:
    return make_token(DELETION_SALT, email)


def deletion_email(token: str) -> str | None:
    return read_token(DELETION_SALT, token, settings.ANMELDUNG_DELETION_LINK_MAX_AGE)

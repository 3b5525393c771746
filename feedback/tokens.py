"""The personal rating link: signed, expiring, and one-time (a registration rates once)."""

from django.conf import settings
from django.core import signing

SALT = "feedback.rating"


def rating_token(registration) -> str:
    return signing.dumps(registration.pk, salt=SALT)


def registration_id(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=SALT, max_age=settings.FEEDBACK_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None

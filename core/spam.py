"""Spam protection for every public form, without third-party services.

Three checks, each cheap and invisible to people:
- a honeypot field that people never see (hidden by CSS and from screen readers) and bots fill in;
- a signed timestamp rendered with the form: a submission faster than ``SPAM_MIN_SECONDS`` after
  rendering, or with a missing, forged or very old timestamp, is refused;
- a rate limit per client address with Django's cache (``SPAM_RATE_LIMIT`` submissions per
  ``SPAM_RATE_WINDOW`` seconds and form).

Forms mix in ``SpamProtectedForm``; views call ``check_submission(form, request, scope)`` before
``form.is_valid()`` and answer with the German message it returns, without storing anything.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "homepage"
TIMESTAMP_FIELD = "formular_zeit"
_SALT = "core.spam.timestamp"

TOO_FAST = _("Das Formular wurde zu schnell abgeschickt. Bitte warten Sie einen Moment und senden Sie es erneut.")
EXPIRED = _("Das Formular ist abgelaufen. Bitte laden Sie die Seite neu und senden Sie es erneut.")
TOO_MANY = _("Zu viele Anfragen von Ihrem Anschluss. Bitte versuchen Sie es in einigen Minuten erneut.")
REJECTED = _("Ihre Eingabe konnte nicht angenommen werden.")


def _setting(name: str, default):
    return getattr(settings, name, default)


def timestamp_token(at: float | None = None) -> str:
    """The signed render time of a form."""
    return signing.dumps(int(at if at is not None else time.time()), salt=_SALT)


def timestamp_problem(token: str, now: float | None = None) -> str | None:
    """Why a form's timestamp is unacceptable, or None if it is fine."""
    now = now if now is not None else time.time()
    try:
        rendered_at = signing.loads(token or "", salt=_SALT, max_age=_setting("SPAM_MAX_FORM_AGE", 24 * 3600))
    except signing.BadSignature:  # includes SignatureExpired
        return str(EXPIRED)
    if not isinstance(rendered_at, int) or now - rendered_at < _setting("SPAM_MIN_SECONDS", 3):
        return str(TOO_FAST)
    return None


def client_address(request) -> str:
    # Behind the district's proxy REMOTE_ADDR is the proxy; it sets X-Real-IP (see README).
    if _setting("SPAM_TRUST_X_REAL_IP", False) and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"]
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, scope: str) -> bool:
    """Count this submission; True once the address has exceeded the limit within the window."""
    key = f"spam:rate:{scope}:{client_address(request)}"
    window = _setting("SPAM_RATE_WINDOW", 600)
    if cache.add(key, 1, window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return False
    return count > _setting("SPAM_RATE_LIMIT", 10)


class SpamProtectedForm(forms.Form):
    """Adds the honeypot and the signed render time; use with ``check_submission``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Bitte dieses Feld leer lassen"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        if not self.is_bound:
            self.initial[TIMESTAMP_FIELD] = timestamp_token()

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def timestamp(self):
        return self[TIMESTAMP_FIELD]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]


def check_submission(data, request, scope: str, *, check_time: bool = True) -> str | None:
    """The German reason to refuse a submission (honeypot, time, rate), or None to go ahead.

    ``data`` is the posted mapping (form data or a JSON object). JSON clients of the API render no
    form, so they are checked without the time stamp (``check_time=False``).
    """
    if rate_limited(request, scope):
        return str(TOO_MANY)
    if data.get(HONEYPOT_FIELD):
        return str(REJECTED)
    if check_time:
        return timestamp_problem(data.get(TIMESTAMP_FIELD, ""))
    return None

"""Spam protection for every public form, without third-party services.

Three checks, each cheap and invisible to people:
- a honeypot field that people never see (hidden by CSS and from screen readers) and bots fill in;
- a signed timestamp rendered with the form: a submission faster than ``SPAM_MIN_SECONDS`` after
  rendering, or with a missing, forged or very old timestamp, is refused;
- a rate limit per client and form (``SPAM_RATE_LIMIT`` submissions per ``SPAM_RATE_WINDOW`` seconds),
  counted by ``security.ratelimit``, which also decides who the client is (``TRUSTED_PROXY_COUNT``).

Forms mix in ``SpamProtectedForm``; views call ``check_submission(form, request, scope)`` before
``form.is_valid()`` and answer with the German message it returns, without storing anything.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from security.ratelimit import RateLimit

HONEYPOT_FIELD = "homepage"
TIMESTAMP_FIELD = "formular_zeit"
_SALT = "security.spam.timestamp"

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


def submission_limit(scope: str) -> RateLimit:
    """The rate limit of one public form (settings are read per call so that tests can change them)."""
    return RateLimit(f"spam-{scope}", limit=_setting("SPAM_RATE_LIMIT", 10), window=_setting("SPAM_RATE_WINDOW", 600))


def rate_limited(request, scope: str) -> bool:
    """Count this submission; True once the client has exceeded the limit within the window."""
    limit = submission_limit(scope)
    return limit.hit(request) > limit.limit


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

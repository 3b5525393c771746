"""Brute-force protection for the logins (Wagtail admin, Django admin) and the password reset form.

Failed logins are counted per client address and per (client, user name): after
``LOGIN_THROTTLE["FAILURES_PER_ACCOUNT"]`` failures for one user name, or ``FAILURES_PER_CLIENT`` failures
in all, further login attempts from that client answer 429 with a German message until the window
(``WINDOW`` seconds) ends, without checking the password. A successful login clears the user name's count.
Counting the pair rather than the user name alone keeps an attacker from locking a real editor out.

Every login POST takes its place in both counts *before* the password is checked (an atomic increment of
the shared cache), so a parallel burst gets exactly the limit of password checks through, not more; a
successful login gives its place in the client's count back. Wagtail's front-end login for private pages
(``/_util/login/``) is guarded like the admin's.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.urls import NoReverseMatch, reverse

from security.ratelimit import RateLimit, client_key, too_many_requests


def _config() -> dict:
    return settings.LOGIN_THROTTLE  # the limits and their defaults: cms/settings/base.py


def per_account() -> RateLimit:
    config = _config()
    return RateLimit("login-account", config["FAILURES_PER_ACCOUNT"], config["WINDOW"])


def per_client() -> RateLimit:
    config = _config()
    return RateLimit("login-client", config["FAILURES_PER_CLIENT"], config["WINDOW"])


def password_resets() -> RateLimit:
    config = _config()
    return RateLimit("password-reset", config["PASSWORD_RESETS_PER_CLIENT"], config["WINDOW"])


def account_ident(request, username: str) -> str:
    return f"{client_key(request)}|{username.strip().lower()}"


def _paths(*url_names: str) -> set[str]:
    paths = set()
    for name in url_names:
        try:
            paths.add(reverse(name))
        except NoReverseMatch:
            pass
    return paths


def login_paths() -> set[str]:
    return _paths("wagtailadmin_login", "admin:login", "wagtailcore_login")


def password_reset_paths() -> set[str]:
    return _paths("wagtailadmin_password_reset", "admin_password_reset")


class LoginThrottleMiddleware:
    """Refuse login POSTs from locked-out clients and limit password-reset e-mails per client."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            if request.path_info in login_paths():
                username = request.POST.get("username", "")
                for limit, ident in ((per_client(), None), (per_account(), account_ident(request, username))):
                    if limit.hit(request, ident=ident) > limit.limit:
                        return too_many_requests(request, limit, "ops/login_locked.html")
                request.login_attempt_counted = True
            elif request.path_info in password_reset_paths():
                limit = password_resets()
                if limit.is_exceeded(request):
                    return too_many_requests(request, limit)
                limit.hit(request)
        return self.get_response(request)


def count_failure(sender, credentials, request=None, **kwargs):
    if request is None:  # e.g. Client.login() in tests, management commands
        return
    if getattr(request, "login_attempt_counted", False):  # the middleware counted it before the check
        return
    per_client().hit(request)
    per_account().hit(ident=account_ident(request, credentials.get("username", "")))


def clear_account(sender, request, user, **kwargs):
    if request is not None:
        per_account().reset(ident=account_ident(request, user.get_username()))
        if getattr(request, "login_attempt_counted", False):
            per_client().give_back(request)


def connect() -> None:
    user_login_failed.connect(count_failure, dispatch_uid="security.login_throttle.count_failure")
    user_logged_in.connect(clear_account, dispatch_uid="security.login_throttle.clear_account")

"""Rate limits per client for public forms and the login, counted in the cache.

A public form view is limited like this::

    from security.ratelimit import RateLimit, rate_limit

    REGISTRATION = RateLimit("anmeldung", limit=5, window=10 * 60)  # 5 submissions per client in 10 minutes

    @rate_limit(REGISTRATION)  # counts POSTs; beyond the limit the client gets a German 429 page
    def register(request, ...):
        ...

Inside a page's ``serve()`` or a view that must decide itself (e.g. count only failures)::

    if REGISTRATION.is_exceeded(request):
        return too_many_requests(request, REGISTRATION)
    REGISTRATION.hit(request)

``ident=`` replaces the client address by another key (e.g. an e-mail address), ``key=`` on the decorator
computes it from the request.

Counting is a fixed window per scope, client and window number, in the default cache. In production that
cache must be shared by all worker processes (see README, ``CACHE_BACKEND``), or each worker counts on its
own. IPv6 clients are counted per /64 network, because one connection usually owns a whole /64.

This module is the one place that decides who the client is (``client_ip``), for the login throttle
(security/login_throttle.py) and the spam protection of public forms (security/spam.py) alike. One setting,
``TRUSTED_PROXY_COUNT``, says how many reverse proxies stand in front of the site. Each proxy appends the
address it received the request from to ``X-Forwarded-For``, so the last ``TRUSTED_PROXY_COUNT`` entries are
written by our proxies and everything left of them by whoever sent the request. The client is the rightmost
entry our proxies did not vouch for as a proxy: ``entries[-TRUSTED_PROXY_COUNT]``, the address the outermost
trusted proxy saw. Entries further left are the client's own claim and never count. With fewer entries than
trusted proxies (a request that skipped the outer proxy) it is the leftmost entry, still written by one of
ours; without the header, or with ``TRUSTED_PROXY_COUNT = 0``, it is ``REMOTE_ADDR``.
"""

import functools
import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: the rightmost X-Forwarded-For entry not written as a hop by our own proxies.

    X-Forwarded-For is trusted only as far as ``TRUSTED_PROXY_COUNT`` proxies wrote it (module docstring).
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    return address


def client_key(request: HttpRequest) -> str:
    """The unit a rate limit counts: an IPv4 address, an IPv6 /64 network, or the raw value if malformed."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def clock() -> float:
    """Seconds since the epoch: the windows' clock (a test stands it still so that its requests share a window)."""
    return time.time()


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` actions per client in ``window`` seconds, named ``scope``."""

    scope: str
    limit: int
    window: int

    def _key(self, request: HttpRequest | None, ident: str | None) -> str:
        if ident is None:
            if request is None:
                raise ValueError("RateLimit needs a request or an ident.")
            ident = client_key(request)
        digest = hashlib.sha256(ident.encode()).hexdigest()[:32]  # no addresses in clear in the cache
        return f"ratelimit:{self.scope}:{int(clock()) // self.window}:{digest}"

    def count(self, request: HttpRequest | None = None, *, ident: str | None = None) -> int:
        return cache.get(self._key(request, ident), 0)

    def is_exceeded(self, request: HttpRequest | None = None, *, ident: str | None = None) -> bool:
        """True when the client has used up its actions in the current window."""
        return self.count(request, ident=ident) >= self.limit

    def hit(self, request: HttpRequest | None = None, *, ident: str | None = None) -> int:
        """Count one action; returns the number of actions in the current window."""
        key = self._key(request, ident)
        cache.add(key, 0, self.window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window)
            return 1

    def give_back(self, request: HttpRequest | None = None, *, ident: str | None = None) -> None:
        """Undo one ``hit`` of the current window (an action counted in advance that turned out fine)."""
        try:
            if cache.decr(self._key(request, ident)) < 0:
                cache.delete(self._key(request, ident))
        except ValueError:  # expired meanwhile: nothing to give back
            pass

    def reset(self, request: HttpRequest | None = None, *, ident: str | None = None) -> None:
        cache.delete(self._key(request, ident))

    def retry_after(self) -> int:
        """Seconds until the current window ends."""
        return self.window - int(clock()) % self.window


def too_many_requests(
    request: HttpRequest, limit: RateLimit, template: str = "429.html", context: dict | None = None
) -> HttpResponse:
    """The German 429 page, with Retry-After."""
    retry = limit.retry_after()
    response = render(request, template, {"retry_minutes": max(1, -(-retry // 60)), **(context or {})}, status=429)
    response["Retry-After"] = str(retry)
    return response


def rate_limit(limit: RateLimit, methods: tuple[str, ...] = ("POST",), key: Callable[[HttpRequest], str] | None = None):
    """Decorate a view so that each client may send ``methods`` requests only ``limit.limit`` times per window."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                ident = key(request) if key else None
                if limit.is_exceeded(request, ident=ident):
                    return too_many_requests(request, limit)
                limit.hit(request, ident=ident)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

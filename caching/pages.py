"""Full-page cache for anonymous visitors: whole HTML answers, keyed by the content version.

Every public page the portal renders (Wagtail's pages and their sub-routes, listings, the calendar, provider
pages, the HTML search, feeds and the sitemap) is stored once per scheme, host, path, query string and content
version, and answered from the shared cache to the next anonymous visitor without touching the database.
Publishing, unpublishing, moving, deleting, taxonomy and provider changes and search index updates bump the
content version (``caching.content``), so the next request renders afresh; nothing needs to be found and deleted.

Who gets a cached page, decided before the session is read: GET/HEAD requests outside the admin, ``/_util/``,
``/api/`` (which has its own cache) and ``/health/``, without any cookie but the CSRF cookie (a session cookie
means a signed-in user or one with messages). What is stored, decided after the view: status 200, no cookie set
(the CSRF token of a form, a new session), and ``public`` by ``CacheControlMiddleware`` — which already says
no to signed-in users, previews, personal sessions and every view not known to be the same for everyone.

A view that must still act on a hit (the search writes its query log) attaches data to its response with
``on_cache_hit``; every hit sends ``page_served_from_cache`` with that data, so the cache needs no view.

What changes without a new content version but may be shown with a bounded age (the seat badges of cards:
registrations do not bump the content version) is shown through ``age_window``: the answer is kept only until
the end of the current time window, and fragments that show it carry the window in their key.

When a stored answer's time is up (its age window or ``PAGE_SECONDS``), the first request takes a short turn in
the shared cache and renders it anew; requests that arrive meanwhile get the old answer (``X-Cache: stale``) for
at most ``STALE_SECONDS``, instead of every worker rendering the same page at once at the end of each seat window.
A publish needs no such grace: it changes the content version, so the old answer is out of reach at once.

Each worker process also keeps the pages it served last in its own memory (``LOCAL_MAX_BYTES``), under the same
key and for no longer than the shared entry lives: a hit then reads only the content version from the shared
cache (a file-based cache opens, unpickles and decompresses every entry, most of what a hit cost).
"""

import hashlib
import math
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .content import content_version, may_use_cache

# sent on every hit with request= and data= (what the view attached with on_cache_hit, or None)
page_served_from_cache = Signal()

# The header that picks a different template for the same address (the search's results fragment for fetch()).
VARYING_REQUEST_HEADERS = ("X-Requested-With",)
HIT_DATA_ATTRIBUTE = "page_cache_hit_data"
EXPIRES_ATTRIBUTE = "page_cache_expires_at"
NOT_STORED_HEADERS = frozenset({"set-cookie", "x-cache"})


def on_cache_hit(response: HttpResponse, data: dict) -> HttpResponse:
    """Store ``data`` with this response; each later hit sends it with ``page_served_from_cache``."""
    setattr(response, HIT_DATA_ATTRIBUTE, data)
    return response


def page_cache_seconds() -> int:
    return settings.PORTAL_CACHE["PAGE_SECONDS"]


def stale_seconds() -> int:
    """How long past its time an answer may still be given while one request renders it anew."""
    return settings.PORTAL_CACHE.get("STALE_SECONDS", 0)


def clock() -> float:
    """The wall clock of the time windows (a function of its own, so that tests can move it)."""
    return time.time()


def age_window(request, seconds: int) -> str:
    """The current window of ``seconds`` for a fragment's key; the page cache keeps this answer until its end.

    Whatever is rendered under the window (the page, its fragments) was rendered within it: what the visitor
    gets from the cache is at most ``seconds`` old (plus the ``max-age`` a browser or proxy may add).
    """
    window = math.floor(clock() / seconds)
    ends = (window + 1) * seconds
    if request is not None:
        setattr(request, EXPIRES_ATTRIBUTE, min(getattr(request, EXPIRES_ATTRIBUTE, ends), ends))
    return f"{seconds}:{window}"


def entry_seconds(request) -> int:
    """How long the answer to ``request`` may stay: ``PAGE_SECONDS``, or less where it used ``age_window``."""
    expires_at = getattr(request, EXPIRES_ATTRIBUTE, None)
    if expires_at is None:
        return page_cache_seconds()
    return min(page_cache_seconds(), math.floor(expires_at - clock()))


def may_use_page_cache(request) -> bool:
    """Checked before the session: only requests that cannot belong to a signed-in user or a preview.

    Wagtail renders previews and moderation views with a dummy request for the page's public address through
    this middleware again (``is_dummy``, ``is_preview`` is set only at the view), with or without the
    editor's cookies: it must never get the public page from the cache.
    """
    bypass_header = settings.PORTAL_CACHE["PAGE_BYPASS_HEADER"]
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)
        and not request.path_info.startswith(tuple(settings.PORTAL_CACHE["PAGE_EXCLUDED_PATHS"]))
        and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
        and not (bypass_header and bypass_header in request.headers)
    )


def may_store(request, response) -> bool:
    """A 200 that sets no cookie, marked public by ``CacheControlMiddleware`` (anonymous, no preview, no
    personal session, a public view), and no request that turned out to be signed in or a preview."""
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in cache_control
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and may_use_cache(request)
    )


def page_cache_key(request) -> str:
    """Scheme, host, path, query string, the headers that choose a template, and the content version."""
    parts = [request.build_absolute_uri(), *(request.headers.get(name, "") for name in VARYING_REQUEST_HEADERS)]
    address = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{content_version()}:{address}"


def response_from_entry(request, entry: dict) -> HttpResponse:
    """The stored answer, or 304 when the request's If-None-Match / If-Modified-Since match its validators."""
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    if response.has_header("ETag") or response.has_header("Last-Modified"):
        last_modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(last_modified) if last_modified else None,
            response=response,
        )
    return response


# --- the pages this process served last, in its memory ---

LOCAL_MAX_BYTES = 16 * 1024 * 1024
_local_entries: OrderedDict[str, dict] = OrderedDict()
_local_lock = threading.Lock()
_local_bytes = 0


def _forget_locally(key: str) -> None:
    global _local_bytes
    entry = _local_entries.pop(key, None)
    if entry is not None:
        _local_bytes -= len(entry["content"])


def _keep_locally(key: str, entry: dict) -> None:
    """Keep ``entry`` in this process's memory, the longest unused ones going when the memory is full."""
    global _local_bytes
    if "stored_until" not in entry or len(entry["content"]) > LOCAL_MAX_BYTES // 8:
        return
    with _local_lock:
        _forget_locally(key)
        _local_entries[key] = entry
        _local_bytes += len(entry["content"])
        while _local_bytes > LOCAL_MAX_BYTES:
            _forget_locally(next(iter(_local_entries)))


def fresh_until(entry: dict) -> float:
    """Until when ``entry`` is current: the end of its age window or of its ``PAGE_SECONDS``, whichever is first."""
    return min(entry.get("expires_at", math.inf), entry.get("stored_until", math.inf))


def _read_entry(key: str) -> dict | None:
    """The answer stored under ``key``, current or not: from this process's memory, else from the shared cache."""
    with _local_lock:
        entry = _local_entries.get(key)
        if entry is not None:
            _local_entries.move_to_end(key)
    if entry is None:
        entry = cache.get(key)
        if entry is not None:
            _keep_locally(key, entry)
    if entry is not None and fresh_until(entry) + stale_seconds() <= clock():
        with _local_lock:
            _forget_locally(key)
        return None  # past its time and its grace (the backend's timeout is in whole seconds, or rounded)
    return entry


def stored_entry(key: str) -> dict | None:
    """The current answer stored under ``key``; None once it has outlived its age window or its time in the shared
    cache."""
    entry = _read_entry(key)
    return entry if entry is not None and clock() < fresh_until(entry) else None


def take_render_turn(key: str) -> bool:
    """True for the one request that renders the answer under ``key`` anew (for at most ``STALE_SECONDS``: a
    worker that dies while rendering holds it no longer); the others may give the old answer meanwhile."""
    return cache.add(f"{key}:rendering", True, max(1, stale_seconds()))


def end_render_turn(key: str) -> None:
    cache.delete(f"{key}:rendering")


def store_entry(key: str, entry: dict, seconds: int) -> None:
    """Current for ``seconds``; kept ``STALE_SECONDS`` longer for the requests that arrive while it is rendered anew."""
    entry["stored_until"] = clock() + seconds
    cache.set(key, entry, seconds + stale_seconds())
    _keep_locally(key, entry)


class PageCacheMiddleware:
    """Answers anonymous visitors from the cache and stores what may be shared; ``X-Cache: hit|miss``.

    Sits inside the security headers (CSP, Permissions-Policy, HSTS are added to hits as to fresh answers) and
    outside ``CacheControlMiddleware``, the session and the rest: a hit reads neither session nor database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_page_cache(request):
            return self.get_response(request)
        key = page_cache_key(request)
        entry = _read_entry(key)
        if entry is not None:
            if clock() < fresh_until(entry):
                return self.answer_from(request, entry, "hit")
            if not take_render_turn(key):  # another request renders it at this moment
                return self.answer_from(request, entry, "stale")
            try:
                return self.render(request, key)
            finally:
                end_render_turn(key)
        return self.render(request, key)

    def answer_from(self, request, entry: dict, state: str) -> HttpResponse:
        response = response_from_entry(request, entry)
        page_served_from_cache.send(sender=self.__class__, request=request, data=entry["data"])
        response["X-Cache"] = state
        return response

    def render(self, request, key: str) -> HttpResponse:
        response = self.get_response(request)
        seconds = entry_seconds(request)
        if seconds > 0 and may_store(request, response):
            entry = {
                "content": response.content,
                "headers": [
                    (name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS
                ],
                "data": getattr(response, HIT_DATA_ATTRIBUTE, None),
                "expires_at": getattr(request, EXPIRES_ATTRIBUTE, math.inf),
            }
            store_entry(key, entry, seconds)
        response["X-Cache"] = "miss"
        return response
